package dev.lightbox.server.system;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Counters and gauges in the Prometheus text format (version 0.0.4). */
public final class Metrics {
  private final ConcurrentHashMap<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> durationMicros = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> uploads = new ConcurrentHashMap<>();
  private final LongAdder uploadBytes = new LongAdder();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> counters = new ConcurrentHashMap<>();

  public void request(String method, String route, int status, long nanos) {
    String labels = "method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"";
    requests.computeIfAbsent(labels, k -> new LongAdder()).increment();
    String routeLabels = "method=\"" + method + "\",route=\"" + route + "\"";
    durationMicros.computeIfAbsent(routeLabels, k -> new LongAdder()).add(nanos / 1_000);
  }

  public void upload(String result, long bytes) {
    uploads.computeIfAbsent("result=\"" + result + "\"", k -> new LongAdder()).increment();
    uploadBytes.add(bytes);
  }

  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  /** A counter kept elsewhere (it only grows), such as cache hits. */
  public void counter(String name, LongSupplier value) {
    counters.put(name, value);
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# HELP lightbox_http_requests_total HTTP requests by route and status.\n");
    sb.append("# TYPE lightbox_http_requests_total counter\n");
    new TreeMap<>(requests).forEach((l, v) -> sb.append("lightbox_http_requests_total{").append(l).append("} ")
        .append(v.sum()).append('\n'));
    sb.append("# HELP lightbox_http_request_duration_seconds_sum Time spent answering, by route.\n");
    sb.append("# TYPE lightbox_http_request_duration_seconds_sum counter\n");
    new TreeMap<>(durationMicros).forEach((l, v) -> sb.append("lightbox_http_request_duration_seconds_sum{")
        .append(l).append("} ").append(v.sum() / 1e6).append('\n'));
    sb.append("# HELP lightbox_uploads_total Uploads by result (stored, duplicate, failed).\n");
    sb.append("# TYPE lightbox_uploads_total counter\n");
    new TreeMap<>(uploads).forEach((l, v) -> sb.append("lightbox_uploads_total{").append(l).append("} ")
        .append(v.sum()).append('\n'));
    sb.append("# HELP lightbox_upload_bytes_total Bytes received in uploads.\n");
    sb.append("# TYPE lightbox_upload_bytes_total counter\n");
    sb.append("lightbox_upload_bytes_total ").append(uploadBytes.sum()).append('\n');
    new TreeMap<>(counters).forEach((name, v) -> sb.append("# TYPE ").append(name).append(" counter\n")
        .append(name).append(' ').append(v.getAsLong()).append('\n'));
    new TreeMap<>(gauges).forEach((name, v) -> sb.append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(v.getAsLong()).append('\n'));
    Runtime rt = Runtime.getRuntime();
    sb.append("# TYPE lightbox_jvm_heap_used_bytes gauge\n");
    sb.append("lightbox_jvm_heap_used_bytes ").append(rt.totalMemory() - rt.freeMemory()).append('\n');
    sb.append("# TYPE lightbox_uptime_seconds gauge\n");
    sb.append("lightbox_uptime_seconds ").append(ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
        .append('\n');
    return sb.toString();
  }
}
