package dev.lightbox.storage.s3;

import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.testkit.BlobStoreContract;
import dev.lightbox.storage.testkit.S3ProxyServer;

/** The whole contract again with object reads through the AWS SDK (lean reads off), the fallback path. */
class S3ProxySdkReadsContractTest extends BlobStoreContract {
  private S3ProxyServer server;

  @Override
  protected BlobStore openStore() {
    server = S3ProxyServer.start();
    return S3Stores.open(server, b -> b.leanReads(false));
  }

  @Override
  protected void closeResources() {
    if (server != null) {
      server.close();
    }
  }
}
