package dev.lightbox.server.ingest;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.storage.internal.HashingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Streams an upload to a temp file while computing its SHA-256, refusing it as soon as it passes the size
 * limit. The temp file is removed on any failure.
 */
public final class UploadSpooler {
  private final Path tempDir;
  private final long maxBytes;

  public UploadSpooler(Path tempDir, long maxBytes) {
    this.tempDir = tempDir;
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** A sink for parsers that push bytes (multipart); call {@link Sink#finish()} at the end. */
  public Sink open(String fileName) {
    return new Sink(fileName);
  }

  public SpooledUpload spool(InputStream in, String fileName) {
    try (Sink sink = open(fileName)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        sink.write(buf, 0, n);
      }
      return sink.finish();
    } catch (IOException e) {
      throw new ServerException(Kind.INVALID_INPUT, "reading the upload of '" + fileName + "' failed: "
          + e.getMessage() + "; send it again", e);
    }
  }

  public Path newTempFile(String suffix) {
    try {
      Files.createDirectories(tempDir);
      return Files.createTempFile(tempDir, "lightbox-", suffix);
    } catch (IOException e) {
      throw new ServerException(Kind.UNAVAILABLE, "cannot create a temp file in " + tempDir + ": " + e.getMessage()
          + "; check the data dir is writable and has free space", e);
    }
  }

  /** Bytes pushed in, hashed and counted on the way to the temp file. */
  public final class Sink implements AutoCloseable {
    private final String fileName;
    private final Path file;
    private final OutputStream out;
    private final MessageDigest digest = HashingInputStream.newSha256();
    private long size;
    private boolean finished;

    private Sink(String fileName) {
      this.fileName = fileName;
      this.file = newTempFile(".upload");
      try {
        this.out = Files.newOutputStream(file);
      } catch (IOException e) {
        deleteQuietly(file);
        throw new UncheckedIOException(e);
      }
    }

    public void write(byte[] buf, int off, int len) throws IOException {
      size += len;
      if (size > maxBytes) {
        throw new ServerException(Kind.TOO_LARGE, "the upload of '" + fileName + "' is larger than the "
            + maxBytes + " byte limit; raise LIGHTBOX_MAX_UPLOAD_SIZE or send a smaller file");
      }
      digest.update(buf, off, len);
      out.write(buf, off, len);
    }

    public SpooledUpload finish() throws IOException {
      out.close();
      finished = true;
      return new SpooledUpload(file, fileName, size, HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public void close() {
      if (!finished) {
        try {
          out.close();
        } catch (IOException ignored) {
          // removing it below
        }
        deleteQuietly(file);
      }
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // swept at start-up
    }
  }
}
