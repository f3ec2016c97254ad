package dev.lightbox.storage.s3;

import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.testkit.BlobStoreContract;
import dev.lightbox.storage.testkit.S3ProxyServer;

/** The S3 backend passes the whole contract against S3Proxy (in-process, SigV4 enforced). */
class S3ProxyContractTest extends BlobStoreContract {
  private S3ProxyServer server;

  @Override
  protected BlobStore openStore() {
    server = S3ProxyServer.start();
    return S3Stores.open(server);
  }

  @Override
  protected void closeResources() {
    if (server != null) {
      server.close();
    }
  }
}
