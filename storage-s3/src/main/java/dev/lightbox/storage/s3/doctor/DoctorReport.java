package dev.lightbox.storage.s3.doctor;

import java.util.List;

import dev.lightbox.storage.s3.ProviderPreset;

/**
 * What the doctor found: a row per feature, the preset and settings it suggests, and whether it left the
 * bucket as it found it.
 *
 * @param store where it probed, such as {@code s3://photos/lib/ at https://s3.example.com}
 * @param prefix the temporary prefix it worked under
 * @param cleanup what the clean-up did, or what it could not remove and how to remove it
 */
public record DoctorReport(String store, String prefix, ServeMode serveMode, List<ProbeResult> results,
    ProviderPreset suggestedPreset, List<String> suggestedSettings, boolean cleanedUp, String cleanup) {
  public DoctorReport {
    results = List.copyOf(results);
    suggestedSettings = List.copyOf(suggestedSettings);
  }

  /** The row for a feature, or null. */
  public ProbeResult result(String feature) {
    return results.stream().filter(r -> r.feature().equals(feature)).findFirst().orElse(null);
  }

  /** Rows of needed features that do not work. */
  public List<ProbeResult> blocking() {
    return results.stream().filter(ProbeResult::blocks).toList();
  }

  public boolean ready() {
    return blocking().isEmpty();
  }

  /** 0 when everything the serve mode needs works, 1 when something needed does not. */
  public int exitCode() {
    return ready() ? 0 : 1;
  }
}
