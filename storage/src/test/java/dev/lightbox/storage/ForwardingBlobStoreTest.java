package dev.lightbox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every method of {@link BlobStore}, default ones included, must reach the delegate with the same
 * arguments and return the delegate's own result. A method added to the interface later without a
 * forwarding override fails here (a default method would otherwise run on the wrapper, not the delegate).
 */
class ForwardingBlobStoreTest {

  private record Call(Method method, Object[] args) {
  }

  @Test
  void forwardsEveryInterfaceMethodWithItsArgumentsAndResult() throws Exception {
    AtomicReference<Call> received = new AtomicReference<>();
    Map<Class<?>, Object> results = results();
    BlobStore delegate = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
        new Class<?>[] {BlobStore.class}, (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "toString" -> "delegate";
              case "hashCode" -> 0;
              default -> proxy == args[0];
            };
          }
          received.set(new Call(method, args == null ? new Object[0] : args));
          return results.get(method.getReturnType());
        });
    BlobStore forwarding = new ForwardingBlobStore(delegate) { };

    List<Method> methods = Arrays.stream(BlobStore.class.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers())).toList();
    assertThat(methods).isNotEmpty();
    for (Method method : methods) {
      Class<?> returnType = method.getReturnType();
      if (returnType != void.class && !results.containsKey(returnType)) {
        fail("add a sample result for " + returnType.getName() + " (returned by " + method + ") to this test");
      }
      Object[] args = arguments(method);
      received.set(null);
      Object result;
      try {
        result = method.invoke(forwarding, args);
      } catch (InvocationTargetException e) {
        throw new AssertionError(method + " failed instead of forwarding", e.getCause());
      }
      Call call = received.get();
      assertThat(call).as("%s must reach the delegate", method).isNotNull();
      assertThat(call.method()).as("%s must call the same method on the delegate", method).isEqualTo(method);
      assertThat(call.args()).as("arguments of %s", method).containsExactly(args);
      if (returnType != void.class) {
        assertThat(result).as("result of %s", method).isSameAs(results.get(returnType));
      }
    }
  }

  @Test
  void namesItsDelegate() {
    BlobStore delegate = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
        new Class<?>[] {BlobStore.class}, (proxy, method, args) -> method.getName().equals("toString")
            ? "disk:/x" : null);
    assertThat(new ForwardingBlobStore(delegate) { }.toString()).endsWith("[disk:/x]");
  }

  /** Distinct argument values, so that swapped arguments would not pass. */
  private static Object[] arguments(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = argument(types[i], i);
    }
    return args;
  }

  private static Object argument(Class<?> type, int index) {
    if (type == long.class) {
      return 1000L + index;
    }
    if (type == int.class) {
      return 10 + index;
    }
    if (type == boolean.class) {
      return index % 2 == 0;
    }
    if (type == BlobKey.class) {
      return BlobKey.of("key-" + index);
    }
    if (type == String.class) {
      return "text-" + index;
    }
    return null; // streams, paths, options, collections: the call itself and the other arguments are what count
  }

  private static Map<Class<?>, Object> results() {
    BlobKey key = BlobKey.of("result");
    BlobInfo info = new BlobInfo(key, 3, "text/plain", "etag", null, Instant.EPOCH, null, Map.of());
    return Map.ofEntries(
        Map.entry(BlobInfo.class, info),
        Map.entry(BlobStream.class, new BlobStream(new ByteArrayInputStream(new byte[3]), info, null)),
        Map.entry(boolean.class, Boolean.TRUE),
        Map.entry(ListPage.class, new ListPage(List.of(info), List.of(), null)),
        Map.entry(Stream.class, Stream.of(info)),
        Map.entry(DeleteManyResult.class, new DeleteManyResult(List.of(key), List.of())),
        Map.entry(DeletePrefixResult.class, new DeletePrefixResult("p/", true, 1, 3, 0, List.of(key), List.of(),
            true)),
        Map.entry(PresignedUrl.class, new PresignedUrl("GET", URI.create("https://example.com/x"), Instant.EPOCH,
            Map.of())),
        Map.entry(Capabilities.class, Capabilities.builder().build()),
        Map.entry(String.class, "described"),
        Map.entry(SweepResult.class, new SweepResult(1, 2, 3, 4, List.of())));
  }
}
