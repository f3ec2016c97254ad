package dev.lightbox.server.testing;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Uploads distinct real photos and reads listings, for tests of albums, marks and the trash. */
public final class Library {
  private Library() {
  }

  /** A real JPEG with {@code suffix} appended (so every call makes a distinct file); returns the bytes. */
  public static byte[] photo(String suffix) {
    try {
      byte[] photo = Files.readAllBytes(Media.file("photo/immich_picasa_tags.jpg"));
      byte[] s = suffix.getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[photo.length + s.length];
      System.arraycopy(photo, 0, out, 0, photo.length);
      System.arraycopy(s, 0, out, photo.length, s.length);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uploads a distinct photo and returns its asset id. */
  public static String upload(Http client, String suffix) {
    HttpResponse<byte[]> r = client.uploadMultipart(suffix + ".jpg", photo(suffix));
    assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
    return json(r).get("id").asText();
  }

  /** The ids of a listing's items (first page). */
  public static List<String> ids(Http client, String path) {
    HttpResponse<byte[]> r = client.get(path);
    assertThat(r.statusCode()).as(path + ": " + Http.text(r)).isEqualTo(200);
    List<String> out = new ArrayList<>();
    json(r).get("items").forEach(n -> out.add(n.get("id").asText()));
    return out;
  }

  public static HttpResponse<byte[]> patchJson(Http client, String path, String json) {
    return client.send("PATCH", path, HttpRequest.BodyPublishers.ofString(json), "Content-Type", "application/json");
  }

  public static JsonNode ok(HttpResponse<byte[]> r) {
    assertThat(r.statusCode()).as(Http.text(r)).isBetween(200, 201);
    return json(r);
  }
}
