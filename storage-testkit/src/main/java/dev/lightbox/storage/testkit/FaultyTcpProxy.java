package dev.lightbox.storage.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a test server that can cut every open connection in the middle of a
 * transfer and refuse new ones for a while, to show what a client does when the network fails. Traffic
 * only ever goes between loopback addresses.
 */
public final class FaultyTcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong upstreamBytes = new AtomicLong();
  private final Thread acceptor;
  private volatile long cutAt = Long.MAX_VALUE;
  private volatile Duration outageAfterCut = Duration.ZERO;
  private volatile long refuseUntilNanos;
  private volatile int cuts;
  private volatile boolean closed;

  private FaultyTcpProxy(URI target) throws IOException {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), target.getPort());
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().name("faulty-proxy-accept").start(this::acceptLoop);
  }

  /** Proxies to the loopback port of {@code target} (an endpoint such as {@code http://127.0.0.1:9000}). */
  public static FaultyTcpProxy to(URI target) {
    try {
      return new FaultyTcpProxy(target);
    } catch (IOException e) {
      throw new IllegalStateException("could not open the proxy's port", e);
    }
  }

  /** The proxy's endpoint: the target's scheme on the proxy's port. */
  public URI endpoint(URI target) {
    return URI.create(target.getScheme() + "://127.0.0.1:" + listener.getLocalPort());
  }

  /**
   * Once {@code bytes} more client-to-server bytes have passed, cuts every open connection and then refuses
   * (accepts and at once closes) new connections for {@code outage}. Fires once.
   */
  public void cutAfter(long bytes, Duration outage) {
    outageAfterCut = outage;
    cutAt = upstreamBytes.get() + bytes;
  }

  /** Cuts every open connection now and refuses new ones for {@code outage}. */
  public void outage(Duration outage) {
    refuseUntilNanos = System.nanoTime() + outage.toNanos();
    severAll();
  }

  /**
   * Disarms a pending cut and waits until any outage is over, so that one test's fault does not spill into
   * the next test's first requests.
   */
  public void heal() {
    cutAt = Long.MAX_VALUE;
    long left = refuseUntilNanos - System.nanoTime();
    if (left > 0) {
      try {
        Thread.sleep(Duration.ofNanos(left).plusMillis(20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How many times connections were cut. */
  public int cuts() {
    return cuts;
  }

  /** Client-to-server bytes forwarded so far. */
  public long upstreamBytes() {
    return upstreamBytes.get();
  }

  /** Closes every open connection now. */
  public void severAll() {
    for (Socket s : open) {
      try {
        s.setSoLinger(true, 0);
      } catch (IOException ignored) {
        // closing anyway
      }
      closeQuietly(s);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        if (System.nanoTime() < refuseUntilNanos) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(target.getAddress(), target.getPort());
        open.add(client);
        open.add(server);
        Thread.ofVirtual().start(() -> pump(client, server, true));
        Thread.ofVirtual().start(() -> pump(server, client, false));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean upstream) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        if (upstream && upstreamBytes.addAndGet(n) >= cutAt) {
          cut();
        }
      }
    } catch (IOException connectionGone) {
      // the other side closed, or we cut it
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private synchronized void cut() {
    if (cutAt == Long.MAX_VALUE) {
      return;
    }
    cutAt = Long.MAX_VALUE;
    refuseUntilNanos = System.nanoTime() + outageAfterCut.toNanos();
    cuts++;
    severAll();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    severAll();
    acceptor.interrupt();
  }
}
