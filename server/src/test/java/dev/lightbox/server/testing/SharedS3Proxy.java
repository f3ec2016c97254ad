package dev.lightbox.server.testing;

import dev.lightbox.storage.testkit.S3ProxyServer;
import dev.lightbox.storage.testkit.S3ServerInfo;
import dev.lightbox.storage.testkit.S3TestServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One S3Proxy for all tests of a class, nested classes included, stopped after the last of them:
 * {@code @RegisterExtension static final SharedS3Proxy s3 = new SharedS3Proxy();}, then use it as the
 * {@link S3TestServer} it is.
 */
public final class SharedS3Proxy implements S3TestServer, BeforeAllCallback, AfterAllCallback {
  private final String bucket;
  private S3ProxyServer server;
  private Class<?> owner;

  public SharedS3Proxy() {
    this("lightbox-test");
  }

  /** With {@code bucket} as the initial bucket. */
  public SharedS3Proxy(String bucket) {
    this.bucket = bucket;
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (server == null) { // nested classes call this again: the outermost class owns the server
      server = S3ProxyServer.start(bucket);
      owner = context.getRequiredTestClass();
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (context.getRequiredTestClass() == owner) {
      close();
    }
  }

  private synchronized S3ProxyServer running() {
    if (server == null) {
      throw new IllegalStateException("S3Proxy runs only while the tests of its class do");
    }
    return server;
  }

  @Override
  public S3ServerInfo info() {
    return running().info();
  }

  @Override
  public String name() {
    return running().name();
  }

  @Override
  public String createBucket(String name) {
    return running().createBucket(name);
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
      owner = null;
    }
  }
}
