package dev.lightbox.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** Logs in and creates users and API keys through the API, as a client would. */
public final class Users {
  public static final ObjectMapper JSON = new ObjectMapper();

  private Users() {
  }

  public static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client carrying the session cookie of {@code email}. */
  public static Http login(Http anonymous, String email, String password) {
    HttpResponse<byte[]> r = anonymous.postJson("/api/auth/login",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return anonymous.with("Cookie", cookie.substring(0, cookie.indexOf(';')));
  }

  public static Http admin(Http anonymous) {
    return login(anonymous, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
  }

  /** Creates a user (as admin) and returns a client using a fresh API key of theirs. */
  public static Http userWithApiKey(Http anonymous, String email) {
    Http admin = admin(anonymous);
    HttpResponse<byte[]> created = admin.postJson("/api/users",
        "{\"email\":\"" + email + "\",\"name\":\"" + email + "\",\"password\":\"password-" + email + "\"}");
    assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
    Http session = login(anonymous, email, "password-" + email);
    HttpResponse<byte[]> key = session.postJson("/api/keys", "{\"name\":\"tests\"}");
    assertThat(key.statusCode()).as(Http.text(key)).isEqualTo(201);
    return anonymous.with("x-api-key", json(key).get("key").asText());
  }
}
