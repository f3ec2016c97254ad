package dev.lightbox.media.internal.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lightbox.media.Corpus;
import dev.lightbox.media.internal.MediaFormat;

class BplistGuardTest {
  @Test
  void defacesEveryBinaryPlistSignature() {
    byte[] data = "..bplist00...bplist00bplist0".getBytes(StandardCharsets.US_ASCII);
    assertThat(BplistGuard.deface(data)).isEqualTo(2);
    assertThat(new String(data, StandardCharsets.US_ASCII)).isEqualTo("..xplist00...xplist00bplist0");
  }

  @Test
  void iphoneExifStillReadsWithTheGuard() {
    ImageFacts facts = ImageFactsReader.read(Corpus.file("photo/exiftool_Apple_iPhone7_8x8.jpg"), MediaFormat.JPEG);
    assertThat(facts.photo().photo().make()).isEqualTo("Apple");
    assertThat(facts.photo().photo().model()).isEqualTo("iPhone 7");
  }

  @Test
  void theRestOfALargeFileStillStreams(@TempDir Path dir) throws Exception {
    byte[] big = new byte[BplistGuard.HEAD_BYTES + 10];
    big[big.length - 1] = 42;
    Path file = Files.write(dir.resolve("big.bin"), big);
    try (var in = BplistGuard.open(file)) {
      assertThat(in.readAllBytes()).hasSize(big.length).endsWith((byte) 42);
    }
  }
}
