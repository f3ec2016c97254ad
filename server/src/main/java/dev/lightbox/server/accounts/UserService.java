package dev.lightbox.server.accounts;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.assets.AssetService;
import dev.lightbox.server.catalog.Catalog;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Users: the first-run admin and the admin's user management. */
public final class UserService {
  private final Catalog catalog;
  private final AssetService assets;
  private final AuthService auth;

  public UserService(Catalog catalog, AssetService assets, AuthService auth) {
    this.catalog = catalog;
    this.assets = assets;
    this.auth = auth;
  }

  /**
   * Creates the admin when the catalog has no user yet. With no configured password one is generated and
   * handed to {@code announce} once; it is never stored or logged anywhere else.
   */
  public void ensureFirstAdmin(String email, String configuredPassword, Consumer<String> announce) {
    if (catalog.users().count() > 0) {
      return;
    }
    String password = configuredPassword != null ? configuredPassword : Tokens.random(15);
    create(email, "Admin", password, true);
    if (configuredPassword == null) {
      announce.accept(password);
    }
  }

  public User create(String email, String name, String password, boolean admin) {
    Credentials.checkEmail(email);
    Credentials.checkName(name);
    Credentials.checkNewPassword(password);
    if (catalog.users().findByEmail(email).isPresent()) {
      throw new ServerException(Kind.CONFLICT, "a user with email '" + email + "' exists already", false, null);
    }
    User user = new User(UUID.randomUUID().toString(), email, name == null || name.isBlank() ? email : name,
        AuthService.hashPassword(password), admin, Instant.now());
    catalog.users().insert(user);
    return user;
  }

  public List<User> list() {
    return catalog.users().list();
  }

  /** Deletes a user, their assets (with the stored objects), sessions and keys. */
  public void delete(User actor, String id) {
    if (actor.id().equals(id)) {
      throw new ServerException(Kind.CONFLICT, "you cannot delete your own account; ask another admin", false, null);
    }
    User user = catalog.users().findById(id).orElseThrow(() -> ServerException.notFound("user " + id));
    long libraries = catalog.users().librariesOwned(user.id());
    if (libraries > 0) {
      throw new ServerException(Kind.CONFLICT, user.email() + " owns " + libraries + " libraries in place; remove"
          + " them first (Libraries in the gallery, or DELETE /api/libraries/{id})", false, null);
    }
    for (String assetId : catalog.assets().idsOfOwner(user.id())) {
      assets.delete(user, assetId);
    }
    catalog.users().delete(user.id());
    auth.forgetCachedUsers();
  }
}
