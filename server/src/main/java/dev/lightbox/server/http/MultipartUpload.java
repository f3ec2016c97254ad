package dev.lightbox.server.http;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.ingest.SpooledUpload;
import dev.lightbox.server.ingest.UploadSpooler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Streams the {@code file} part of a multipart/form-data body into the spooler, never holding the file in
 * memory, and with {@link #readParts} also the {@code sidecar} parts (metadata files kept with the asset, at
 * most {@value #MAX_SIDECARS}). Other parts are skipped. Malformed bodies are a 400 that says what was wrong.
 */
public final class MultipartUpload implements MultiPart.Parser.Listener {
  private static final int MAX_PARTS = 20;
  public static final int MAX_SIDECARS = 8;
  private final UploadSpooler spooler;
  private final boolean withSidecars;
  private final java.util.List<SpooledUpload> sidecars = new java.util.ArrayList<>();
  private boolean inSidecar;
  private String name;
  private String fileName;
  private UploadSpooler.Sink sink;
  private SpooledUpload result;
  private RuntimeException failure;
  private boolean complete;
  private int parts;

  private MultipartUpload(UploadSpooler spooler, boolean withSidecars) {
    this.spooler = spooler;
    this.withSidecars = withSidecars;
  }

  /** The {@code file} part and the {@code sidecar} parts, in order; closing removes every spooled file. */
  public record Parts(SpooledUpload file, java.util.List<SpooledUpload> sidecars) implements AutoCloseable {
    @Override
    public void close() {
      file.close();
      sidecars.forEach(SpooledUpload::close);
    }
  }

  public static SpooledUpload read(String contentType, InputStream body, UploadSpooler spooler) {
    return read(contentType, body, spooler, false).file();
  }

  /** Like {@link #read} with the {@code sidecar} parts too (each needs a file name such as {@code a.txt}). */
  public static Parts readParts(String contentType, InputStream body, UploadSpooler spooler) {
    return read(contentType, body, spooler, true);
  }

  private static Parts read(String contentType, InputStream body, UploadSpooler spooler, boolean withSidecars) {
    String boundary = MultiPart.extractBoundary(contentType);
    if (boundary == null || boundary.isEmpty()) {
      throw ServerException.badRequest("the multipart/form-data Content-Type has no boundary parameter");
    }
    MultipartUpload listener = new MultipartUpload(spooler, withSidecars);
    MultiPart.Parser parser = new MultiPart.Parser(boundary, listener);
    parser.setMaxParts(MAX_PARTS);
    try {
      while (!listener.complete && listener.failure == null) {
        byte[] buf = new byte[64 * 1024]; // fresh each time: the parser may keep a partial boundary's bytes
        int n = readBody(body, buf);
        if (n < 0) {
          break;
        }
        if (n > 0) {
          parser.parse(Content.Chunk.from(ByteBuffer.wrap(buf, 0, n), false));
        }
      }
      if (!listener.complete && listener.failure == null) {
        parser.parse(Content.Chunk.EOF);
      }
      if (listener.failure != null) {
        throw listener.failure;
      }
      if (!listener.complete) {
        throw ServerException.badRequest("the multipart body ended before its closing boundary");
      }
      if (listener.result == null) {
        throw ServerException.badRequest("the multipart body has no part named 'file'; send the file as form field 'file'");
      }
      return new Parts(listener.result, java.util.List.copyOf(listener.sidecars));
    } catch (RuntimeException e) {
      if (listener.sink != null) {
        listener.sink.close();
      }
      if (listener.result != null) {
        listener.result.close();
      }
      listener.sidecars.forEach(SpooledUpload::close);
      throw e;
    }
  }

  /** A body that breaks off (the client disconnected or stalled) is the client's fault, like on the raw path. */
  private static int readBody(InputStream body, byte[] buf) {
    try {
      return body.read(buf);
    } catch (IOException e) {
      throw new ServerException(Kind.INVALID_INPUT, "reading the multipart upload failed (" + describe(e)
          + "); the body ended early, send the file again", e);
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Writing the temp file is the server's side: its disk is full or not writable. */
  private ServerException tempWriteFailed(IOException e) {
    return new ServerException(Kind.UNAVAILABLE, "writing the upload of '" + fileName + "' to the temp folder failed ("
        + describe(e) + "); check the data dir has free space, then send it again", e);
  }

  @Override
  public void onPartBegin() {
    parts++;
    name = null;
    fileName = null;
  }

  @Override
  public void onPartHeader(String header, String value) {
    if ("content-disposition".equalsIgnoreCase(header)) {
      name = parameter(value, "name");
      String extended = parameter(value, "filename*");
      fileName = extended != null ? decodeExtended(extended) : parameter(value, "filename");
    }
  }

  @Override
  public void onPartHeaders() {
    if ("file".equals(name) && failure == null) {
      if (result != null) {
        failure = ServerException.badRequest("send one file per request; the body has two parts named 'file'");
        return;
      }
      sink = spooler.open(fileName == null || fileName.isBlank() ? "upload" : FileNames.clean(fileName));
      inSidecar = false;
    } else if (withSidecars && "sidecar".equals(name) && failure == null) {
      if (fileName == null || fileName.isBlank()) {
        failure = ServerException.badRequest("a 'sidecar' part needs a file name such as photo.xmp");
      } else if (sidecars.size() >= MAX_SIDECARS) {
        failure = ServerException.badRequest("send at most " + MAX_SIDECARS + " sidecar parts per upload");
      } else {
        sink = spooler.open(FileNames.clean(fileName));
        inSidecar = true;
      }
    }
  }

  @Override
  public void onPartContent(Content.Chunk chunk) {
    try {
      if (sink != null && failure == null) {
        ByteBuffer b = chunk.getByteBuffer();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        sink.write(bytes, 0, bytes.length);
      }
    } catch (IOException e) {
      failure = tempWriteFailed(e);
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  @Override
  public void onPartEnd() {
    if (sink != null && failure == null) {
      try {
        if (inSidecar) {
          sidecars.add(sink.finish());
        } else {
          result = sink.finish();
        }
      } catch (IOException e) {
        failure = tempWriteFailed(e);
      }
      sink = null;
    }
  }

  @Override
  public void onComplete() {
    complete = true;
  }

  @Override
  public void onFailure(Throwable t) {
    if (failure == null) {
      failure = parts > MAX_PARTS
          ? ServerException.badRequest("the multipart body has more than " + MAX_PARTS + " parts")
          : ServerException.badRequest("the multipart body is malformed: " + t.getMessage());
    }
  }

  public static String parameter(String header, String param) {
    for (String piece : splitParameters(header)) {
      String p = piece.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(param)) {
        String v = p.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
      }
    }
    return null;
  }

  /** Splits at semicolons outside quoted strings. */
  private static java.util.List<String> splitParameters(String header) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '\\' && quoted && i + 1 < header.length()) {
        current.append(c).append(header.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ';' && !quoted) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString());
    return out;
  }

  /** Decodes an RFC 5987 value such as {@code UTF-8''caf%C3%A9.png}. */
  public static String decodeExtended(String value) {
    int quote = value.indexOf("''");
    if (quote < 0) {
      return value;
    }
    try {
      return java.net.URLDecoder.decode(value.substring(quote + 2).replace("+", "%2B"),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ServerException(Kind.INVALID_INPUT, "the file name '" + value + "' is not valid RFC 5987 encoding");
    }
  }
}
