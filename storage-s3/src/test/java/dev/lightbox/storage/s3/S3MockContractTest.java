package dev.lightbox.storage.s3;

import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.testkit.BlobStoreContract;
import dev.lightbox.storage.testkit.S3MockServer;

/** The S3 backend passes the whole contract against Adobe S3Mock (its exec jar, as a child process). */
class S3MockContractTest extends BlobStoreContract {
  @Override
  protected BlobStore openStore() {
    return S3Stores.open(S3MockServer.shared());
  }

  /** S3Mock accepts any signature, so expired or tampered URLs cannot be shown to fail against it. */
  @Override
  protected boolean serverVerifiesSignatures() {
    return false;
  }
}
