package dev.lightbox.storage.s3;

import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.testkit.BlobStoreContract;
import dev.lightbox.storage.testkit.S3MockServer;

/** The S3 backend passes the whole contract against Adobe S3Mock (its exec jar, as a child process). */
class S3MockContractTest extends BlobStoreContract {
  private S3MockServer server;

  @Override
  protected BlobStore openStore() {
    server = S3MockServer.start();
    return S3Stores.open(server);
  }

  @Override
  protected void closeResources() {
    if (server != null) {
      server.close();
    }
  }

  /** S3Mock accepts any signature, so expired or tampered URLs cannot be shown to fail against it. */
  @Override
  protected boolean serverVerifiesSignatures() {
    return false;
  }
}
