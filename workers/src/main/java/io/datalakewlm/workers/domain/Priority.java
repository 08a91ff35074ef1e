package io.datalakewlm.workers.domain;

import java.time.Duration;
import java.util.Locale;

/**
 * A priority level: 1 is the most urgent, {@link #LOWEST} the least. The old SDLF priority
 * files knew only {@code HIGH} and {@code LOW}; they are accepted as aliases of levels
 * {@link #HIGH} (1) and {@link #LOW} (5), which leaves room above and below LOW for new entries.
 *
 * <p>Aging: an item that waited raises its effective level by one per aging period, up to
 * {@link #AGED_CEILING}, so a low priority cannot starve behind a steady stream of work of the
 * levels above it. Level 1 is kept for work that is urgent by itself: however long a backlog
 * waited, a fresh level-1 object goes first. (So only level-1 work can delay other levels for
 * good, and only when it alone needs more than the whole pool.)
 */
public record Priority(int level) implements Comparable<Priority> {

  public static final int HIGHEST = 1;
  public static final int LOWEST = 9;
  public static final Priority HIGH = new Priority(1);
  public static final Priority LOW = new Priority(5);
  /** The level of an item whose dataset has no entry in the priority table. */
  public static final Priority DEFAULT = LOW;
  /** The best level aging can lift an item of a lower level to. */
  public static final int AGED_CEILING = 2;

  public Priority {
    if (level < HIGHEST || level > LOWEST) {
      throw new IllegalArgumentException("priority level must be " + HIGHEST + ".." + LOWEST + ", got " + level);
    }
  }

  /**
   * Reads a level ("1".."9") or an alias ("HIGH", "LOW", any case).
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Priority parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    if (t.equals("HIGH")) {
      return HIGH;
    }
    if (t.equals("LOW")) {
      return LOW;
    }
    try {
      return new Priority(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("priority must be a level " + HIGHEST + ".." + LOWEST
          + " or HIGH/LOW, got '" + text + "'");
    }
  }

  /**
   * The effective level after waiting: {@code max(2, level - floor(waited / agingPeriod))} for
   * levels 2 and below, 1 for level 1.
   *
   * @param agingPeriod zero or negative disables aging
   */
  public int agedLevel(Duration waited, Duration agingPeriod) {
    if (agingPeriod.isZero() || agingPeriod.isNegative() || waited.isNegative()) {
      return level;
    }
    if (level <= AGED_CEILING) {
      return level;
    }
    long steps = waited.toMillis() / agingPeriod.toMillis();
    return (int) Math.max(AGED_CEILING, level - Math.min(steps, LOWEST));
  }

  @Override
  public int compareTo(Priority other) {
    return Integer.compare(level, other.level);
  }
}
