package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.run.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar for long runs, redrawn in place on a terminal: {@code [#####     ]  45% wlm}.
 * It redraws only when the whole percentage or the strategy changes, so a run that reports
 * progress at every event does not flood the terminal. Give it a writer to a terminal only (the
 * command checks {@code System.console()}); in a file or pipe the carriage returns are noise.
 */
public final class ProgressBar implements Progress {
  private static final int CELLS = 30;

  private final PrintWriter out;
  private String shownLabel;
  private int shownPercent = -1;
  private int lastLength;

  public ProgressBar(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void update(String strategy, double fraction) {
    double clamped = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
    int percent = (int) Math.floor(clamped * 100);
    if (percent == shownPercent && strategy.equals(shownLabel)) {
      return;
    }
    shownPercent = percent;
    shownLabel = strategy;
    int filled = (int) Math.floor(clamped * CELLS);
    String line = String.format(Locale.ROOT, "[%s%s] %3d%% %s", "#".repeat(filled), " ".repeat(CELLS - filled), percent,
        strategy);
    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    out.flush();
    lastLength = line.length();
  }

  /** Erases the bar, leaving the cursor at the start of an empty line. */
  public void clear() {
    if (lastLength > 0) {
      out.print("\r" + " ".repeat(lastLength) + "\r");
      out.flush();
      lastLength = 0;
      shownPercent = -1;
      shownLabel = null;
    }
  }
}
