package dev.lightbox.media.internal.meta;

import dev.lightbox.media.AiMetadata;
import java.util.List;
import java.util.Map;

/** Everything read from an image's metadata, before rendering: camera facts, AI metadata, all texts. */
public record ImageFacts(PhotoFacts photo, AiMetadata ai, Map<String, String> texts, List<String> warnings) {
}
