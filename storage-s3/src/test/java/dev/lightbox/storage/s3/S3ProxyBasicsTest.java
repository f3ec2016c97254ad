package dev.lightbox.storage.s3;

import dev.lightbox.storage.testkit.S3ProxyServer;
import dev.lightbox.storage.testkit.S3TestServer;

class S3ProxyBasicsTest extends S3BlobStoreBasicsTest {
  @Override
  protected S3TestServer startServer() {
    return S3ProxyServer.start();
  }
}
