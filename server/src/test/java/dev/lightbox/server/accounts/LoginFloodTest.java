package dev.lightbox.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of logins to unknown accounts, over real HTTP from many loopback addresses (127.0.0.x): the
 * Argon2 work never exceeds the process's bound, each address is cut off after its failure budget with the
 * same answer whether the accounts exist or not, and a real login from elsewhere still gets in.
 */
class LoginFloodTest {
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  @TempDir
  Path dir;

  @Test
  void aRealLoginSucceedsDuringAFloodAndHashingNeverExceedsTheBound() throws Exception {
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir);
    try (LightboxServer server = t.start()) {
      URI base = server.baseUri();
      int threads = 4 * HashingGate.SHARED.permits() + 2; // more logins at once than the gate lets hash
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger nextSource = new AtomicInteger();
      Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
      Map<Integer, String> unexpected = new ConcurrentHashMap<>();
      List<Thread> flood = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        flood.add(Thread.ofVirtual().start(() -> {
          while (!stop.get()) {
            // 240 addresses in turn, each with its own failure budget, so the flood keeps hashing.
            String source = "127.0.0." + (10 + Math.floorMod(nextSource.getAndIncrement(), 240));
            HttpResponse<String> r = login(base, source, "nobody-" + UUID.randomUUID() + "@example.com", "guess-1234");
            int status = r.statusCode();
            if (status != 401 && status != 429 && status != 503) {
              unexpected.putIfAbsent(status, r.body());
            }
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
          }
        }));
      }
      long until = System.nanoTime() + DEADLINE.toNanos();
      while (count(statuses, 401) < HashingGate.SHARED.permits() && System.nanoTime() < until) {
        Thread.sleep(50); // polling: the flood has been hashing for a while
      }
      assertThat(count(statuses, 401)).as("the flood's failed logins")
          .isGreaterThanOrEqualTo(HashingGate.SHARED.permits());

      int realStatus = 0;
      List<Integer> realAttempts = new ArrayList<>();
      while (realStatus != 200 && System.nanoTime() < until) {
        realStatus = login(base, "127.0.0.2", TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD).statusCode();
        realAttempts.add(realStatus);
      }
      boolean floodStillRunning = flood.stream().allMatch(Thread::isAlive);
      stop.set(true);
      for (Thread th : flood) {
        th.join(DEADLINE.toMillis());
      }
      assertThat(realStatus).as("the real login's answers: %s", realAttempts).isEqualTo(200);
      assertThat(realAttempts).as("a busy server may ask to retry, nothing else").allMatch(s -> s == 200 || s == 503);
      assertThat(floodStillRunning).isTrue();
      assertThat(statuses.keySet()).as("the flood's answers; unexpected ones: %s", unexpected).isSubsetOf(401, 429, 503);
      assertThat(HashingGate.SHARED.peak()).as("password hashes at once, never more than the cores")
          .isBetween(1, HashingGate.SHARED.permits());
      assertThat(HashingGate.SHARED.inFlight()).isZero();
    }
  }

  @Test
  void anAddressIsCutOffAfterItsFailureBudgetWhetherTheAccountsExistOrNot() {
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir);
    try (LightboxServer server = t.start()) {
      URI base = server.baseUri();
      HttpResponse<String> unknown = login(base, "127.0.0.3", "nobody@example.com", "wrong-password");
      HttpResponse<String> known = login(base, "127.0.0.3", TestServer.ADMIN_EMAIL, "wrong-password");
      assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(401);
      assertThat(known.body()).as("the same answer for a known account").isEqualTo(unknown.body());
      for (int i = 2; i < SourceThrottle.BURST; i++) {
        assertThat(login(base, "127.0.0.3", "nobody-" + i + "@example.com", "wrong-password").statusCode())
            .as("failure %d", i + 1).isEqualTo(401);
      }
      HttpResponse<String> refused = login(base, "127.0.0.3", TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
      HttpResponse<String> refusedUnknown = login(base, "127.0.0.3", "nobody@example.com", "wrong-password");
      assertThat(refused.statusCode()).as("even the right password waits").isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue(Long.toString(SourceThrottle.REFILL.toSeconds()));
      assertThat(refused.body()).contains("too many failed logins from your address", "try again in 2 s")
          .isEqualTo(refusedUnknown.body());
      assertThat(login(base, "127.0.0.4", TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD).statusCode())
          .as("another address is not held up").isEqualTo(200);

      t.clock().advance(SourceThrottle.REFILL);
      assertThat(login(base, "127.0.0.3", TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD).statusCode())
          .as("one more attempt after the refill").isEqualTo(200);
    }
  }

  private static long count(Map<Integer, AtomicLong> statuses, int status) {
    AtomicLong n = statuses.get(status);
    return n == null ? 0 : n.get();
  }

  private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  /** A login sent from {@code source}, a loopback address of this machine. */
  static HttpResponse<String> login(URI base, String source, String email, String password) {
    HttpClient client = CLIENTS.computeIfAbsent(source, s -> {
      try {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(InetAddress.getByName(s))
            .build();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
        .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("login from " + source + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
