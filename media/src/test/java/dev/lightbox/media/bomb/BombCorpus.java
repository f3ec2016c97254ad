package dev.lightbox.media.bomb;

import dev.lightbox.media.internal.imageio.WebpLosslessWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Metadata bombs made at test time: small valid images whose metadata inflates to gigabytes, declares sizes
 * far beyond the file, loops or nests without end. Each file name maps to a fragment its warning must hold.
 */
public final class BombCorpus {
  static final long GIB = 1L << 30;

  private BombCorpus() {
  }

  /** Writes the corpus into {@code dir}; returns file name to expected warning fragment. */
  public static Map<String, String> write(Path dir, Path realHeic) throws IOException {
    byte[] gib = zlibZeros(GIB);
    byte[] thirtyMib = zlibZeros(30L << 20);
    byte[] png = png();
    Files.write(dir.resolve("text-bomb.png"), withChunks(png,
        chunk("zTXt", cat(latin("Comment\0\0"), gib)),
        chunk("iTXt", cat(latin("XML:com.adobe.xmp\0\1\0\0\0"), gib)),
        chunk("iCCP", cat(latin("icc\0\0"), gib)),
        chunk("zTXt", cat(latin("Raw profile type exif\0\0"), gib))));
    ByteArrayOutputStream many = new ByteArrayOutputStream();
    for (int i = 0; i < 40; i++) {
      many.writeBytes(chunk("zTXt", cat(latin("text" + i + "\0\0"), thirtyMib)));
    }
    Files.write(dir.resolve("many-texts.png"), withChunks(png, many.toByteArray()));
    Files.write(dir.resolve("huge-xmp.png"), withChunks(png,
        chunk("iTXt", cat(latin("XML:com.adobe.xmp\0\0\0\0\0"), xmp(24 << 20)))));
    byte[] jpeg = jpeg();
    Files.write(dir.resolve("extended-xmp.jpg"), withSegment(jpeg, 0xE1, cat(
        latin("http://ns.adobe.com/xmp/extension/\0"), latin("0".repeat(32)), be(0x7FFFFFF0), be(0), new byte[100])));
    Files.write(dir.resolve("exif-loop.jpg"), withSegment(jpeg, 0xE1, cat(latin("Exif\0\0"), exifLoop())));
    Files.write(dir.resolve("exif-chain.jpg"), withSegment(jpeg, 0xE1, cat(latin("Exif\0\0"), exifChain(1000))));
    Files.write(dir.resolve("declared-exif.webp"), webp(riff("EXIF", new byte[16], 0x7FFFFFF0)));
    Files.write(dir.resolve("huge-xmp.webp"), webp(riff("XMP ", xmp(24 << 20), -1)));
    Map<String, String> expected = new java.util.TreeMap<>(Map.of(
        "text-bomb.png", "decompression bomb", "many-texts.png", "already inflated to",
        "huge-xmp.png", "larger than", "extended-xmp.jpg", "extended XMP declares",
        "exif-loop.jpg", "a loop", "exif-chain.jpg", "more than 64 directories",
        "declared-exif.webp", "more than the file holds", "huge-xmp.webp", "larger than"));
    byte[] manyTags = iccProfile(20_000, 0);
    ByteArrayOutputStream iccParts = new ByteArrayOutputStream();
    int parts = (manyTags.length + 60_000 - 1) / 60_000;
    for (int i = 0; i < parts; i++) {
      byte[] part = java.util.Arrays.copyOfRange(manyTags, i * 60_000, Math.min(manyTags.length, (i + 1) * 60_000));
      iccParts.writeBytes(segment(0xE2, cat(latin("ICC_PROFILE\0"), new byte[] {(byte) (i + 1), (byte) parts}, part)));
    }
    Files.write(dir.resolve("icc-tags.jpg"), cat(new byte[] {(byte) 0xFF, (byte) 0xD8}, iccParts.toByteArray(),
        java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length)));
    Files.write(dir.resolve("icc-tags.webp"), webp(riff("ICCP", manyTags, -1)));
    Files.write(dir.resolve("icc-overlap.png"), withChunks(png,
        chunk("iCCP", cat(latin("icc\0\0"), zlib(iccProfile(1000, 64 << 10))))));
    byte[] exifIcc = iccProfile(5_000, 0); // fits one APP1 segment
    Files.write(dir.resolve("icc-in-exif.jpg"), withSegment(jpeg, 0xE1, cat(latin("Exif\0\0"), latin("MM"),
        new byte[] {0, 42}, be(8), new byte[] {0, 1}, new byte[] {(byte) 0x87, 0x73, 0, 7}, be(exifIcc.length),
        be(26), be(0), exifIcc)));
    expected.put("icc-in-exif.jpg", "EXIF ICC profile declares 5000 tags");
    expected.put("icc-tags.jpg", "JPEG ICC profile declares 20000 tags");
    expected.put("icc-tags.webp", "WebP ICC profile declares 20000 tags");
    expected.put("icc-overlap.png", "PNG ICC profile's tags add up to more than");
    Files.write(dir.resolve("stealth-16bit.png"), stealthPng(6000, 6000, 16L << 20));
    expected.put("stealth-16bit.png", "stealth data declares 16777216 bits, more than the limit of 1 MiB");
    ByteArrayOutputStream jumbf = new ByteArrayOutputStream();
    for (int i = 0; i < 200; i++) { // 200 instances of 60 KB: each small, 12 MB together
      jumbf.writeBytes(segment(0xEB, cat(latin("JP"), new byte[] {(byte) (i >> 8), (byte) i}, be(1), be(60_000),
          latin("jumb"), new byte[60_000])));
    }
    Files.write(dir.resolve("c2pa-instances.jpg"), cat(new byte[] {(byte) 0xFF, (byte) 0xD8}, jumbf.toByteArray(),
        java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length)));
    expected.put("c2pa-instances.jpg", "C2PA data is larger than 8 MiB");
    ByteArrayOutputStream comments = new ByteArrayOutputStream();
    for (int i = 0; i < 600; i++) { // 39 MB of comment segments, each within its 64 KB
      comments.writeBytes(segment(0xFE, new byte[65_000]));
    }
    Files.write(dir.resolve("many-segments.jpg"), cat(new byte[] {(byte) 0xFF, (byte) 0xD8}, comments.toByteArray(),
        java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length)));
    expected.put("many-segments.jpg", "JPEG metadata segments add up to more than 32 MiB");
    ByteArrayOutputStream storedXmp = new ByteArrayOutputStream();
    byte[] sevenMib = xmp(7 << 20);
    for (int i = 0; i < 8; i++) { // 56 MB of stored XMP, each chunk within 8 MiB
      storedXmp.writeBytes(chunk("iTXt", cat(latin("XML:com.adobe.xmp\0\0\0\0\0"), sevenMib)));
    }
    Files.write(dir.resolve("stored-xmp.png"), withChunks(png, storedXmp.toByteArray()));
    expected.put("stored-xmp.png", "the metadata kept for this file already takes");
    gif(dir.resolve("huge-xmp.gif"), 200 << 20, 20 << 20);
    expected.put("huge-xmp.gif", "GIF application extension (XMP or other) of 200 MiB is larger than");
    if (realHeic != null && Files.isRegularFile(realHeic)) {
      byte[] heic = Files.readAllBytes(realHeic);
      Files.write(dir.resolve("nested-boxes.heic"), cat(heic, nested(100_000)));
      Files.write(dir.resolve("declared-box.heic"), cat(heic, be(1), latin("uuid"), ByteBuffer.allocate(8)
          .putLong(1L << 40).array(), new byte[64]));
      Files.write(dir.resolve("icc-tags.heic"), cat(heic, be(12 + manyTags.length), latin("colr"), latin("prof"),
          manyTags));
      expected.put("icc-tags.heic", "HEIF ICC profile declares 20000 tags");
      expected.put("nested-boxes.heic", "nested more than");
      expected.put("declared-box.heic", "more than its container holds");
    }
    return expected;
  }

  /**
   * A 1x1 GIF with an XMP application extension of {@code xmp} bytes and a comment of {@code comment} bytes,
   * written in 255-byte sub-blocks straight to the file.
   */
  private static void gif(Path file, long xmp, long comment) throws IOException {
    try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(cat(latin("GIF89a"), new byte[] {1, 0, 1, 0, (byte) 0x80, 0, 0}, new byte[6]));
      out.write(cat(new byte[] {0x21, (byte) 0xFF, 11}, latin("XMP DataXMP")));
      subBlocks(out, xmp);
      out.write(new byte[] {0x21, (byte) 0xFE});
      subBlocks(out, comment);
      out.write(new byte[] {0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 1, 0, 0x3B});
    }
  }

  private static void subBlocks(java.io.OutputStream out, long total) throws IOException {
    byte[] block = new byte[256];
    java.util.Arrays.fill(block, (byte) 'a');
    for (long left = total; left > 0; left -= 255) {
      int n = (int) Math.min(255, left);
      block[0] = (byte) n;
      out.write(block, 0, n + 1);
    }
    out.write(0);
  }

  /**
   * An ICC profile with {@code tags} distinct tags that all declare the whole profile as their data (the
   * library copies each), padded with {@code padding} zero bytes.
   */
  private static byte[] iccProfile(int tags, int padding) {
    int size = 132 + 12 * tags + padding;
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(size).put(latin("lcms")).putInt(0x02100000).put(latin("mntrRGB XYZ "));
    b.position(36).put(latin("acsp"));
    b.position(128).putInt(tags);
    for (int i = 0; i < tags; i++) {
      b.putInt(0x41000000 + i).putInt(0).putInt(size);
    }
    return b.array();
  }

  private static byte[] zlib(byte[] data) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static byte[] segment(int marker, byte[] body) {
    return cat(new byte[] {(byte) 0xFF, (byte) marker, (byte) ((body.length + 2) >> 8), (byte) (body.length + 2)}, body);
  }

  /**
   * A {@code width}x{@code height} 16-bit RGBA PNG (8 bytes a pixel: 288 MB decoded at 6000x6000) whose
   * first alpha column carries a stealth-info header declaring {@code bits} bits of text.
   */
  private static byte[] stealthPng(int width, int height, long bits) throws IOException {
    byte[] header = cat(latin("stealth_pnginfo"), be((int) bits));
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    try (var z = new java.util.zip.DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
      byte[] row = new byte[1 + 8 * width];
      for (int y = 0; y < height; y++) {
        row[8] = (byte) (y < header.length * 8 ? (header[y / 8] >> (7 - y % 8)) & 1 : 0);
        z.write(row);
      }
    }
    byte[] ihdr = cat(be(width), be(height), new byte[] {16, 6, 0, 0, 0});
    return cat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, chunk("IHDR", ihdr),
        chunk("IDAT", idat.toByteArray()), chunk("IEND", new byte[0]));
  }

  static byte[] zlibZeros(long size) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    byte[] zeros = new byte[1 << 20];
    byte[] buf = new byte[64 * 1024];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long left = size; left > 0; left -= zeros.length) {
      d.setInput(zeros, 0, (int) Math.min(zeros.length, left));
      while (!d.needsInput()) {
        out.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static byte[] xmp(int size) {
    String head = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"";
    String tail = "\"/></rdf:RDF></x:xmpmeta>";
    return latin(head + "a".repeat(size) + tail);
  }

  private static byte[] png() throws IOException {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static byte[] jpeg() throws IOException {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return out.toByteArray();
  }

  /** Inserts chunks right after the IHDR chunk (8 + 25 bytes). */
  private static byte[] withChunks(byte[] png, byte[]... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, 33);
    for (byte[] c : chunks) {
      out.writeBytes(c);
    }
    out.write(png, 33, png.length - 33);
    return out.toByteArray();
  }

  private static byte[] chunk(String type, byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(latin(type));
    crc.update(body);
    return cat(be(body.length), latin(type), body, be((int) crc.getValue()));
  }

  private static byte[] withSegment(byte[] jpeg, int marker, byte[] body) {
    return cat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) marker,
        (byte) ((body.length + 2) >> 8), (byte) (body.length + 2)}, body,
        java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length));
  }

  /** Big-endian TIFF: IFD0 at 8 with one entry (an EXIF pointer back to IFD0) and a next-IFD link to itself. */
  private static byte[] exifLoop() {
    return cat(latin("MM"), new byte[] {0, 42}, be(8), new byte[] {0, 1}, new byte[] {(byte) 0x87, 0x69, 0, 4},
        be(1), be(8), be(8));
  }

  /** Big-endian TIFF with {@code n} directories chained one after the other, one entry each. */
  private static byte[] exifChain(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(cat(latin("MM"), new byte[] {0, 42}, be(8)));
    for (int i = 0; i < n; i++) {
      int next = i == n - 1 ? 0 : 8 + 18 * (i + 1);
      out.writeBytes(cat(new byte[] {0, 1}, new byte[] {0x01, 0x0F, 0, 2}, be(4), latin("cam\0"), be(next)));
    }
    return out.toByteArray();
  }

  private static byte[] webp(byte[] extra) {
    int[] argb = new int[16 * 16];
    java.util.Arrays.fill(argb, 0xFF336699);
    byte[] image = WebpLosslessWriter.encode(argb, 16, 16);
    byte[] vp8x = riff("VP8X", cat(new byte[] {0x0C, 0, 0, 0}, new byte[] {15, 0, 0, 15, 0, 0}), -1);
    byte[] chunks = cat(vp8x, java.util.Arrays.copyOfRange(image, 12, image.length), extra);
    return cat(latin("RIFF"), le(chunks.length + 4), latin("WEBP"), chunks);
  }

  private static byte[] riff(String fourcc, byte[] body, int declared) {
    byte[] pad = (body.length & 1) == 1 && declared < 0 ? new byte[1] : new byte[0];
    return cat(latin(fourcc), le(declared < 0 ? body.length : declared), body, pad);
  }

  /** 'moov' boxes nested {@code depth} deep, each declaring exactly what it holds. */
  private static byte[] nested(int depth) {
    ByteBuffer b = ByteBuffer.allocate(8 * depth);
    for (int i = 0; i < depth; i++) {
      b.putInt(8 * (depth - i)).put(latin("moov"));
    }
    return b.array();
  }

  static byte[] latin(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] be(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }

  private static byte[] le(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
