package dev.lightbox.server.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose client takes longer than the deadline (LIGHTBOX_HEADER_TIMEOUT) to send one
 * request's line and headers. Jetty's idle timeout is reset by every byte, so a client sending a header a
 * few bytes at a time (slowloris) could otherwise hold a connection, and a thread's worth of buffers, for
 * ever. Bodies are not limited (a slow upload is fine), and neither are idle keep-alive connections (the
 * idle timeout closes those).
 *
 * <p>A sweep every quarter of the deadline looks at each open HTTP/1 connection: it is reading a header when
 * its parser has started a request that has not been handed over yet; the first sweep that sees that starts
 * the clock, the connection's request count tells a new request from the same one, and a connection still
 * reading the same header after the deadline is closed. So a header is cut between one and one and a half
 * deadlines after its first byte.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
  private final long deadlineNanos;
  private final long tickMillis;
  private final Map<HttpConnection, Watch> open = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;

  HeaderDeadline(Duration deadline) {
    this.deadlineNanos = deadline.toNanos();
    this.tickMillis = Math.max(50, deadline.toMillis() / 4);
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof HttpConnection http) {
      open.put(http, new Watch());
    }
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  @Override
  protected void doStart() {
    timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lightbox-header-deadline")
        .factory());
    timer.scheduleWithFixedDelay(this::sweep, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    timer.shutdownNow();
    open.clear();
  }

  private void sweep() {
    long now = System.nanoTime();
    open.forEach((connection, watch) -> {
      try {
        if (watch.overdue(connection, now, deadlineNanos)) {
          LOG.debug("closing {}: its request header took longer than {} ms", connection.getEndPoint().getRemoteSocketAddress(),
              deadlineNanos / 1_000_000);
          open.remove(connection);
          connection.getEndPoint().close(new TimeoutException("request header not complete within the deadline"));
        }
      } catch (RuntimeException e) {
        LOG.debug("header deadline check failed for {}", connection, e); // the next sweep tries again
      }
    });
  }

  /** One connection's header clock; only the sweep thread touches it. */
  private static final class Watch {
    private boolean running;
    private long messages;
    private long since;

    boolean overdue(HttpConnection connection, long now, long deadline) {
      if (!readingHeader(connection)) {
        running = false;
        return false;
      }
      long n = connection.getMessagesIn();
      if (!running || n != messages) {
        running = true;
        messages = n;
        since = now;
        return false;
      }
      return now - since >= deadline;
    }

    /** The parser has begun a request line or headers that have not become a request yet. */
    private static boolean readingHeader(HttpConnection connection) {
      HttpParser.State state = connection.getParser().getState();
      return state.ordinal() > HttpParser.State.START.ordinal()
          && state.ordinal() <= HttpParser.State.HEADER.ordinal()
          && connection.getHttpChannel().getRequest() == null;
    }
  }
}
