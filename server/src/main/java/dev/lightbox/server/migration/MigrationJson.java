package dev.lightbox.server.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.http.Json;
import java.time.Duration;

/** The migration API's JSON: jobs with live progress and reports, batches, estimates. */
final class MigrationJson {
  private MigrationJson() {
  }

  static ObjectNode job(MigrationJobs.Job j) {
    ObjectNode n = Json.object();
    n.put("batchId", j.batchId());
    n.put("operation", j.operation());
    n.put("running", j.running());
    n.set("estimate", estimate(j.estimate()));
    MigrationProgress p = j.progress();
    if (p != null) {
      MigrationProgress.Snapshot s = p.snapshot();
      ObjectNode progress = n.putObject("progress");
      progress.put("phase", s.phase());
      progress.put("objectsDone", s.objectsDone());
      progress.put("totalObjects", s.totalObjects());
      progress.put("bytesDone", s.bytesDone());
      progress.put("totalBytes", s.totalBytes());
      progress.put("objectsPerSecond", Math.round(s.objectsPerSecond() * 10) / 10.0);
      progress.put("bytesPerSecond", Math.round(s.bytesPerSecond()));
      Duration eta = s.eta();
      progress.put("etaSeconds", eta == null ? null : eta.toSeconds());
    }
    MigrationReport r = j.report();
    if (r != null) {
      ObjectNode report = n.putObject("report");
      report.put("state", r.state());
      report.put("moved", r.moved());
      report.put("skipped", r.skipped());
      report.put("leftAlone", r.leftAlone());
      report.put("failed", r.failed());
      report.put("bytesCopied", r.bytesCopied());
      report.put("sourcesDeleted", r.sourcesDeleted());
      report.put("seconds", r.elapsed().toMillis() / 1000.0);
      report.put("stopReason", r.stopReason());
      var failures = report.putArray("failures");
      r.failures().forEach(f -> failures.add(failure(f)));
    }
    n.put("error", j.error());
    return n;
  }

  static ObjectNode batch(BatchStatus b) {
    ObjectNode n = Json.object();
    n.put("id", b.id());
    n.put("operation", b.operation());
    n.put("source", b.source());
    n.put("target", b.target());
    n.put("kinds", b.kinds());
    n.put("deleteSource", b.deleteSource());
    n.put("rollbackOf", b.rollbackOf());
    n.put("state", b.state());
    n.put("plannedObjects", b.plannedObjects());
    n.put("plannedBytes", b.plannedBytes());
    n.put("bytesDone", b.bytesDone());
    ObjectNode items = n.putObject("items");
    b.items().forEach(items::put);
    n.put("message", b.message());
    n.put("createdAt", b.createdAt().toString());
    n.put("finishedAt", b.finishedAt() == null ? null : b.finishedAt().toString());
    n.put("runner", b.runner());
    return n;
  }

  static ObjectNode estimate(MigrationEstimate e) {
    ObjectNode n = Json.object();
    n.put("source", e.source().id());
    n.put("target", e.target().id());
    n.put("resumingBatch", e.resumingBatch());
    n.put("objects", e.objects());
    n.put("bytes", e.bytes());
    ObjectNode kinds = n.putObject("byKind");
    e.byKind().forEach((k, t) -> kinds.set(k.id(), totals(t)));
    return n;
  }

  static ObjectNode totals(MigrationEstimate.Totals t) {
    ObjectNode n = Json.object();
    n.put("objects", t.objects());
    n.put("bytes", t.bytes());
    return n;
  }

  static ObjectNode failure(MigrationReport.Failure f) {
    ObjectNode n = Json.object();
    n.put("assetId", f.assetId());
    n.put("kind", f.kind());
    n.put("reason", f.reason());
    return n;
  }
}
