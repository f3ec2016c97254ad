package dev.lightbox.storage.s3;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import dev.lightbox.storage.testkit.S3MockServer;
import dev.lightbox.storage.testkit.contract.BlobStoreContract;

/** The S3 backend passes the whole contract against Adobe S3Mock (its exec jar, as a child process). */
class S3MockContractTest {
  /** S3Mock accepts any signature, so expired or tampered URLs cannot be shown to fail against it. */
  @TestFactory
  Stream<DynamicNode> contract() {
    return BlobStoreContract.against(S3Stores.open(S3MockServer.shared())).acceptingAnySignature().tests();
  }
}
