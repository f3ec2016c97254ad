package dev.lightbox.server.http;

import dev.lightbox.server.ServerException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The gallery's files, read once from the classpath folder {@code web/} with their type and a strong ETag. */
final class WebFiles {
  /** Every file of the gallery; a test checks this list against the folder. */
  static final List<String> NAMES = List.of("index.html", "not-found.html", "not-found.txt", "app.css",
      "icon.svg", "app.js", "api.js", "login.js", "grid.js", "upload.js", "detail.js", "format.js",
      "libraries.js", "marks.js", "views.js");

  record File(String contentType, byte[] body, String etag) {
  }

  private final Map<String, File> files;

  private WebFiles(Map<String, File> files) {
    this.files = files;
  }

  static WebFiles load() {
    Map<String, File> files = new LinkedHashMap<>();
    for (String name : NAMES) {
      try (InputStream in = WebFiles.class.getResourceAsStream("/web/" + name)) {
        if (in == null) {
          throw new ServerException(ServerException.Kind.INTERNAL, "the gallery file web/" + name
              + " is missing from the server's classpath; rebuild the server");
        }
        byte[] body = in.readAllBytes();
        files.put(name, new File(contentType(name), body, "\"" + sha256(body).substring(0, 32) + "\""));
      } catch (IOException e) {
        throw new ServerException(ServerException.Kind.INTERNAL, "cannot read the gallery file web/" + name, e);
      }
    }
    return new WebFiles(Map.copyOf(files));
  }

  /** The file, or null. */
  File get(String name) {
    return files.get(name);
  }

  static String contentType(String name) {
    String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "html" -> "text/html; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "svg" -> "image/svg+xml";
      case "txt" -> "text/plain; charset=utf-8";
      default -> "application/octet-stream";
    };
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
