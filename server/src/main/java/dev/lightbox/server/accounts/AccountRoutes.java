package dev.lightbox.server.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.ApiHandler;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.http.Route;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Login and logout, the current user, API keys, and the admin's user management. */
public final class AccountRoutes {
  private final AuthService auth;
  private final UserService users;
  private final boolean secureCookies;

  public AccountRoutes(AuthService auth, UserService users, boolean secureCookies) {
    this.auth = auth;
    this.users = users;
    this.secureCookies = secureCookies;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("POST", "/api/auth/login", Access.PUBLIC, this::login)
            .summary("Log in; sets an HttpOnly, SameSite=Lax session cookie").body("json:{email,password}")
            .json(200, "The User").returns(400, "Email or password too long", "application/problem+json")
            .returns(401, "Wrong email or password", "application/problem+json")
            .returns(429, "Too many attempts from this account or address; see Retry-After", "application/problem+json")
            .returns(503, "Busy checking other passwords; see Retry-After", "application/problem+json").build(),
        Route.of("POST", "/api/auth/logout", Access.PUBLIC, this::logout)
            .summary("End the session and clear its cookie").returns(204, "Logged out", null).build(),
        Route.of("GET", "/api/me", Access.USER, this::me).summary("The current user").json(200, "The User").build(),
        Route.of("GET", "/api/keys", Access.USER, this::listKeys).summary("The user's API keys (never the secrets)")
            .json(200, "A list of keys").build(),
        Route.of("POST", "/api/keys", Access.USER, this::createKey).summary("Create an API key; the secret is shown once")
            .body("json:{name,expiresInDays,expiresAt}").json(201, "The key with its secret").build(),
        Route.of("DELETE", "/api/keys/{id}", Access.USER, this::deleteKey).summary("Revoke an API key")
            .returns(204, "Revoked", null).returns(404, "No such key", "application/problem+json").build(),
        Route.of("GET", "/api/users", Access.ADMIN, this::listUsers).summary("All users (admin)")
            .json(200, "A list of users").build(),
        Route.of("POST", "/api/users", Access.ADMIN, this::createUser).summary("Create a user (admin)")
            .body("json:{email,name,password,admin}").json(201, "The User")
            .returns(409, "The email is taken", "application/problem+json").build(),
        Route.of("DELETE", "/api/users/{id}", Access.ADMIN, this::deleteUser)
            .summary("Delete a user with their assets, sessions and keys (admin)").returns(204, "Deleted", null)
            .returns(404, "No such user", "application/problem+json").build());
  }

  static ObjectNode userJson(User u) {
    ObjectNode n = Json.object();
    n.put("id", u.id());
    n.put("email", u.email());
    n.put("name", u.name());
    n.put("admin", u.admin());
    n.put("createdAt", u.createdAt().toString());
    return n;
  }

  private void login(Exchange ex) {
    JsonNode body = Json.readObject(ex);
    AuthService.Session session = auth.login(Json.text(body, "email"), Json.text(body, "password"),
        ex.remoteAddress());
    ex.responseHeaders().add("Set-Cookie", cookie(session.token(), auth.sessionTtl().toSeconds()));
    ex.header("Cache-Control", "no-store");
    Json.send(ex, 200, userJson(session.user()));
  }

  private void logout(Exchange ex) {
    String token = ex.cookie(ApiHandler.SESSION_COOKIE);
    if (token != null) {
      auth.logout(token);
    }
    ex.responseHeaders().add("Set-Cookie", cookie("", 0));
    ex.sendEmpty(204);
  }

  private String cookie(String value, long maxAge) {
    return ApiHandler.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
        + (secureCookies ? "; Secure" : "");
  }

  private void me(Exchange ex) {
    Json.send(ex, 200, userJson(ex.requireUser()));
  }

  private void listKeys(Exchange ex) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    Instant now = auth.now();
    for (ApiKey k : auth.apiKeys(ex.requireUser())) {
      list.add(keyJson(k, now));
    }
    Json.send(ex, 200, list);
  }

  private static ObjectNode keyJson(ApiKey k, Instant now) {
    ObjectNode n = Json.object();
    n.put("id", k.id());
    n.put("name", k.name());
    n.put("createdAt", k.createdAt().toString());
    if (k.expiresAt() == null) {
      n.putNull("expiresAt");
    } else {
      n.put("expiresAt", k.expiresAt().toString());
    }
    n.put("expired", k.expiredAt(now));
    return n;
  }

  private void createKey(Exchange ex) {
    JsonNode body = Json.readObject(ex);
    AuthService.NewApiKey created = auth.createApiKey(ex.requireUser(), Json.text(body, "name"), expiry(body));
    ObjectNode n = keyJson(created.key(), auth.now());
    n.put("key", created.secret());
    ex.header("Cache-Control", "no-store");
    Json.send(ex, 201, n);
  }

  /** The expiry asked for: {@code expiresInDays} (a whole number) or {@code expiresAt} (ISO-8601), or none. */
  private Instant expiry(JsonNode body) {
    JsonNode days = body.get("expiresInDays");
    String at = Json.optionalText(body, "expiresAt");
    boolean hasDays = days != null && !days.isNull();
    if (hasDays && at != null) {
      throw ServerException.badRequest("give either 'expiresInDays' or 'expiresAt', not both");
    }
    if (hasDays) {
      long max = AuthService.MAX_KEY_LIFETIME.toDays();
      if (!days.canConvertToLong() || !days.isIntegralNumber() || days.asLong() < 1 || days.asLong() > max) {
        throw ServerException.badRequest("'expiresInDays' must be a whole number from 1 to " + max);
      }
      return auth.now().plus(Duration.ofDays(days.asLong()));
    }
    if (at != null) {
      try {
        return OffsetDateTime.parse(at.trim()).toInstant();
      } catch (DateTimeParseException e) {
        throw ServerException.badRequest("'expiresAt' must be an ISO-8601 date and time with an offset, such as"
            + " 2027-01-31T00:00:00Z");
      }
    }
    return null;
  }

  private void deleteKey(Exchange ex) {
    if (!auth.deleteApiKey(ex.requireUser(), ex.pathParam("id"))) {
      throw ServerException.notFound("API key " + ex.pathParam("id"));
    }
    ex.sendEmpty(204);
  }

  private void listUsers(Exchange ex) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    users.list().forEach(u -> list.add(userJson(u)));
    Json.send(ex, 200, list);
  }

  private void createUser(Exchange ex) {
    JsonNode body = Json.readObject(ex);
    JsonNode admin = body.get("admin");
    if (admin != null && !admin.isBoolean()) {
      throw ServerException.badRequest("'admin' must be true or false");
    }
    User user = users.create(Json.text(body, "email"), Json.optionalText(body, "name"), Json.text(body, "password"),
        admin != null && admin.asBoolean());
    Json.send(ex, 201, userJson(user));
  }

  private void deleteUser(Exchange ex) {
    users.delete(ex.requireUser(), ex.pathParam("id"));
    ex.sendEmpty(204);
  }
}
