package dev.lightbox.server.downloads;

import dev.lightbox.server.http.Exchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The response body as an {@link OutputStream}: bytes are gathered into one 64 KiB buffer and each full
 * buffer is written and waited for before the next is gathered, so memory stays at one buffer per download
 * and a slow client slows the reads. A write to a client that has gone fails with {@link ClientGone}.
 */
final class ResponseOutput extends OutputStream {
  /** The client closed the connection (or the response could not be written for another reason). */
  static final class ClientGone extends IOException {
    ClientGone(Throwable cause) {
      super("the client stopped receiving: " + cause.getMessage(), cause);
    }
  }

  private static final int CHUNK = 64 * 1024;
  private final Exchange exchange;
  private final byte[] buffer = new byte[CHUNK];
  private int used;
  private long sent;

  ResponseOutput(Exchange exchange) {
    this.exchange = exchange;
  }

  /** Bytes handed to the client so far. */
  long sent() {
    return sent;
  }

  @Override
  public void write(int b) throws IOException {
    if (used == buffer.length) {
      drain(false);
    }
    buffer[used++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (used == 0 && len >= buffer.length) { // a whole chunk: sent from the caller's array (write waits)
        send(ByteBuffer.wrap(b, off, buffer.length), false);
        off += buffer.length;
        len -= buffer.length;
        continue;
      }
      int n = Math.min(len, buffer.length - used);
      System.arraycopy(b, off, buffer, used, n);
      used += n;
      off += n;
      len -= n;
      if (used == buffer.length) {
        drain(false);
      }
    }
  }

  @Override
  public void flush() throws IOException {
    if (used > 0) {
      drain(false);
    }
  }

  /** Sends what is left and ends the response. */
  void finish() throws IOException {
    drain(true);
  }

  private void drain(boolean last) throws IOException {
    send(ByteBuffer.wrap(buffer, 0, used), last);
    used = 0;
  }

  private void send(ByteBuffer chunk, boolean last) throws IOException {
    int n = chunk.remaining();
    try {
      exchange.write(chunk, last);
    } catch (UncheckedIOException e) {
      throw new ClientGone(e.getCause());
    } catch (RuntimeException e) {
      throw new ClientGone(e);
    }
    sent += n;
  }
}
