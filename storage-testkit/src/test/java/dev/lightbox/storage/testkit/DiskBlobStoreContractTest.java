package dev.lightbox.storage.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.disk.DiskBlobStore;

/** The disk backend passes the whole contract. */
class DiskBlobStoreContractTest extends BlobStoreContract {
  private Path root;

  @Override
  protected BlobStore openStore() throws Exception {
    root = Files.createTempDirectory("lightbox-disk-contract");
    return DiskBlobStore.open(root);
  }

  @Override
  protected void closeResources() throws Exception {
    TestFiles.deleteTree(root);
  }
}
