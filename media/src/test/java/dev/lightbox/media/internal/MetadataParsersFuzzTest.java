package dev.lightbox.media.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.drew.imaging.ImageMetadataReader;
import dev.lightbox.media.internal.ai.AiMetadataParser;
import dev.lightbox.media.internal.meta.C2paLocator;
import dev.lightbox.media.internal.meta.C2paReader;
import dev.lightbox.media.internal.meta.PngChunkReader;
import dev.lightbox.media.internal.meta.PhotoFactsReader;
import dev.lightbox.media.internal.meta.UserComment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Coverage-guided fuzzing (Jazzer) of every metadata parser on in-memory input; surefire sets JAZZER_FUZZ so
 * it fuzzes for {@code maxDuration} on every build. Only the exceptions each parser documents may escape.
 */
class MetadataParsersFuzzTest {
  private static final String[] KEYS = {"prompt", "workflow", "parameters", "invokeai_metadata", "sd-metadata",
      "Dream", "Comment", AiMetadataParser.EXIF_USER_COMMENT, AiMetadataParser.EXIF_MAKE, AiMetadataParser.STEALTH};

  @FuzzTest(maxDuration = "15s")
  void metadataParsers(FuzzedDataProvider data) {
    Map<String, String> texts = new LinkedHashMap<>();
    int n = data.consumeInt(0, 3);
    for (int i = 0; i < n; i++) {
      texts.put(KEYS[data.consumeInt(0, KEYS.length - 1)], data.consumeString(4000));
    }
    AiMetadataParser.parse(texts, data.consumeBoolean(), null, new ArrayList<>());
    byte[] bytes = data.consumeRemainingAsBytes();
    FormatSniffer.sniff(bytes);
    UserComment.decode(bytes);
    try {
      PngChunkReader.read(new ByteArrayInputStream(bytes));
    } catch (IOException expected) {
      // not a PNG or unreadable: the reader says so
    }
    try {
      C2paLocator.fromJpeg(new ByteArrayInputStream(bytes));
      C2paLocator.fromWebp(new ByteArrayInputStream(bytes));
    } catch (IOException expected) {
      // oversized store
    }
    try {
      C2paReader.claimGenerator(bytes);
    } catch (IllegalArgumentException expected) {
      // malformed JUMBF or CBOR is reported this way
    }
    try {
      PhotoFactsReader.read(ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length));
    } catch (com.drew.imaging.ImageProcessingException | IOException expected) {
      // metadata-extractor's own checked errors; ImageFactsReader turns them into warnings
    }
  }
}
