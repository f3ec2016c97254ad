package dev.lightbox.media;

import java.util.Map;

/**
 * AI generation metadata normalised across generators; any field may be null. {@code rawWorkflow} keeps
 * the generator's workflow or graph JSON whole; {@code rawChunks} keeps every text chunk found.
 */
public record AiMetadata(
    String generator,
    String prompt,
    String negativePrompt,
    String model,
    Long seed,
    Integer steps,
    String sampler,
    Double cfgScale,
    Integer width,
    Integer height,
    String rawWorkflow,
    Map<String, String> rawChunks,
    boolean c2paPresent,
    String c2paClaimGenerator) {

  public AiMetadata {
    rawChunks = rawChunks == null ? Map.of() : Map.copyOf(rawChunks);
  }
}
