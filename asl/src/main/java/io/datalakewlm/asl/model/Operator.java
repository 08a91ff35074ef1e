package io.datalakewlm.asl.model;

/**
 * The comparison operators of a Choice rule, without their {@code Path} suffix (a
 * {@link Condition.Comparison} with a {@code valuePath} is the {@code …Path} variant).
 */
public enum Operator {
  STRING_EQUALS("StringEquals", Kind.STRING, true),
  STRING_LESS_THAN("StringLessThan", Kind.STRING, true),
  STRING_GREATER_THAN("StringGreaterThan", Kind.STRING, true),
  STRING_LESS_THAN_EQUALS("StringLessThanEquals", Kind.STRING, true),
  STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Kind.STRING, true),
  STRING_MATCHES("StringMatches", Kind.STRING, false),
  NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC, true),
  NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC, true),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC, true),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC, true),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC, true),
  BOOLEAN_EQUALS("BooleanEquals", Kind.BOOLEAN, true),
  TIMESTAMP_EQUALS("TimestampEquals", Kind.TIMESTAMP, true),
  TIMESTAMP_LESS_THAN("TimestampLessThan", Kind.TIMESTAMP, true),
  TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Kind.TIMESTAMP, true),
  TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Kind.TIMESTAMP, true),
  TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Kind.TIMESTAMP, true),
  IS_NULL("IsNull", Kind.TYPE_TEST, false),
  IS_PRESENT("IsPresent", Kind.TYPE_TEST, false),
  IS_NUMERIC("IsNumeric", Kind.TYPE_TEST, false),
  IS_STRING("IsString", Kind.TYPE_TEST, false),
  IS_BOOLEAN("IsBoolean", Kind.TYPE_TEST, false),
  IS_TIMESTAMP("IsTimestamp", Kind.TYPE_TEST, false);

  /** What an operator's literal operand must be. Type tests take a Boolean. */
  public enum Kind {
    STRING,
    NUMERIC,
    BOOLEAN,
    TIMESTAMP,
    TYPE_TEST
  }

  private final String field;
  private final Kind kind;
  private final boolean hasPathVariant;

  Operator(String field, Kind kind, boolean hasPathVariant) {
    this.field = field;
    this.kind = kind;
    this.hasPathVariant = hasPathVariant;
  }

  /** The field name in a definition, for example {@code NumericGreaterThan}. */
  public String field() {
    return field;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether a {@code …Path} variant of this operator exists (not for type tests or matches). */
  public boolean hasPathVariant() {
    return hasPathVariant;
  }

  /** The operator whose field is {@code name}, with or without the {@code Path} suffix, or null. */
  public static Operator forField(String name) {
    String base = name.endsWith("Path") ? name.substring(0, name.length() - 4) : name;
    for (Operator operator : values()) {
      if (operator.field.equals(base) && (base.equals(name) || operator.hasPathVariant)) {
        return operator;
      }
    }
    return null;
  }
}
