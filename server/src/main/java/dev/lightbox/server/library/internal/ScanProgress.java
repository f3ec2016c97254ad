package dev.lightbox.server.library.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** The counts of one scan, updated while it runs and read by the status endpoint at any time. */
public final class ScanProgress {
  private static final int MAX_ERRORS_KEPT = 20;
  private final Instant startedAt;
  private volatile Instant finishedAt;
  private volatile String failure;
  final AtomicLong found = new AtomicLong();
  final AtomicLong catalogued = new AtomicLong();
  final AtomicLong linked = new AtomicLong();
  final AtomicLong unchanged = new AtomicLong();
  final AtomicLong backOnline = new AtomicLong();
  final AtomicLong wentOffline = new AtomicLong();
  final AtomicLong manifests = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  private final Map<String, Long> skipped = new TreeMap<>();
  private final List<String> errorSamples = new ArrayList<>();

  public ScanProgress(Instant startedAt) {
    this.startedAt = startedAt;
  }

  synchronized void skip(String reason) {
    skipped.merge(reason, 1L, Long::sum);
  }

  synchronized void error(String key, Exception e) {
    errors.incrementAndGet();
    if (errorSamples.size() < MAX_ERRORS_KEPT) {
      errorSamples.add(key + ": " + e.getMessage());
    }
  }

  public long catalogued() {
    return catalogued.get();
  }

  public long errors() {
    return errors.get();
  }

  public synchronized Map<String, Long> skipped() {
    return Map.copyOf(skipped);
  }

  public void finish(Instant at, String failureMessage) {
    this.failure = failureMessage;
    this.finishedAt = at;
  }

  public boolean finished() {
    return finishedAt != null;
  }

  public synchronized ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("startedAt", startedAt.toString());
    n.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
    n.put("found", found.get());
    n.put("catalogued", catalogued.get());
    n.put("linked", linked.get());
    n.put("unchanged", unchanged.get());
    n.put("backOnline", backOnline.get());
    n.put("wentOffline", wentOffline.get());
    n.put("manifests", manifests.get());
    n.put("errors", errors.get());
    ObjectNode s = n.putObject("skipped");
    skipped.forEach(s::put);
    var samples = n.putArray("errorSamples");
    errorSamples.forEach(samples::add);
    n.put("failure", failure);
    return n;
  }
}
