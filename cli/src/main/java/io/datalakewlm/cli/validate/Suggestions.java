package io.datalakewlm.cli.validate;

import io.datalakewlm.asl.spelling.Spelling;
import java.util.Collection;

/** The "did you mean …?" ending of a validation problem. */
final class Suggestions {
  private Suggestions() {}

  /** {@code "; did you mean 'X'?"} for the intended known name, else empty. */
  static String didYouMean(String name, Collection<String> known) {
    String best = Spelling.closest(name, known);
    return best == null ? "" : "; did you mean '" + best + "'?";
  }
}
