package dev.lightbox.storage.s3.doctor;

import java.util.List;
import java.util.Locale;

/** The doctor's report as text: a table, the fixes, the suggested settings, the clean-up and a verdict. */
public final class DoctorTable {
  private DoctorTable() {
  }

  public static String render(DoctorReport report) {
    StringBuilder sb = new StringBuilder();
    sb.append("Lightbox doctor: ").append(report.store()).append('\n');
    sb.append("Probed only under ").append(report.prefix()).append(", serve mode ")
        .append(report.serveMode().name().toLowerCase(Locale.ROOT)).append("\n\n");
    int width = Math.max("FEATURE".length(), report.results().stream().mapToInt(r -> r.feature().length()).max().orElse(0));
    String row = "%-" + width + "s  %-13s  %-6s  %s%n";
    sb.append(String.format(row, "FEATURE", "RESULT", "NEEDED", "DETAIL"));
    String indent = " ".repeat(width + 2 + 13 + 2 + 6 + 2);
    for (ProbeResult r : report.results()) {
      sb.append(String.format(row, r.feature(), r.status().label(), r.needed() ? "yes" : "no", r.detail()));
      if (r.fix() != null && r.status() != ProbeStatus.WORKS && r.status() != ProbeStatus.SKIPPED) {
        sb.append(indent).append("fix: ").append(r.fix()).append('\n');
      }
    }
    sb.append("\nSuggested preset: ").append(report.suggestedPreset().id()).append(" (")
        .append(report.suggestedPreset().displayName()).append(")\n");
    sb.append("Suggested settings (plus credentials: LIGHTBOX_S3_ACCESS_KEY_ID, LIGHTBOX_S3_SECRET_ACCESS_KEY or a "
        + "profile):\n");
    report.suggestedSettings().forEach(s -> sb.append("  ").append(s).append('\n'));
    sb.append("\nClean-up: ").append(report.cleanup()).append('\n');
    List<ProbeResult> blocking = report.blocking();
    String mode = report.serveMode().name().toLowerCase(Locale.ROOT);
    if (blocking.isEmpty()) {
      sb.append("Verdict: ready for serve mode ").append(mode).append('\n');
    } else {
      sb.append("Verdict: NOT ready for serve mode ").append(mode).append(": ")
          .append(String.join(", ", blocking.stream().map(ProbeResult::feature).toList()))
          .append(blocking.size() == 1 ? " does" : " do").append(" not work (see the fixes above)\n");
    }
    return sb.toString();
  }
}
