package dev.lightbox.storage.testkit.memory;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method that asks for an {@link InMemoryBlobStore} parameter a fresh store, and after the
 * test closes it, failing the test with a {@link LeakedStreamError} when a stream was left open.
 *
 * <pre>{@code
 * @ExtendWith(StrictBlobStoreExtension.class)
 * class ThumbnailRoutesTest {
 *   @Test
 *   void servesAThumbnail(InMemoryBlobStore store) { ... }
 * }
 * }</pre>
 */
public final class StrictBlobStoreExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StrictBlobStoreExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == InMemoryBlobStore.class && context.getTestMethod().isPresent();
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    InMemoryBlobStore store = new InMemoryBlobStore(context.getRequiredTestMethod().getName() + "-"
        + parameter.getIndex(), InMemoryBlobStore.DEFAULT_LEAK_GRACE);
    storesOf(context).add(store);
    return store;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    AssertionError failure = null;
    for (InMemoryBlobStore store : storesOf(context)) {
      try {
        store.close();
      } catch (AssertionError e) {
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

  @SuppressWarnings("unchecked")
  private static List<InMemoryBlobStore> storesOf(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent("stores", k -> new ArrayList<InMemoryBlobStore>(), List.class);
  }
}
