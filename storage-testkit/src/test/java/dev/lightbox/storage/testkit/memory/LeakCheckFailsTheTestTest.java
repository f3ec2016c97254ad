package dev.lightbox.storage.testkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.PutOptions;

/** Runs {@link Examples} through the JUnit launcher: the test that leaks a stream fails, naming it. */
class LeakCheckFailsTheTestTest {
  private static volatile boolean launchedHere;

  @Test
  void aTestThatLeaksAStreamFailsAndTheMessageNamesTheKeyAndTheOpener() {
    TestExecutionResult leaking = run("leaksAStream");
    assertThat(leaking.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    Throwable failure = leaking.getThrowable().orElseThrow();
    assertThat(failure).isInstanceOf(LeakedStreamError.class)
        .hasMessageContaining("1 BlobStream from memory:leaksAStream-0 never closed")
        .hasMessageContaining("get 'photos/leaked.jpg' opened at")
        .hasMessageContaining(Examples.class.getName() + ".leaksAStream");
  }

  @Test
  void aTestThatClosesItsStreamsPasses() {
    assertThat(run("closesItsStream").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
  }

  private static TestExecutionResult run(String method) {
    Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
    launchedHere = true;
    try {
      LauncherFactory.create().execute(
          LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(Examples.class, method, InMemoryBlobStore.class.getName())).build(),
          new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              if (id.isTest()) {
                results.put(id.getDisplayName(), result);
              }
            }
          });
    } finally {
      launchedHere = false;
    }
    assertThat(results).as("results of %s", method).hasSize(1);
    return results.values().iterator().next();
  }

  static boolean launchedHere() {
    return launchedHere;
  }

  /** Example tests, run only by the launcher above. */
  @ExtendWith(StrictBlobStoreExtension.class)
  @EnabledIf("dev.lightbox.storage.testkit.memory.LeakCheckFailsTheTestTest#launchedHere")
  static class Examples {
    @Test
    void leaksAStream(InMemoryBlobStore store) throws Exception {
      store.put(BlobKey.of("photos/leaked.jpg"), new ByteArrayInputStream(new byte[] {1, 2, 3}), 3,
          PutOptions.DEFAULTS);
      BlobStream stream = store.get(BlobKey.of("photos/leaked.jpg"));
      assertThat(stream.read()).isEqualTo(1);
    }

    @Test
    void closesItsStream(InMemoryBlobStore store) throws Exception {
      store.put(BlobKey.of("photos/fine.jpg"), new ByteArrayInputStream(new byte[] {1, 2, 3}), 3,
          PutOptions.DEFAULTS);
      try (BlobStream stream = store.get(BlobKey.of("photos/fine.jpg"))) {
        assertThat(stream.readAllBytes()).containsExactly(1, 2, 3);
      }
    }
  }
}
