package dev.lightbox.storage.testkit.contract;

import dev.lightbox.storage.BlobStore;

/**
 * The behaviour every {@code BlobStore} must show: round trips, ranges and metadata, listings, deletes,
 * copy/move/concurrency and presigned URLs. A backend's test is a few lines:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> contract() {
 *   return BlobStoreContract.against(DiskBlobStore.open(root)).releasing(() -> TestFiles.deleteTree(root)).tests();
 * }
 * }</pre>
 *
 * The checks live in plain group classes registered in {@link ContractRegistry#standard()}, each naming the
 * {@link Requirement} it needs; a check the store cannot run is reported as skipped with the reason.
 */
public final class BlobStoreContract {
  private BlobStoreContract() {
  }

  /** The contract against {@code store}, which the returned target closes after the last test. */
  public static ContractTarget against(BlobStore store) {
    return new ContractTarget(store);
  }
}
