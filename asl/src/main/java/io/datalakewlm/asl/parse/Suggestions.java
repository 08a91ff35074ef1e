package io.datalakewlm.asl.parse;

import io.datalakewlm.asl.spelling.Spelling;
import java.util.Collection;

/** The "did you mean …?" ending of a definition diagnostic. */
final class Suggestions {
  private Suggestions() {}

  /** {@code " (did you mean 'X'?)"} for the intended candidate, or the empty string. */
  static String didYouMean(String name, Collection<String> candidates) {
    String best = Spelling.closest(name, candidates);
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }
}
