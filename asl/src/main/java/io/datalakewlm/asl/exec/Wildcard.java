package io.datalakewlm.asl.exec;

/**
 * {@code StringMatches} patterns: {@code *} matches any run of characters (also none); {@code \*}
 * is a literal star and {@code \\} a literal backslash. No other character is special.
 */
final class Wildcard {
  private Wildcard() {}

  static boolean matches(String pattern, String text) {
    // Decode the pattern into literal chars and wildcard markers once.
    int[] tokens = new int[pattern.length()];
    int count = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length() && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '\\')) {
        tokens[count++] = pattern.charAt(++i);
      } else if (c == '*') {
        tokens[count++] = -1;
      } else {
        tokens[count++] = c;
      }
    }
    // Greedy match with backtracking to the last star: linear in practice.
    int t = 0;
    int p = 0;
    int starP = -1;
    int starT = 0;
    while (t < text.length()) {
      if (p < count && tokens[p] != -1 && tokens[p] == text.charAt(t)) {
        p++;
        t++;
      } else if (p < count && tokens[p] == -1) {
        starP = p++;
        starT = t;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < count && tokens[p] == -1) {
      p++;
    }
    return p == count;
  }
}
