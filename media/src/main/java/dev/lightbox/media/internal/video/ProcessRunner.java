package dev.lightbox.media.internal.video;

import dev.lightbox.media.MediaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a child process with a time limit, reading bounded stdout and stderr; the process never outlives it. */
final class ProcessRunner {
  private static final int MAX_OUTPUT = 1 << 20;

  record Result(int exitCode, String stdout, String stderr) {
  }

  private ProcessRunner() {
  }

  static Result run(List<String> command, Duration timeout, String fileName, String operation) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectInput(new java.io.File("/dev/null")).start();
    } catch (IOException e) {
      throw new MediaException(MediaException.Kind.TOOL_MISSING, fileName, command.getFirst()
          + " could not be started (" + e.getMessage() + "); install the ffmpeg package", e);
    }
    try {
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()),
          Thread::startVirtualThread);
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()),
          Thread::startVirtualThread);
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new MediaException(MediaException.Kind.TIMEOUT, fileName, operation + " with "
            + command.getFirst() + " took longer than " + timeout.toSeconds() + " s and was stopped");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException(MediaException.Kind.TIMEOUT, fileName, operation + " was interrupted", e);
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly();
        try {
          p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      byte[] kept = in.readNBytes(MAX_OUTPUT);
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return new String(kept, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
