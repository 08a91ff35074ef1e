package io.datalakewlm.cli.validate;

import java.util.Collection;

/** "Did you mean" hints for names that are almost right: the closest known name by edit distance. */
final class Suggestions {

  private Suggestions() {
  }

  /** {@code "; did you mean 'X'?"} when a known name is within a third of the name's length, else empty. */
  static String didYouMean(String name, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(name.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance > 0 && bestDistance <= Math.max(1, name.length() / 3)
        ? "; did you mean '" + best + "'?" : "";
  }

  // Levenshtein distance.
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
