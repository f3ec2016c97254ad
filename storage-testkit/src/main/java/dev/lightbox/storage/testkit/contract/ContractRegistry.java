package dev.lightbox.storage.testkit.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The behaviour checks, registered group by group, each with the requirements it needs. A target gets one
 * dynamic test per check: run when the target meets every requirement, else skipped with the reason.
 */
public final class ContractRegistry {
  private final Map<String, List<Behaviour>> groups = new LinkedHashMap<>();

  /** Every check of the standard contract. */
  public static ContractRegistry standard() {
    ContractRegistry registry = new ContractRegistry();
    RoundTripChecks.register(registry);
    RangeMetadataChecks.register(registry);
    ListingChecks.register(registry);
    DeleteChecks.register(registry);
    CopyConcurrencyChecks.register(registry);
    PresignChecks.register(registry);
    return registry;
  }

  /** Starts (or continues) the group {@code name}, whose checks run on an instance made per test. */
  public <G> Group<G> group(String name, Function<ContractContext, G> instancePerTest) {
    return new Group<>(name, instancePerTest);
  }

  /** Every registered check, in registration order. */
  public List<Behaviour> behaviours() {
    return groups.values().stream().flatMap(List::stream).toList();
  }

  Stream<DynamicNode> testsFor(ContractTarget target) {
    return groups.entrySet().stream().map(group -> DynamicContainer.dynamicContainer(group.getKey(),
        group.getValue().stream().map(behaviour -> testOf(behaviour, target))));
  }

  private static DynamicTest testOf(Behaviour behaviour, ContractTarget target) {
    String reason = behaviour.reasonAgainst(target);
    if (reason != null) {
      return DynamicTest.dynamicTest(behaviour.name(), () -> Assumptions.abort(behaviour.name() + " skipped: " + reason));
    }
    return DynamicTest.dynamicTest(behaviour.name(), () -> {
      behaviour.body().accept(target.newContext());
      target.runAfterEach();
    });
  }

  private void add(Behaviour behaviour) {
    groups.computeIfAbsent(behaviour.group(), g -> new ArrayList<>()).add(behaviour);
  }

  /** A check that takes one parameter, run once per case. */
  @FunctionalInterface
  public interface CaseCheck<G, P> {
    void run(G checks, P parameter) throws Throwable;
  }

  /** Registers the checks of one group. */
  public final class Group<G> {
    private final String name;
    private final Function<ContractContext, G> instancePerTest;

    private Group(String name, Function<ContractContext, G> instancePerTest) {
      this.name = name;
      this.instancePerTest = instancePerTest;
    }

    /** A check that runs when the target meets every one of {@code needs}. */
    public Group<G> check(String checkName, ThrowingConsumer<G> body, Requirement... needs) {
      add(new Behaviour(name, checkName, List.of(needs), context -> body.accept(instancePerTest.apply(context))));
      return this;
    }

    /**
     * One test per case, named {@code checkName [caseName]} where caseName is {@code caseFormat} applied to
     * the case, such as "%d bytes from a stream of known length".
     */
    public <P> Group<G> cases(String checkName, String caseFormat, List<P> cases, CaseCheck<G, P> body,
        Requirement... needs) {
      for (P parameter : cases) {
        add(new Behaviour(name, checkName + " [" + caseFormat.formatted(parameter) + "]", List.of(needs),
            context -> body.run(instancePerTest.apply(context), parameter)));
      }
      return this;
    }
  }
}
