package dev.lightbox.storage.testkit.contract;

import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.function.ThrowingConsumer;

/** One registered check: its group, its name, what it needs, and its body. */
public record Behaviour(String group, String name, List<Requirement> requirements,
    ThrowingConsumer<ContractContext> body) {

  public Behaviour {
    Objects.requireNonNull(body, "body");
    requirements = List.copyOf(requirements);
  }

  /** Why {@code target} cannot run this check, or null when it can. */
  public String reasonAgainst(ContractTarget target) {
    for (Requirement requirement : requirements) {
      String reason = requirement.reasonAgainst(target);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }
}
