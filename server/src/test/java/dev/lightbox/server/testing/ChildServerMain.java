package dev.lightbox.server.testing;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.config.ConfigLoader;
import java.util.HashMap;
import java.util.Map;

/**
 * A server in a JVM of its own, for tests that bound its heap ({@code -Xmx}): configured from its LIGHTBOX_*
 * environment, it prints {@code LISTENING <port>} and runs until its standard input closes.
 */
public final class ChildServerMain {
  private ChildServerMain() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> env = new HashMap<>();
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("LIGHTBOX_")) {
        env.put(k, v);
      }
    });
    try (LightboxServer server = LightboxServer.builder(ConfigLoader.fromMap(env)).withoutMedia()
        .announce(line -> { }).start()) {
      System.out.println("LISTENING " + server.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the parent closes our standard input (or goes away)
      }
    }
  }
}
