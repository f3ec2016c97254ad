package dev.lightbox.storage.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;

import dev.lightbox.storage.BlobStore;

/**
 * One store under test, what else to release with it, and what the server behind it can show. Built by
 * {@link BlobStoreContract#against(BlobStore)}; {@link #tests()} yields every applicable behaviour test.
 */
public final class ContractTarget implements AutoCloseable {
  private final BlobStore store;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<Runnable> afterEach = new ArrayList<>();
  private ContractRegistry registry = ContractRegistry.standard();
  private boolean verifiesSignatures = true;

  ContractTarget(BlobStore store) {
    this.store = store;
  }

  public BlobStore store() {
    return store;
  }

  /** False for test servers that accept any signature (Adobe S3Mock). */
  public boolean verifiesSignatures() {
    return verifiesSignatures;
  }

  /** The server accepts any signature, so the checks that expect tampered or expired URLs refused are skipped. */
  public ContractTarget acceptingAnySignature() {
    verifiesSignatures = false;
    return this;
  }

  /** Closes {@code resource} (a server, a directory) after the store, once every test has run. */
  public ContractTarget releasing(AutoCloseable resource) {
    resources.add(resource);
    return this;
  }

  /** Runs {@code check} after each behaviour test, such as a strict store's leak check. */
  public ContractTarget afterEach(Runnable check) {
    afterEach.add(check);
    return this;
  }

  /** Runs these behaviours instead of the standard ones, e.g. the standard registry plus backend-specific checks. */
  public ContractTarget using(ContractRegistry registry) {
    this.registry = registry;
    return this;
  }

  /**
   * One container per behaviour group with one test per check; checks whose requirement is unmet are
   * skipped with the reason. Closing the stream (JUnit does so after the last test) closes the target.
   */
  public Stream<DynamicNode> tests() {
    return registry.testsFor(this).onClose(this::closeUnchecked);
  }

  /** A fresh context for one test: the store and a random key prefix no other test uses. */
  ContractContext newContext() {
    return new ContractContext(store, "t-" + UUID.randomUUID().toString().substring(0, 8) + "/");
  }

  void runAfterEach() {
    afterEach.forEach(Runnable::run);
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    List<AutoCloseable> all = new ArrayList<>();
    all.add(store);
    all.addAll(resources);
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void closeUnchecked() {
    try {
      close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("closing the contract target " + store.describe() + " failed", e);
    }
  }
}
