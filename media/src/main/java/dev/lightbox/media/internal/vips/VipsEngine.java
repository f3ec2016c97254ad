package dev.lightbox.media.internal.vips;

import dev.lightbox.media.MediaException;
import dev.lightbox.media.RenditionSpec;
import dev.lightbox.media.internal.ImageEngine;
import dev.lightbox.media.internal.NativeJobs;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** Renders with libvips in-process: shrink-on-load thumbnails, autorotate, sRGB, first page only. */
@SuppressWarnings("restricted")
public final class VipsEngine implements ImageEngine {
  private static Vips vips;
  private static String version;

  private final NativeJobs jobs;
  private final Path tempDir;

  private VipsEngine(Duration timeout, Path tempDir) {
    this.jobs = new NativeJobs("lightbox-vips", timeout);
    this.tempDir = tempDir;
  }

  /** A libvips engine, or null (with the reason in {@code why[0]}) when libvips cannot be loaded. */
  public static VipsEngine tryCreate(Duration timeout, Path tempDir, String[] why) {
    try {
      synchronized (VipsEngine.class) {
        if (vips == null) {
          Vips v = Vips.load();
          try (Arena a = Arena.ofConfined()) {
            if ((int) v.init.invokeExact(a.allocateFrom("lightbox")) != 0) {
              throw new IllegalStateException("vips_init failed");
            }
          }
          v.cacheSetMax.invokeExact(0);
          version = ((MemorySegment) v.versionString.invokeExact()).reinterpret(64).getString(0);
          vips = v;
        }
      }
      return new VipsEngine(timeout, tempDir);
    } catch (Throwable e) {
      why[0] = "libvips is not usable (" + e.getMessage() + "); install the libvips42 package";
      return null;
    }
  }

  @Override
  public String name() {
    return "libvips " + version;
  }

  @Override
  public int[] header(Path file, String fileName) {
    return withSafePath(file, fileName, safe -> jobs.run(fileName, "reading the image header",
        unchecked(() -> new VipsJob(vips, fileName).header(safe)), () -> { }));
  }

  @Override
  public int[] render(Path file, String fileName, RenditionSpec spec, Path out) {
    return withSafePath(file, fileName, safe -> {
      VipsJob job = new VipsJob(vips, fileName);
      return jobs.run(fileName, "making the " + spec.kind().name().toLowerCase(java.util.Locale.ROOT),
          unchecked(() -> job.render(safe, spec, out)), job::abandon);
    });
  }

  /** libvips reads "[...]" in a file name as load options, so such paths go through a plain-named link. */
  private <T> T withSafePath(Path file, String fileName, java.util.function.Function<Path, T> body) {
    String s = file.toAbsolutePath().toString();
    if (!s.contains("[") && !s.contains("]")) {
      return body.apply(file.toAbsolutePath());
    }
    Path link = tempDir.resolve("vips-src-" + UUID.randomUUID());
    try {
      Files.createSymbolicLink(link, file.toAbsolutePath());
      return body.apply(link);
    } catch (IOException e) {
      throw new MediaException(MediaException.Kind.INTERNAL, fileName, "could not stage the file: " + e, e);
    } finally {
      try {
        Files.deleteIfExists(link);
      } catch (IOException ignored) {
        // a dangling link in the temp dir is harmless
      }
    }
  }

  private interface NativeCall<T> {
    T call() throws Throwable;
  }

  private static <T> java.util.concurrent.Callable<T> unchecked(NativeCall<T> c) {
    return () -> {
      try {
        return c.call();
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    };
  }

  @Override
  public void close() {
    jobs.close();
  }
}
