package io.datalakewlm.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What an expression can reach while a state runs: its input ({@code $}), the context object
 * ({@code $$}), the workflow variables visible to the state ({@code $name}), and the execution's
 * seeded random source (for {@code States.MathRandom} and {@code States.UUID}, so runs are
 * deterministic per seed).
 */
public record Scope(JsonNode input, JsonNode context, Map<String, JsonNode> variables, RandomGenerator random) {
  public Scope {
    variables = variables == null ? Map.of() : variables;
  }

  /** The same scope with {@code $} standing for another value (for example a task's result). */
  public Scope withInput(JsonNode newInput) {
    return newInput == input ? this : new Scope(newInput, context, variables, random);
  }
}
