package io.datalakewlm.simulator.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Every knob of {@link Knobs} as one Markdown table: the {@code --set} key, the type, the default,
 * the allowed values and the meaning. {@code wlm simulate --list-knobs} prints it, and
 * {@code simulator/README.md} carries it between {@link #BEGIN} and {@link #END}.
 */
public final class KnobTable {
  /** The line before the table in the README. */
  public static final String BEGIN = "<!-- knobs:begin -->";
  /** The line after it. */
  public static final String END = "<!-- knobs:end -->";

  private KnobTable() {}

  /** The table, then a line naming the strategies without knobs; each line ends in a newline. */
  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| Knob (`--set` key) | Type | Default | Allowed | Meaning |\n");
    out.append("| --- | --- | --- | --- | --- |\n");
    for (Knob knob : Knobs.all()) {
      out.append("| `").append(knob.setKey()).append("` | ")
          .append(knob.type() == Knob.Type.CHOICE ? "choice" : knob.type().word()).append(" | ")
          .append(defaultText(knob)).append(" | ")
          .append(allowed(knob)).append(" | ")
          .append(cell(knob.meaning())).append(" |\n");
    }
    List<String> without = new ArrayList<>();
    for (StrategyKind kind : StrategyKind.values()) {
      if (Knobs.of(kind.id()).isEmpty()) {
        without.add("`" + kind.id() + "`");
      }
    }
    if (!without.isEmpty()) {
      out.append('\n').append(String.join(", ", without)).append(without.size() == 1 ? " has" : " have")
          .append(" no knobs.\n");
    }
    return out.toString();
  }

  private static String defaultText(Knob knob) {
    String value = value(knob.defaultValue());
    if (knob.type() == Knob.Type.CHOICE) {
      value = "`" + value + "`";
    }
    if (knob.cap() == null) {
      return value;
    }
    List<String> quotas = new ArrayList<>();
    for (String quota : knob.cap().quotas().split(", ")) {
      quotas.add("`" + quota + "`");
    }
    return value + ", at most " + String.join(" and ", quotas);
  }

  private static String allowed(Knob knob) {
    if (knob.type() == Knob.Type.CHOICE) {
      List<String> choices = new ArrayList<>();
      knob.choices().forEach(c -> choices.add("`" + c + "`"));
      return String.join(", ", choices);
    }
    if (knob.minimum() != null && knob.maximum() != null && !knob.exclusiveMinimum()) {
      return value(knob.minimum()) + " to " + value(knob.maximum());
    }
    List<String> bounds = new ArrayList<>();
    if (knob.minimum() != null) {
      bounds.add((knob.exclusiveMinimum() ? "> " : ">= ") + value(knob.minimum()));
    }
    if (knob.maximum() != null) {
      bounds.add("<= " + value(knob.maximum()));
    }
    return bounds.isEmpty() ? "any" : String.join(", ", bounds);
  }

  // A number as a --set value would write it: 2, not 2.0.
  private static String value(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
