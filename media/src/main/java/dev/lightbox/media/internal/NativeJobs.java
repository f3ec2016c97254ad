package dev.lightbox.media.internal;

import dev.lightbox.media.MediaException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs native or decoder work on its own platform threads with a time limit. On timeout the caller gets a
 * TIMEOUT {@link MediaException} at once and {@code onTimeout} runs (to kill or abort the work, which then
 * cleans up after itself on its thread).
 */
public final class NativeJobs implements AutoCloseable {
  private final ExecutorService pool;
  private final Duration timeout;

  public NativeJobs(String name, Duration timeout) {
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.timeout = timeout;
  }

  public <T> T run(String fileName, String operation, Callable<T> job, Runnable onTimeout) {
    Future<T> f = pool.submit(job);
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      onTimeout.run();
      f.cancel(true);
      throw new MediaException(MediaException.Kind.TIMEOUT, fileName,
          operation + " took longer than " + timeout.toSeconds() + " s and was stopped; retry later or raise "
              + "MediaConfig.timeout for very large files");
    } catch (InterruptedException e) {
      onTimeout.run();
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new MediaException(MediaException.Kind.TIMEOUT, fileName, operation + " was interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof MediaException me) {
        throw me;
      }
      if (c instanceof OutOfMemoryError) {
        throw new MediaException(MediaException.Kind.TOO_LARGE, fileName,
            operation + " ran out of memory; the image is too large to process", c);
      }
      throw new MediaException(MediaException.Kind.INTERNAL, fileName, operation + " failed: " + c, c);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
