package dev.lightbox.storage.testkit.memory;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import dev.lightbox.storage.testkit.contract.BlobStoreContract;

/** The in-memory store passes the whole contract, and no check leaves a stream open. */
class InMemoryBlobStoreContractTest {
  @TestFactory
  Stream<DynamicNode> contract() {
    InMemoryBlobStore store = new InMemoryBlobStore();
    return BlobStoreContract.against(store).afterEach(store::assertNoOpenStreams).tests();
  }
}
