package dev.lightbox.storage.s3;

import dev.lightbox.storage.testkit.S3MockServer;
import dev.lightbox.storage.testkit.S3TestServer;

class S3MockBasicsTest extends S3BlobStoreBasicsTest {
  @Override
  protected S3TestServer startServer() {
    return S3MockServer.shared();
  }

  @Override
  protected boolean ownsServer() {
    return false;
  }
}
