package dev.lightbox.server.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.http.Route;
import dev.lightbox.server.storage.LibraryStorage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * The admin's migration API: start a migration or a rollback as a background job, watch its progress, stop
 * it, and read the journal. Same journal and lease as {@code lightbox migrate}. A Jetty bean: stopping the
 * server stops a running job, which stays resumable.
 */
public final class MigrationRoutes extends AbstractLifeCycle {
  private static final String BASE = "/api/admin/migrations";
  private final MigrationJobs jobs;

  public MigrationRoutes(Catalog catalog, LibraryStorage storage) {
    this.jobs = new MigrationJobs(Migrator.over(catalog, storage));
  }

  public List<Route> routes() {
    String problem = "application/problem+json";
    return List.of(
        Route.of("GET", BASE, Access.ADMIN, this::list).summary("Migration batches, the current job's progress,"
            + " and where the catalog's objects are (admin)").json(200, "Jobs, batches and totals").build(),
        Route.of("POST", BASE, Access.ADMIN, this::start)
            .summary("Start a migration as a background job, or resume the unfinished one (admin)")
            .body("json:{to,kinds,concurrency,dryRun,deleteSource,sourceGraceSeconds}")
            .json(200, "Dry run: the estimate").json(202, "Started: the batch and its estimate")
            .returns(409, "Another migration runs, or another batch is unfinished", problem).build(),
        Route.of("GET", BASE + "/{id}", Access.ADMIN, this::get).summary("One batch, with live progress (admin)")
            .json(200, "The batch").returns(404, "No such batch", problem).build(),
        Route.of("POST", BASE + "/{id}/rollback", Access.ADMIN, this::rollback)
            .summary("Move a batch's objects back as a background job (admin)")
            .body("json:{concurrency,sourceGraceSeconds}")
            .json(202, "Started: the rollback batch").returns(404, "No such batch", problem)
            .returns(409, "Another migration runs", problem).build(),
        Route.of("POST", BASE + "/{id}/stop", Access.ADMIN, this::stop)
            .summary("Stop the running job of this batch; it stays resumable (admin)").returns(202, "Stopping", null)
            .returns(404, "No job runs this batch", problem).build());
  }

  private void list(Exchange ex) {
    ObjectNode out = Json.object();
    jobs.current().ifPresentOrElse(j -> out.set("job", MigrationJson.job(j)), () -> out.putNull("job"));
    var batches = out.putArray("batches");
    jobs.migrator().status(20).forEach(b -> batches.add(MigrationJson.batch(b)));
    ObjectNode catalog = out.putObject("catalog");
    jobs.migrator().distribution().forEach((backend, kinds) -> {
      ObjectNode n = catalog.putObject(backend.id());
      kinds.forEach((k, t) -> n.set(k.id(), MigrationJson.totals(t)));
    });
    Json.send(ex, 200, out);
  }

  private void start(Exchange ex) {
    JsonNode body = Json.readObject(ex);
    MigrationRequest request = MigrationRequest.to(backend(Json.text(body, "to"))).kinds(kinds(body.get("kinds")))
        .concurrency(intField(body, "concurrency", 16)).dryRun(boolField(body, "dryRun"))
        .deleteSource(boolField(body, "deleteSource")).sourceGrace(grace(body)).build();
    if (request.dryRun()) {
      Json.send(ex, 200, MigrationJson.estimate(jobs.migrator().estimate(request)));
      return;
    }
    Json.send(ex, 202, MigrationJson.job(jobs.start(request)));
  }

  private void rollback(Exchange ex) {
    JsonNode body = ex.header("Content-Type") == null ? Json.object() : Json.readObject(ex);
    MigrationJobs.Job job = jobs.startRollback(ex.pathParam("id"), intField(body, "concurrency", 16), grace(body));
    Json.send(ex, 202, MigrationJson.job(job));
  }

  private void get(Exchange ex) {
    String id = ex.pathParam("id");
    BatchStatus found = jobs.migrator().status(id)
        .orElseThrow(() -> ServerException.notFound("migration batch " + id));
    ObjectNode out = MigrationJson.batch(found);
    jobs.current().filter(j -> id.equals(j.batchId())).ifPresent(j -> out.set("job", MigrationJson.job(j)));
    var failures = out.putArray("failures");
    jobs.migrator().failures(id, 100).forEach(f -> failures.add(MigrationJson.failure(f)));
    Json.send(ex, 200, out);
  }

  private void stop(Exchange ex) {
    if (!jobs.stop(ex.pathParam("id"))) {
      throw ServerException.notFound("a running job for batch " + ex.pathParam("id"));
    }
    ex.sendEmpty(202);
  }

  private static StorageBackend backend(String text) {
    for (StorageBackend b : StorageBackend.values()) {
      if (b.id().equals(text.toLowerCase(Locale.ROOT))) {
        return b;
      }
    }
    throw ServerException.badRequest("'to' must be disk or s3, was '" + text + "'");
  }

  private static Set<ObjectKind> kinds(JsonNode node) {
    if (node == null || node.isNull()) {
      return EnumSet.allOf(ObjectKind.class);
    }
    if (!node.isArray() || node.isEmpty()) {
      throw ServerException.badRequest("'kinds' must be a non-empty list of original, thumbnail, preview");
    }
    Set<ObjectKind> out = EnumSet.noneOf(ObjectKind.class);
    for (JsonNode k : node) {
      ObjectKind kind = k.isTextual() ? ObjectKind.fromId(k.asText()) : null;
      if (kind == null) {
        throw ServerException.badRequest("unknown kind " + k + " in 'kinds'; use original, thumbnail, preview");
      }
      out.add(kind);
    }
    return out;
  }

  private static int intField(JsonNode body, String field, int fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw ServerException.badRequest("'" + field + "' must be a whole number");
    }
    return v.asInt();
  }

  private static Duration grace(JsonNode body) {
    int seconds = intField(body, "sourceGraceSeconds", (int) MigrationRequest.DEFAULT_SOURCE_GRACE.toSeconds());
    if (seconds < 0) {
      throw ServerException.badRequest("'sourceGraceSeconds' must be zero or more");
    }
    return Duration.ofSeconds(seconds);
  }

  private static boolean boolField(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v != null && !v.isNull() && !v.isBoolean()) {
      throw ServerException.badRequest("'" + field + "' must be true or false");
    }
    return v != null && v.asBoolean();
  }

  @Override
  protected void doStop() {
    jobs.close();
  }
}
