package dev.lightbox.storage.s3.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import dev.lightbox.storage.s3.S3Config;

/**
 * {@link LeanHttp} as plain blocking HTTP/1.1 on sockets with keep-alive: one request at a time per
 * connection, idle connections pooled per host. Meant for virtual threads: a request costs a write and
 * the reads of its answer on the caller's thread, with no selector thread or futures in between. https
 * uses the JDK's default trust store and verifies the host name.
 */
final class SocketLeanHttp implements LeanHttp {
  /** Idle connections older than this are closed rather than reused (servers drop them after a while). */
  private static final long MAX_IDLE_NANOS = Duration.ofSeconds(20).toNanos();
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  private final int maxIdlePerHost;
  private final Map<String, Idle> idle = new ConcurrentHashMap<>();
  private volatile boolean closed;

  SocketLeanHttp(Duration connectTimeout, Duration readTimeout, int maxIdlePerHost) {
    this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
    this.maxIdlePerHost = maxIdlePerHost;
  }

  /** The client of a store: its timeouts, and as many idle connections per host as it may open. */
  static SocketLeanHttp of(S3Config config) {
    return new SocketLeanHttp(config.connectTimeout(), config.readTimeout(), config.maxConnections());
  }

  @Override
  public Response send(String method, URI uri, Map<String, String> headers) throws IOException {
    if (closed) {
      throw new IOException("the HTTP client was closed");
    }
    String route = uri.getScheme() + "://" + uri.getRawAuthority();
    byte[] request = request(method, uri, headers);
    while (true) {
      HttpConnection pooled = pooled(route);
      HttpConnection c = pooled != null ? pooled : connect(route, uri);
      try {
        c.write(request);
        return c.readResponse("HEAD".equals(method));
      } catch (IOException e) {
        c.close();
        // A pooled connection the server closed while it sat idle fails before any answer: retry on a new one.
        if (pooled == null || c.answered() || e instanceof java.net.SocketTimeoutException) {
          throw e;
        }
      }
    }
  }

  private static byte[] request(String method, URI uri, Map<String, String> headers) {
    StringBuilder b = new StringBuilder(512).append(method).append(' ').append(uri.getRawPath());
    if (uri.getRawQuery() != null) {
      b.append('?').append(uri.getRawQuery());
    }
    b.append(" HTTP/1.1\r\nHost: ").append(LeanHttp.hostHeader(uri)).append("\r\n");
    headers.forEach((name, value) -> b.append(name).append(": ").append(value).append("\r\n"));
    b.append("User-Agent: lightbox\r\n\r\n");
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The idle connections of one route, most recently used first, and their count (a deque's size() walks it). */
  private record Idle(ConcurrentLinkedDeque<HttpConnection> connections, AtomicInteger count) {
    Idle() {
      this(new ConcurrentLinkedDeque<>(), new AtomicInteger());
    }

    HttpConnection pollFirst() {
      HttpConnection c = connections.pollFirst();
      if (c != null) {
        count.decrementAndGet();
      }
      return c;
    }
  }

  private HttpConnection pooled(String route) {
    Idle q = idle.get(route);
    if (q == null) {
      return null;
    }
    long now = System.nanoTime();
    for (HttpConnection c; (c = q.pollFirst()) != null; ) {
      if (now - c.idleSince() < MAX_IDLE_NANOS) {
        return c;
      }
      c.close();
    }
    return null;
  }

  /**
   * Takes back a connection whose answer was read to the end. The pool is used LIFO, so connections that
   * went unused longest sit at the tail: those past their idle time are closed here, not left half-closed.
   */
  void release(String route, HttpConnection c) {
    Idle q = idle.computeIfAbsent(route, r -> new Idle());
    if (closed || q.count().incrementAndGet() > maxIdlePerHost) {
      q.count().decrementAndGet();
      c.close();
      return;
    }
    q.connections().offerFirst(c);
    HttpConnection oldest = q.connections().peekLast();
    if (oldest != null && c.idleSince() - oldest.idleSince() >= MAX_IDLE_NANOS
        && q.connections().removeLastOccurrence(oldest)) {
      q.count().decrementAndGet();
      oldest.close();
    }
    if (closed) {
      closeIdle();
    }
  }

  private HttpConnection connect(String route, URI uri) throws IOException {
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    String host = uri.getHost();
    String dnsHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(dnsHost, port), connectTimeoutMillis);
      socket.setSoTimeout(readTimeoutMillis);
      if (tls) {
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(socket, dnsHost, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        socket = ssl;
      }
      return new HttpConnection(this, route, socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void closeIdle() {
    idle.values().forEach(q -> {
      for (HttpConnection c; (c = q.pollFirst()) != null; ) {
        c.close();
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    closeIdle();
  }
}
