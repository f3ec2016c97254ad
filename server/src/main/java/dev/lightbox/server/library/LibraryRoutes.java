package dev.lightbox.server.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.http.Route;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * The admin's API for libraries in place: register a folder or a bucket prefix, list them with their scan
 * status, rescan one now, remove one (its catalog entries only). Credentials are accepted, never sent back.
 * A Jetty bean: starting the server opens the libraries and queues their scans; stopping it stops scanning.
 */
public final class LibraryRoutes extends AbstractLifeCycle {
  private static final String BASE = "/api/libraries";
  private final LibraryService service;

  public LibraryRoutes(LibraryService service) {
    this.service = service;
  }

  public List<Route> routes() {
    String problem = "application/problem+json";
    return List.of(
        Route.of("GET", BASE, Access.ADMIN, this::list)
            .summary("Libraries in place with their scan status and file counts (admin)")
            .json(200, "The libraries").build(),
        Route.of("POST", BASE, Access.ADMIN, this::register)
            .summary("Register a folder or a bucket prefix as a read-only library and start cataloguing it (admin)")
            .body("json:{name,kind:disk|s3,path | bucket,prefix,endpoint,region,pathStyle,accessKeyId,"
                + "secretAccessKey,profile; ownerEmail}")
            .json(201, "Registered; the first scan is queued")
            .returns(400, "Missing or unreadable folder, unusable bucket settings, unknown owner", problem)
            .returns(409, "That folder or prefix is already a library", problem).build(),
        Route.of("GET", BASE + "/{id}", Access.ADMIN, this::get).summary("One library and its scan status (admin)")
            .json(200, "The library").returns(404, "No such library", problem).build(),
        Route.of("POST", BASE + "/{id}/rescan", Access.ADMIN, this::rescan)
            .summary("Rescan a library now: new, changed and removed files (admin)")
            .json(202, "Queued (or running)").returns(404, "No such library", problem).build(),
        Route.of("DELETE", BASE + "/{id}", Access.ADMIN, this::remove)
            .summary("Remove a library: its catalog entries and renditions, never its files (admin)")
            .returns(204, "Removed", null).returns(404, "No such library", problem).build());
  }

  private void list(Exchange ex) {
    ObjectNode out = Json.object();
    var array = out.putArray("libraries");
    service.list().forEach(s -> array.add(json(s)));
    Json.send(ex, 200, out);
  }

  private void get(Exchange ex) {
    Json.send(ex, 200, json(service.get(ex.pathParam("id"))));
  }

  private void rescan(Exchange ex) {
    Json.send(ex, 202, json(service.rescan(ex.pathParam("id"))));
  }

  private void remove(Exchange ex) {
    service.remove(ex.pathParam("id"));
    ex.sendEmpty(204);
  }

  private void register(Exchange ex) {
    JsonNode body = Json.readObject(ex);
    String kindText = Json.text(body, "kind").toLowerCase(Locale.ROOT);
    String name = Json.optionalText(body, "name");
    String owner = Json.optionalText(body, "ownerEmail");
    LibraryService.Registration r = switch (kindText) {
      case "disk" -> new LibraryService.Registration(name, Library.Kind.DISK, Json.text(body, "path"), null, owner);
      case "s3" -> new LibraryService.Registration(name, Library.Kind.S3, null, s3(body), owner);
      default -> throw ServerException.badRequest("'kind' must be disk or s3, was '" + kindText + "'");
    };
    Json.send(ex, 201, json(service.register(r, ex.requireUser())));
  }

  private static Library.S3Source s3(JsonNode body) {
    String keyId = Json.optionalText(body, "accessKeyId");
    String secret = Json.optionalText(body, "secretAccessKey");
    String profile = Json.optionalText(body, "profile");
    if ((keyId == null) != (secret == null)) {
      throw ServerException.badRequest("give both 'accessKeyId' and 'secretAccessKey', or neither");
    }
    if (keyId != null && profile != null) {
      throw ServerException.badRequest("give a key pair or a 'profile', not both");
    }
    JsonNode pathStyle = body.get("pathStyle");
    if (pathStyle != null && !pathStyle.isNull() && !pathStyle.isBoolean()) {
      throw ServerException.badRequest("'pathStyle' must be true or false");
    }
    String prefix = Json.optionalText(body, "prefix");
    if (prefix != null && !prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    return new Library.S3Source(Json.text(body, "bucket"), prefix == null || prefix.isEmpty() ? null : prefix,
        Json.optionalText(body, "endpoint"), Json.optionalText(body, "region"),
        pathStyle == null || pathStyle.isNull() ? null : pathStyle.asBoolean(), keyId, secret, profile);
  }

  /** A library as the API shows it: never its secret. */
  static ObjectNode json(LibraryService.Status s) {
    Library l = s.library();
    ObjectNode n = Json.object();
    n.put("id", l.id());
    n.put("name", l.name());
    n.put("kind", l.kind().id());
    n.put("where", l.where());
    n.put("ownerEmail", s.ownerEmail());
    n.put("createdAt", l.createdAt().toString());
    if (l.kind() == Library.Kind.DISK) {
      n.put("path", l.root());
    } else {
      ObjectNode b = n.putObject("s3");
      b.put("bucket", l.s3().bucket());
      b.put("prefix", l.s3().prefix());
      b.put("endpoint", l.s3().endpoint());
      b.put("region", l.s3().region());
      if (l.s3().pathStyle() != null) {
        b.put("pathStyle", l.s3().pathStyle());
      }
      b.put("credentials", l.s3().credentialsSource());
    }
    n.put("state", s.state());
    n.set("scan", s.current() == null ? null : s.current().toJson());
    n.set("lastScan", parse(s.lastScanJson()));
    ObjectNode files = n.putObject("files");
    for (String state : List.of(LibraryFile.ONLINE, LibraryFile.OFFLINE, LibraryFile.SKIPPED, LibraryFile.MANIFEST)) {
      files.put(state, s.files().getOrDefault(state, 0L));
    }
    return n;
  }

  @Override
  protected void doStart() {
    service.start();
  }

  @Override
  protected void doStop() {
    service.close();
  }

  private static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
