package dev.lightbox.storage.testkit;

import static dev.lightbox.storage.testkit.TestData.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.CountingProgress;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/** Lifecycle and helpers shared by the contract suites: one store per class, a random prefix per test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractBase {
  protected BlobStore store;
  protected String base;

  /** Opens the store under test; called once per test class. */
  protected abstract BlobStore openStore() throws Exception;

  /** Releases what {@link #openStore()} started beyond the store itself (servers, directories). */
  protected void closeResources() throws Exception {
  }

  /**
   * False for test servers that accept any signature (Adobe S3Mock): the tests that expect a tampered or
   * expired presigned URL to be refused are then skipped with that reason.
   */
  protected boolean serverVerifiesSignatures() {
    return true;
  }

  @BeforeAll
  void openOnce() throws Exception {
    store = openStore();
  }

  @AfterAll
  void closeOnce() throws Exception {
    if (store != null) {
      store.close();
    }
    closeResources();
  }

  @BeforeEach
  void freshPrefix() {
    base = "t-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  }

  protected BlobKey key(String name) {
    return BlobKey.of(base + name);
  }

}
