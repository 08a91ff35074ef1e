package io.datalakewlm.asl.parse;

import java.util.Collection;

/**
 * Finds the intended name behind a near miss ({@code ResultPat} for {@code ResultPath},
 * {@code resultpath} for {@code ResultPath}), so a message can end with "did you mean …?".
 * A candidate qualifies when it differs only in case, or by at most two edits (one for short names;
 * swapping two neighbouring letters is one edit),
 * and no other candidate is as close.
 */
final class Suggestions {
  private Suggestions() {}

  /** {@code " (did you mean 'X'?)"} for the closest candidate, or the empty string. */
  static String didYouMean(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String candidate : candidates) {
      int distance =
          candidate.equalsIgnoreCase(name) ? 0 : distance(name.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
        tie = false;
      } else if (distance == bestDistance) {
        tie = true;
      }
    }
    int allowed = name.length() <= 4 ? 1 : 2;
    if (best == null || tie || bestDistance > allowed || best.equals(name)) {
      return "";
    }
    return " (did you mean '" + best + "'?)";
  }

  // Edit distance between two strings, counting a swap of neighbours as one edit ("Wiat", "Wait").
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
