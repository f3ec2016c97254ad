package dev.lightbox.server.ingest;

import java.time.LocalDate;

/** Renders a storage template such as {@code library/{userId}/{yyyy}/{MM}/{assetId}.{ext}}. */
public final class KeyTemplate {
  private final String template;

  public KeyTemplate(String template) {
    this.template = template;
  }

  public String render(String userId, String assetId, LocalDate date, String ext) {
    return template.replace("{userId}", userId).replace("{assetId}", assetId)
        .replace("{yyyy}", String.format("%04d", date.getYear()))
        .replace("{MM}", String.format("%02d", date.getMonthValue()))
        .replace("{dd}", String.format("%02d", date.getDayOfMonth()))
        .replace("{ext}", ext);
  }

  /** Renditions live beside the library, one folder per asset. */
  public static String renditionKey(String userId, String assetId, String kind, String ext) {
    return "renditions/" + userId + "/" + assetId.substring(0, 2) + "/" + assetId + "/" + kind + "." + ext;
  }
}
