package dev.lightbox.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounds on password hashing, directly: per address ({@link SourceThrottle}), per process ({@link HashingGate}). */
class LoginBoundsTest {
  private static final long DEADLINE_NANOS = Duration.ofMinutes(2).toNanos();

  @Test
  void anAddressMayHaveTwoChecksInFlightAndTheThirdIsAskedToRetry() {
    SourceThrottle sources = new SourceThrottle(new MutableClock());
    sources.enter("10.0.0.1");
    sources.enter("10.0.0.1");
    assertThatThrownBy(() -> sources.enter("10.0.0.1")).isInstanceOfSatisfying(ServerException.class, e -> {
      assertThat(e.kind()).isEqualTo(ServerException.Kind.RATE_LIMITED);
      assertThat(e.retryAfterSeconds()).isEqualTo(1);
      assertThat(e.getMessage()).contains("2 logins from your address are being checked already");
    });
    sources.enter("10.0.0.2");
    sources.leave("10.0.0.1");
    sources.enter("10.0.0.1");
  }

  @Test
  void anIpv6SourceIsItsSlash64() {
    assertThat(SourceThrottle.source("2001:db8:1:2:aaaa::1")).isEqualTo(SourceThrottle.source("[2001:db8:1:2::ffff]"))
        .isEqualTo("20010db800010002::/64");
    assertThat(SourceThrottle.source("2001:db8:1:3::1")).isNotEqualTo(SourceThrottle.source("2001:db8:1:2::1"));
    assertThat(SourceThrottle.source("203.0.113.7")).isEqualTo("203.0.113.7");
    SourceThrottle sources = new SourceThrottle(new MutableClock());
    sources.enter("2001:db8:1:2::1");
    sources.enter("2001:db8:1:2::2");
    assertThatThrownBy(() -> sources.enter("2001:db8:1:2::3")).isInstanceOf(ServerException.class);
  }

  @Test
  void theFailureBudgetRefillsOneAttemptPerInterval() {
    MutableClock clock = new MutableClock();
    SourceThrottle sources = new SourceThrottle(clock);
    for (int i = 0; i < SourceThrottle.BURST; i++) {
      sources.enter("10.0.0.1");
      sources.leave("10.0.0.1");
      sources.failed("10.0.0.1");
    }
    assertThatThrownBy(() -> sources.enter("10.0.0.1")).isInstanceOfSatisfying(ServerException.class,
        e -> assertThat(e.retryAfterSeconds()).isEqualTo(SourceThrottle.REFILL.toSeconds()));
    clock.advance(SourceThrottle.REFILL);
    sources.enter("10.0.0.1");
    sources.leave("10.0.0.1");
    sources.failed("10.0.0.1");
    assertThatThrownBy(() -> sources.enter("10.0.0.1")).isInstanceOf(ServerException.class);
    clock.advance(SourceThrottle.REFILL.multipliedBy(SourceThrottle.BURST));
    for (int i = 0; i < SourceThrottle.BURST; i++) {
      sources.enter("10.0.0.1");
      sources.leave("10.0.0.1");
      sources.failed("10.0.0.1");
    }
  }

  @Test
  void theGateRunsAtMostItsPermitsAtOnceAndRefusesWhenTooManyWait() throws Exception {
    HashingGate gate = new HashingGate(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    int callers = gate.permits() + gate.maxWaiting();
    for (int i = 0; i < callers; i++) {
      threads.add(Thread.ofVirtual().start(() -> gate.run(() -> {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        running.decrementAndGet();
        return done.incrementAndGet();
      })));
    }
    long until = System.nanoTime() + DEADLINE_NANOS;
    while ((gate.inFlight() < gate.permits() || gate.waiting() < gate.maxWaiting()) && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(gate.inFlight()).isEqualTo(2);
    assertThat(gate.waiting()).isEqualTo(gate.maxWaiting());
    assertThatThrownBy(() -> gate.run(() -> 0)).isInstanceOfSatisfying(ServerException.class, e -> {
      assertThat(e.kind()).isEqualTo(ServerException.Kind.UNAVAILABLE);
      assertThat(e.getMessage()).contains("busy checking other passwords");
    });
    assertThat(gate.refused()).isEqualTo(1);
    release.countDown();
    for (Thread th : threads) {
      th.join();
    }
    assertThat(done.get()).as("every waiting caller ran once a core was free").isEqualTo(callers);
    assertThat(maxRunning.get()).isEqualTo(2);
    assertThat(gate.peak()).isEqualTo(2);
  }
}
