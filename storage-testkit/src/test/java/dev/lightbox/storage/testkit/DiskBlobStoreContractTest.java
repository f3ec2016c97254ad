package dev.lightbox.storage.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import dev.lightbox.storage.disk.DiskBlobStore;
import dev.lightbox.storage.testkit.contract.BlobStoreContract;

/** The disk backend passes the whole contract. */
class DiskBlobStoreContractTest {
  @TestFactory
  Stream<DynamicNode> contract() throws Exception {
    Path root = Files.createTempDirectory("lightbox-disk-contract");
    return BlobStoreContract.against(DiskBlobStore.open(root)).releasing(() -> TestFiles.deleteTree(root)).tests();
  }
}
