package dev.lightbox.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.media.Corpus;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The formats the sniffer finds, as the header readers use them; the sniffing itself is in MediaSnifferTest. */
class MediaFormatTest {
  @Test
  void headerSizeAgreesWithMetadataExtractor() throws Exception {
    int checked = 0;
    for (String f : Corpus.all()) {
      if (!f.startsWith("photo/") && !f.startsWith("ai/")) {
        continue;
      }
      MediaFormat format = sniff(f);
      int[] size;
      try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(Corpus.file(f)))) {
        size = HeaderSize.read(format, in);
      }
      if (size != null) {
        var facts = dev.lightbox.media.internal.meta.ImageFactsReader.read(Corpus.file(f), format).photo();
        assertThat(size).as(f).containsExactly(facts.width(), facts.height());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(30);
  }

  private static MediaFormat sniff(String f) throws Exception {
    try (InputStream in = Files.newInputStream(Corpus.file(f))) {
      return FormatSniffer.sniff(in.readNBytes(FormatSniffer.HEAD_BYTES));
    }
  }
}
