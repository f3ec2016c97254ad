package dev.lightbox.storage.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An HTTP/1.1 proxy in front of a local S3 server that records every request head as it reaches the wire
 * (and small bodies), so tests can prove which headers a client sends where no local server enforces them
 * (SSE-C, Object Lock, checksums). A {@link #respondWith responder} may answer a request itself, as a
 * provider with a quirk would (a 301 to another region, a 403 for a missing key).
 *
 * <p>Requests are forwarded byte for byte, so signatures stay valid; only {@code Connection} is set to
 * close (one request per connection) and {@code Expect} is answered here. Neither is signed by SigV4.
 * Bodies up to {@link #MAX_RECORDED_BODY} bytes are read before the request is forwarded or answered, so
 * the responder sees them and they are recorded before the server can answer.
 */
public final class RecordingProxy implements AutoCloseable {
  public static final int MAX_RECORDED_BODY = 1 << 20;

  /** A canned answer. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {
    public static Reply s3Error(int status, String code, String message, Map<String, String> headers) {
      String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
          + "</Message></Error>";
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put("Content-Type", "application/xml");
      return new Reply(status, h, xml.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final URI upstream;
  private final ServerSocket server;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Function<RecordedRequest, Reply> responder = r -> null;
  private volatile boolean closed;

  private RecordingProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("recording-proxy-accept").start(this::acceptLoop);
  }

  /** Starts a proxy on a free loopback port in front of {@code upstream} (http only). */
  public static RecordingProxy start(URI upstream) {
    try {
      return new RecordingProxy(upstream);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the recording proxy", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Every request so far, in the order their heads arrived. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public void clear() {
    requests.clear();
  }

  /** Answers requests for which {@code responder} returns a reply; the others go to the server. */
  public void respondWith(Function<RecordedRequest, Reply> responder) {
    this.responder = responder == null ? r -> null : responder;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Thread.ofVirtual().name("recording-proxy").start(() -> handle(client));
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client; InputStream in = new java.io.BufferedInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream()) {
      String head = readHead(in);
      if (head == null) {
        return;
      }
      List<String> lines = List.of(head.split("\r\n"));
      String[] requestLine = lines.getFirst().split(" ", 3);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      List<String> forwarded = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        if (!name.equals("connection") && !name.equals("expect")) {
          forwarded.add(line);
        }
      }
      String target = requestLine[1];
      int q = target.indexOf('?');
      RecordedRequest request = new RecordedRequest(requestLine[0], q < 0 ? target : target.substring(0, q),
          q < 0 ? "" : target.substring(q + 1), headers);
      requests.add(request);
      boolean expect = "100-continue".equalsIgnoreCase(request.header("expect"));
      long length = request.header("content-length") == null ? 0 : Long.parseLong(request.header("content-length"));
      boolean chunked = request.header("transfer-encoding") != null;
      boolean small = !chunked && length <= MAX_RECORDED_BODY;
      if (expect) {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
      if (small) {
        request.body(readBody(in, length));
      }
      Reply reply = responder.apply(request);
      if (reply != null) {
        if (!small && !chunked) {
          copy(in, OutputStream.nullOutputStream(), length);
        }
        writeReply(out, request, reply);
        return;
      }
      try (Socket up = new Socket(upstream.getHost(), upstream.getPort());
          InputStream upIn = up.getInputStream(); OutputStream upOut = up.getOutputStream()) {
        StringBuilder sb = new StringBuilder(lines.getFirst()).append("\r\n");
        forwarded.forEach(l -> sb.append(l).append("\r\n"));
        sb.append("Connection: close\r\n\r\n");
        upOut.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (chunked) {
          Thread.ofVirtual().start(() -> pump(in, upOut));
        } else if (small) {
          upOut.write(request.body());
        } else {
          copy(in, upOut, length);
        }
        upOut.flush();
        relayResponse(upIn, out, request);
      }
    } catch (IOException | RuntimeException e) {
      // the client or the server went away; the request stays recorded as far as it got
    }
  }

  private static void relayResponse(InputStream upIn, OutputStream out, RecordedRequest request) throws IOException {
    byte[] buf = new byte[64 * 1024];
    boolean first = true;
    int n;
    while ((n = upIn.read(buf)) > 0) {
      if (first) {
        String start = new String(buf, 0, Math.min(n, 16), StandardCharsets.ISO_8859_1);
        if (start.startsWith("HTTP/1.") && start.length() >= 12) {
          request.status(Integer.parseInt(start.substring(9, 12)));
        }
        first = false;
      }
      out.write(buf, 0, n);
      out.flush();
    }
  }

  private static void writeReply(OutputStream out, RecordedRequest request, Reply reply) throws IOException {
    boolean head = request.method().equals("HEAD");
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(" Canned\r\n");
    reply.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    sb.append("Content-Length: ").append(head ? 0 : reply.body().length).append("\r\nConnection: close\r\n\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!head) {
      out.write(reply.body());
    }
    out.flush();
    request.status(reply.status());
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      last4 = (last4 << 8) | b;
      if (last4 == 0x0d0a0d0a) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
      }
      if (head.size() > 64 * 1024) {
        throw new IOException("request head too large");
      }
    }
    return null;
  }

  private static byte[] readBody(InputStream in, long length) throws IOException {
    return length <= 0 ? new byte[0] : in.readNBytes((int) Math.min(length, Integer.MAX_VALUE - 8));
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long left = length;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException("client closed mid-body");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private static void pump(InputStream in, OutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the exchange is over
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
