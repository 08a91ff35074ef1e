package io.datalakewlm.asl.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code Pass}: passes its input to its output, optionally injecting {@code Result}.
 *
 * @param result the fixed {@code Result}, or {@code null} when absent
 */
public record PassState(
    String name, String comment, QueryLanguage queryLanguage, Io io, JsonNode result, String next, boolean end)
    implements State {
  @Override
  public String type() {
    return "Pass";
  }
}
