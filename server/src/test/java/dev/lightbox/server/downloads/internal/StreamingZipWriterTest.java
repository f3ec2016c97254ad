package dev.lightbox.server.downloads.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.server.testing.ZipTools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's archives against java.util.zip.ZipFile, Python's zipfile and unzip -t, byte counts included. */
class StreamingZipWriterTest {
  private static final long MAY_2024 = Instant.parse("2024-05-01T12:34:56Z").getEpochSecond();

  @TempDir
  Path dir;

  private record Item(ZipEntrySpec spec, byte[] data) {
  }

  private static Item item(String name, byte[] data, long time) {
    return new Item(new ZipEntrySpec(name, data.length, time), data);
  }

  private Path write(List<Item> items) throws IOException {
    Path zip = dir.resolve("test-" + items.size() + ".zip");
    try (OutputStream out = Files.newOutputStream(zip)) {
      StreamingZipWriter writer = new StreamingZipWriter(out);
      for (Item i : items) {
        writer.add(i.spec(), new ByteArrayInputStream(i.data()));
      }
      writer.finish();
      assertThat(writer.bytesWritten()).isEqualTo(Files.size(zip));
    }
    assertThat(Files.size(zip)).as("the length computed in advance")
        .isEqualTo(ZipLayout.archiveLength(items.stream().map(Item::spec).toList()));
    return zip;
  }

  @Test
  void everyReaderReadsWhatWasWritten() throws Exception {
    byte[] random = new byte[300_000];
    new java.util.Random(7).nextBytes(random);
    List<Item> items = List.of(
        item("cat.png", "not really a png".getBytes(StandardCharsets.UTF_8), MAY_2024),
        item("empty.txt", new byte[0], MAY_2024),
        item("café ünïcödé 猫.jpg", random, MAY_2024),
        item("old.jpg", new byte[] {1, 2, 3}, Instant.parse("1970-01-01T00:00:00Z").getEpochSecond()),
        item("future.jpg", new byte[] {4, 5}, Instant.parse("2200-01-01T00:00:00Z").getEpochSecond()));
    Path zip = write(items);

    try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
      Enumeration<? extends ZipEntry> entries = z.entries();
      for (Item i : items) {
        ZipEntry e = entries.nextElement();
        assertThat(e.getName()).isEqualTo(i.spec().name());
        assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
        assertThat(e.getSize()).isEqualTo(i.data().length);
        assertThat(e.getCrc()).isEqualTo(crc(i.data()));
        try (InputStream in = z.getInputStream(e)) {
          assertThat(in.readAllBytes()).isEqualTo(i.data());
        }
      }
      assertThat(entries.hasMoreElements()).isFalse();
      assertThat(z.getEntry("cat.png").getLastModifiedTime().toInstant().getEpochSecond()).isEqualTo(MAY_2024);
    }
    List<ZipTools.PyEntry> py = ZipTools.python(zip);
    assertThat(py).extracting(ZipTools.PyEntry::name).containsExactlyElementsOf(
        items.stream().map(i -> i.spec().name()).toList());
    for (int k = 0; k < items.size(); k++) {
      assertThat(py.get(k).size()).isEqualTo(items.get(k).data().length);
      assertThat(py.get(k).crc()).isEqualTo(crc(items.get(k).data()));
      assertThat(py.get(k).compressType()).isZero();
      assertThat(py.get(k).flags() & 0x808).as("data descriptor and UTF-8 flags").isEqualTo(0x808);
    }
    ZipTools.unzipTest(zip);
  }

  @Test
  void moreThan65535EntriesUseZip64EndRecords() throws Exception {
    int count = 65_537;
    List<Item> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(item("f" + i + ".txt", Integer.toString(i).getBytes(StandardCharsets.US_ASCII), MAY_2024));
    }
    Path zip = write(items);
    byte[] bytes = Files.readAllBytes(zip);
    int end = bytes.length - ZipLayout.END_SIZE;
    assertThat(le32(bytes, end)).isEqualTo(ZipLayout.END_SIG);
    assertThat(le16(bytes, end + 10)).as("total entries in the classic end record").isEqualTo(0xFFFF);
    assertThat(le32(bytes, end - ZipLayout.ZIP64_LOCATOR_SIZE)).isEqualTo(ZipLayout.ZIP64_LOCATOR_SIG);

    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.size()).isEqualTo(count);
      ZipEntry last = z.getEntry("f65536.txt");
      try (InputStream in = z.getInputStream(last)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("65536");
      }
    }
    List<ZipTools.PyEntry> py = ZipTools.python(zip);
    assertThat(py).hasSize(count);
    assertThat(py.getLast().name()).isEqualTo("f65536.txt");
    ZipTools.unzipTest(zip);
  }

  @Test
  void exactly65535EntriesAreReadToo() throws Exception {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 65_535; i++) {
      items.add(item("e" + i, new byte[0], MAY_2024));
    }
    Path zip = write(items);
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.size()).isEqualTo(65_535);
    }
    assertThat(ZipTools.python(zip)).hasSize(65_535);
  }

  @Test
  void refusesAnEntryWhoseBytesAreNotItsSize() throws IOException {
    StreamingZipWriter writer = new StreamingZipWriter(OutputStream.nullOutputStream());
    assertThatThrownBy(() -> writer.add(new ZipEntrySpec("short.bin", 10, MAY_2024),
        new ByteArrayInputStream(new byte[4]))).hasMessageContaining("short.bin").hasMessageContaining("6 bytes");
    StreamingZipWriter other = new StreamingZipWriter(OutputStream.nullOutputStream());
    assertThatThrownBy(() -> other.add(new ZipEntrySpec("long.bin", 2, MAY_2024),
        new ByteArrayInputStream(new byte[4]))).hasMessageContaining("more than its 2 bytes");
  }

  @Test
  void largeEntriesAndFarOffsetsAreSizedForZip64() {
    long big = 5L << 30;
    ZipEntrySpec a = new ZipEntrySpec("a.bin", big, MAY_2024);
    ZipEntrySpec b = new ZipEntrySpec("b.bin", 10, MAY_2024);
    long localA = 30 + 5 + 20 + 9;
    long localB = 30 + 5 + 9;
    long central = (46 + 5 + 4 + 16 + 9) + (46 + 5 + 4 + 8 + 9);
    long offset = localA + big + 24 + localB + 10 + 16;
    assertThat(ZipLayout.archiveLength(List.of(a, b))).isEqualTo(offset + central + 56 + 20 + 22);
  }

  @Test
  void dosTimesAreUtcAndClamped() {
    int t = ZipLayout.dosDateTime(MAY_2024);
    assertThat(t >>> 25).isEqualTo(2024 - 1980);
    assertThat((t >>> 21) & 0xf).isEqualTo(5);
    assertThat((t >>> 11) & 0x1f).isEqualTo(12);
    assertThat(ZipLayout.dosDateTime(0) >>> 25).isZero();
  }

  private static long crc(byte[] data) {
    CRC32 c = new CRC32();
    c.update(data);
    return c.getValue();
  }

  private static int le16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static int le32(byte[] b, int at) {
    return le16(b, at) | le16(b, at + 2) << 16;
  }
}
