package io.datalakewlm.simulator.scenario;

import io.datalakewlm.simulator.aws.AwsQuotas;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One setting a scenario can give under {@code quotas:} or a strategy's {@code knobs:}, with
 * everything the scenario schema, the defaults, {@code wlm simulate --list-knobs} and the README
 * say about it. {@link Knobs} holds them all; each fact is stated once.
 *
 * @param section {@code quotas} or the strategy kind's id ({@code wlm}, {@code retry-only}, …)
 * @param name the key inside the section, dotted where it is nested ({@code startJobRun.rate})
 * @param type what the value must be
 * @param defaultValue the value when the scenario gives none (before {@code cap})
 * @param minimum the least value, or null; exclusive when {@code exclusiveMinimum}
 * @param exclusiveMinimum whether the value must be above {@code minimum} rather than at least it
 * @param maximum the largest value, or null
 * @param choices the allowed values of a {@link Type#CHOICE}, else empty
 * @param meaning what the knob does, in one line
 * @param cap a quota the default is lowered to, or null
 * @param parameter the {@code sam-template.yaml} parameter the knob stands for, or null
 */
public record Knob(String section, String name, Type type, Object defaultValue, Number minimum,
    boolean exclusiveMinimum, Number maximum, List<String> choices, String meaning, Cap cap,
    String parameter) {

  /** The kinds of value a knob takes. */
  public enum Type {
    INTEGER("integer"), NUMBER("number"), CHOICE("one of");

    private final String word;

    Type(String word) {
      this.word = word;
    }

    /** The JSON schema type, and the word the table uses. */
    public String word() {
      return word;
    }
  }

  /**
   * A quota that lowers a default which would otherwise describe a bigger account than the one
   * simulated (the template's 50 slots in a 30-run account).
   *
   * @param quotas the {@code --set} keys of the quotas, as the table names them
   * @param limit the lowest of those quotas' values
   */
  public record Cap(String quotas, ToDoubleFunction<AwsQuotas> limit) {}

  public Knob {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    choices = List.copyOf(choices);
    Objects.requireNonNull(meaning, "meaning");
  }

  /** The key {@code --set} takes: {@code quotas.startJobRun.rate}, {@code strategies.wlm.maxConcurrency}. */
  public String setKey() {
    return section.equals(Knobs.QUOTAS) ? Knobs.QUOTAS + "." + name : "strategies." + section + "." + name;
  }

  /** The default for an account with {@code quotas}: the declared one, lowered to the cap. */
  public Object defaultFor(AwsQuotas quotas) {
    if (cap == null || !(defaultValue instanceof Number number)) {
      return defaultValue;
    }
    double limit = cap.limit().applyAsDouble(quotas);
    if (number.doubleValue() <= limit) {
      return defaultValue;
    }
    return defaultValue instanceof Integer ? (Object) (int) Math.floor(limit) : (Object) limit;
  }
}
