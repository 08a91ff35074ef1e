package io.datalakewlm.asl.spelling;

import java.util.Collection;

/**
 * Finds the intended name behind a near miss ({@code ResultPat} for {@code ResultPath},
 * {@code maxConcurency} for {@code maxConcurrency}), so that every error message of the project —
 * definitions, scenarios, templates — can end with the same "did you mean …?".
 *
 * <p>A candidate qualifies when it differs only in case, or by few edits: one for names of up to
 * four letters, else up to a third of the name (at least two, at most three); swapping two
 * neighbouring letters is one edit. When two candidates are equally close there is no suggestion:
 * a guess between them would mislead.
 */
public final class Spelling {
  private Spelling() {}

  /** The candidate {@code name} was probably meant to be, or {@code null}. */
  public static String closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String candidate : candidates) {
      int distance = candidate.equalsIgnoreCase(name) ? 0 : distance(name.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
        tie = false;
      } else if (distance == bestDistance && !candidate.equals(best)) {
        tie = true;
      }
    }
    int allowed = name.length() <= 4 ? 1 : Math.min(3, Math.max(2, name.length() / 3));
    if (best == null || tie || bestDistance > allowed || best.equals(name)) {
      return null;
    }
    return best;
  }

  // Edit distance, counting a swap of neighbours as one edit ("Wiat" and "Wait").
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
