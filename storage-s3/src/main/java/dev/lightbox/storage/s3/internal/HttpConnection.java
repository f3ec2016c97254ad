package dev.lightbox.storage.s3.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * One keep-alive HTTP/1.1 connection of {@link SocketLeanHttp}: writes a request, parses the status line
 * and headers, and streams the body framed by Content-Length, chunked encoding or the end of the
 * connection. A body read to its end hands the connection back to the pool; one closed early is drained
 * when little is left, else the connection is dropped.
 */
final class HttpConnection {
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final long DRAIN_LIMIT = 64 * 1024;
  private final SocketLeanHttp owner;
  private final String route;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buf = new byte[16 * 1024];
  private int pos;
  private int end;
  private boolean answered;
  private long idleSince;

  HttpConnection(SocketLeanHttp owner, String route, Socket socket) throws IOException {
    this.owner = owner;
    this.route = route;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  long idleSince() {
    return idleSince;
  }

  /** Whether any byte of the current answer has arrived (then a failure is not a stale connection). */
  boolean answered() {
    return answered;
  }

  void write(byte[] request) throws IOException {
    answered = false;
    out.write(request);
    out.flush();
  }

  LeanHttp.Response readResponse(boolean head) throws IOException {
    while (true) {
      String statusLine = readLine();
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
        throw new IOException("not an HTTP/1.x answer: " + abbreviate(statusLine));
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      List<String[]> headers = new ArrayList<>(16);
      int headerBytes = 0;
      for (String line; !(line = readLine()).isEmpty(); ) {
        headerBytes += line.length();
        if (headerBytes > MAX_HEADER_BYTES) {
          throw new IOException("the answer's headers exceed " + MAX_HEADER_BYTES + " bytes");
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.add(new String[] {line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim()});
        }
      }
      if (status >= 100 && status < 200) {
        continue; // 100 Continue and other interim answers precede the real one
      }
      return answer(status, headers, head, statusLine.startsWith("HTTP/1.0"));
    }
  }

  private LeanHttp.Response answer(int status, List<String[]> headers, boolean head, boolean http10) {
    String connection = first(headers, "connection");
    boolean keepAlive = connection == null ? !http10 : !connection.equalsIgnoreCase("close");
    String length = first(headers, "content-length");
    String encoding = first(headers, "transfer-encoding");
    Body body;
    if (head || status == 204 || status == 304) {
      body = new Body(0, false, keepAlive);
    } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = new Body(-1, true, keepAlive);
    } else if (length != null) {
      body = new Body(Long.parseLong(length.trim()), false, keepAlive);
    } else {
      body = new Body(-1, false, false);
    }
    if (body.atEnd()) {
      body.finish();
    }
    return new LeanHttp.Response() {
      @Override
      public int status() {
        return status;
      }

      @Override
      public String header(String name) {
        return first(headers, name);
      }

      @Override
      public void forEachHeader(BiConsumer<String, String> action) {
        headers.forEach(h -> action.accept(h[0], h[1]));
      }

      @Override
      public InputStream body() {
        return body;
      }

      @Override
      public void abort() {
        body.abort();
      }
    };
  }

  private static String first(List<String[]> headers, String name) {
    for (String[] h : headers) {
      if (h[0].equals(name)) {
        return h[1];
      }
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private boolean fill() throws IOException {
    if (pos < end) {
      return true;
    }
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    answered = true;
    pos = 0;
    end = n;
    return true;
  }

  private String readLine() throws IOException {
    if (!fill()) {
      throw new EOFException("the connection closed in the middle of the answer's headers");
    }
    for (int i = pos; i < end; i++) {
      if (buf[i] == '\n') { // the whole line is in the buffer, as it almost always is: no copying char by char
        int start = pos;
        pos = i + 1;
        int len = i > start && buf[i - 1] == '\r' ? i - 1 - start : i - start;
        return new String(buf, start, len, StandardCharsets.ISO_8859_1);
      }
    }
    StringBuilder line = new StringBuilder(64);
    while (true) {
      if (!fill()) {
        throw new EOFException("the connection closed in the middle of the answer's headers");
      }
      while (pos < end) {
        char c = (char) (buf[pos++] & 0xff);
        if (c == '\n') {
          int len = line.length();
          return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
        }
        if (line.length() >= MAX_HEADER_BYTES) {
          throw new IOException("a header line exceeds " + MAX_HEADER_BYTES + " bytes");
        }
        line.append(c);
      }
    }
  }

  void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** The body of one answer; framed by a length, chunks, or the end of the connection ({@code length} -1). */
  private final class Body extends InputStream {
    private long left;
    private final boolean chunked;
    private final boolean keepAlive;
    private boolean done;
    private boolean eof;

    Body(long length, boolean chunked, boolean keepAlive) {
      this.left = chunked ? 0 : length;
      this.chunked = chunked;
      this.keepAlive = keepAlive;
    }

    boolean atEnd() {
      return !chunked && left == 0;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (eof || done) {
        return -1;
      }
      if (chunked && left == 0 && !nextChunk()) {
        finish();
        return -1;
      }
      int want = left < 0 ? len : (int) Math.min(len, left);
      int n;
      if (pos < end) {
        n = Math.min(want, end - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
      } else {
        n = in.read(b, off, want);
      }
      if (n < 0) {
        if (left < 0 && !chunked) {
          eof = true;
          HttpConnection.this.close();
          return -1;
        }
        throw new EOFException("the connection closed before the end of the body");
      }
      if (left > 0) {
        left -= n;
        if (left == 0 && !chunked) {
          finish();
        }
      }
      return n;
    }

    private boolean nextChunk() throws IOException {
      if (eof) {
        return false;
      }
      String line = readLine();
      if (line.isEmpty()) {
        line = readLine(); // the CRLF after the previous chunk's data
      }
      int semicolon = line.indexOf(';');
      long size = Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailers: none are used
        }
        eof = true;
        return false;
      }
      left = size;
      return true;
    }

    /** At the end of the body: the connection goes back to the pool, or closes. */
    void finish() {
      if (done) {
        return;
      }
      done = true;
      eof = true;
      if (keepAlive) {
        idleSince = System.nanoTime();
        owner.release(route, HttpConnection.this);
      } else {
        HttpConnection.this.close();
      }
    }

    void abort() {
      if (!done) {
        done = true;
        HttpConnection.this.close();
      }
    }

    @Override
    public void close() {
      if (done) {
        return;
      }
      if (left >= 0 && !chunked && left <= DRAIN_LIMIT || chunked) {
        try {
          byte[] skip = new byte[8192];
          long drained = 0;
          while (!done && drained <= DRAIN_LIMIT) {
            int n = read(skip, 0, skip.length);
            if (n < 0) {
              break;
            }
            drained += n;
          }
        } catch (IOException e) {
          abort();
        }
      }
      abort();
    }
  }
}
