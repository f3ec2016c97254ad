package dev.lightbox.media.internal.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.lightbox.media.MediaException;
import dev.lightbox.media.RenditionSpec;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One libvips operation on one file, run on a worker thread. Every image it creates is unreferenced when it
 * ends. If the caller gives up (timeout), {@link #abandon} asks libvips to stop and the job removes its output.
 */
@SuppressWarnings("restricted")
final class VipsJob {
  private static final String[] METADATA = {"exif-data", "xmp-data", "iptc-data", "icc-profile-data"};
  private final Vips v;
  private final String fileName;
  private final List<MemorySegment> images = new ArrayList<>();
  private boolean abandoned;
  private boolean finished;
  private Path output;

  VipsJob(Vips v, String fileName) {
    this.v = v;
    this.fileName = fileName;
  }

  int[] header(Path file) throws Throwable {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment img = (MemorySegment) v.newFromFile.invokeExact(a.allocateFrom(file.toString()),
          MemorySegment.NULL);
      check(img);
      return new int[] {(int) v.width.invokeExact(img), (int) v.height.invokeExact(img)};
    } finally {
      release();
    }
  }

  /** The caller has checked the declared size against the pixel limit. */
  int[] render(Path file, RenditionSpec spec, Path out) throws Throwable {
    synchronized (this) {
      output = out;
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment name = a.allocateFrom(file.toString());
      MemorySegment slot = a.allocate(ADDRESS);
      int rc = (int) v.thumbnail.invokeExact(name, slot, spec.maxSize(), a.allocateFrom("height"), spec.maxSize(),
          a.allocateFrom("size"), Vips.SIZE_DOWN, a.allocateFrom("fail_on"), Vips.FAIL_ON_TRUNCATED,
          a.allocateFrom("export_profile"), a.allocateFrom("srgb"), MemorySegment.NULL);
      MemorySegment img = take(rc, slot);
      if (spec.format() == RenditionSpec.Format.JPEG && (int) v.hasAlpha.invokeExact(img) != 0) {
        MemorySegment white = (MemorySegment) v.arrayDouble3.invokeExact(3, 255.0, 255.0, 255.0);
        try {
          rc = (int) v.flattenWhite.invokeExact(img, slot, a.allocateFrom("background"), white, MemorySegment.NULL);
        } finally {
          v.areaUnref.invokeExact(white);
        }
        img = take(rc, slot);
      }
      if ((int) v.interpretation.invokeExact(img) != Vips.INTERPRETATION_SRGB) {
        rc = (int) v.colourspace.invokeExact(img, slot, Vips.INTERPRETATION_SRGB, MemorySegment.NULL);
        img = take(rc, slot);
      }
      // strip by hand: webpsave's "strip" keeps EXIF (GPS!) in libvips 8.14
      rc = (int) v.copy.invokeExact(img, slot, MemorySegment.NULL);
      img = take(rc, slot);
      for (String field : METADATA) {
        int removed = (int) v.remove.invokeExact(img, a.allocateFrom(field));
      }
      MemorySegment outName = a.allocateFrom(out.toString());
      rc = spec.format() == RenditionSpec.Format.WEBP
          ? (int) v.webpsave.invokeExact(img, outName, a.allocateFrom("Q"), spec.quality(),
              a.allocateFrom("strip"), 1, MemorySegment.NULL)
          : (int) v.jpegsave.invokeExact(img, outName, a.allocateFrom("Q"), spec.quality(),
              a.allocateFrom("strip"), 1, a.allocateFrom("optimize_coding"), 1, MemorySegment.NULL);
      if (rc != 0) {
        throw failure();
      }
      return new int[] {(int) v.width.invokeExact(img), (int) v.height.invokeExact(img)};
    } finally {
      release();
    }
  }

  /** Called from the waiting thread when it gives up: stop libvips' work on our images. */
  synchronized void abandon() {
    abandoned = true;
    if (!finished) {
      for (MemorySegment img : images) {
        try {
          v.setKill.invokeExact(img, 1);
        } catch (Throwable ignored) {
          // best effort: the job still ends and cleans up on its own
        }
      }
    }
  }

  private MemorySegment take(int rc, MemorySegment slot) throws Throwable {
    if (rc != 0) {
      throw failure();
    }
    MemorySegment img = slot.get(ADDRESS, 0);
    synchronized (this) {
      images.add(img);
    }
    return img;
  }

  private void check(MemorySegment img) throws Throwable {
    if (img.equals(MemorySegment.NULL)) {
      throw failure();
    }
    synchronized (this) {
      images.add(img);
    }
  }

  private synchronized void release() throws Throwable {
    finished = true;
    for (MemorySegment img : images) {
      v.unref.invokeExact(img);
    }
    images.clear();
    if (abandoned && output != null) {
      try {
        Files.deleteIfExists(output);
      } catch (IOException ignored) {
        // the caller also tries to remove it
      }
    }
  }

  private MediaException failure() throws Throwable {
    MemorySegment copy = (MemorySegment) v.errorBufferCopy.invokeExact();
    String msg = "";
    if (!copy.equals(MemorySegment.NULL)) {
      msg = copy.reinterpret(Integer.MAX_VALUE).getString(0).strip().replace('\n', ';');
      v.gFree.invokeExact(copy);
    }
    boolean killed;
    synchronized (this) {
      killed = abandoned;
    }
    if (killed) {
      return new MediaException(MediaException.Kind.TIMEOUT, fileName, "stopped after the time limit");
    }
    if (msg.contains("not a known file format") || msg.contains("is not in a known format")) {
      return new MediaException(MediaException.Kind.UNSUPPORTED_FORMAT, fileName,
          "libvips cannot read this image format (" + msg + ")");
    }
    return new MediaException(MediaException.Kind.CORRUPT, fileName,
        "the image could not be decoded (" + (msg.isEmpty() ? "libvips gave no reason" : msg) + ")");
  }
}
