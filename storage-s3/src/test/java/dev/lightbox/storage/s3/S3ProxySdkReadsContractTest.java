package dev.lightbox.storage.s3;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import dev.lightbox.storage.testkit.S3ProxyServer;
import dev.lightbox.storage.testkit.contract.BlobStoreContract;

/** The whole contract again with object reads through the AWS SDK (lean reads off), the fallback path. */
class S3ProxySdkReadsContractTest {
  @TestFactory
  Stream<DynamicNode> contract() {
    S3ProxyServer server = S3ProxyServer.start();
    return BlobStoreContract.against(S3Stores.open(server, b -> b.leanReads(false))).releasing(server).tests();
  }
}
