package dev.lightbox.storage.s3;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import dev.lightbox.storage.testkit.S3ProxyServer;
import dev.lightbox.storage.testkit.contract.BlobStoreContract;

/** The S3 backend passes the whole contract against S3Proxy (in-process, SigV4 enforced). */
class S3ProxyContractTest {
  @TestFactory
  Stream<DynamicNode> contract() {
    S3ProxyServer server = S3ProxyServer.start();
    return BlobStoreContract.against(S3Stores.open(server)).releasing(server).tests();
  }
}
