package io.datalakewlm.cli;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Where the {@code wlm} command's {@link System.Logger} records go: one line each on standard
 * error, UTC timestamp first, which is what CloudWatch Logs wants from an ECS container. The
 * project's loggers ({@code io.datalakewlm.*}) print INFO and above, every other WARNING and
 * above; {@code -Dwlm.log.level=DEBUG} (or WARNING...) changes the project's threshold.
 *
 * <p>Registered as the JDK's {@code System.LoggerFinder} service (META-INF/services) rather than
 * configured through java.util.logging, because JUL's own shutdown hook closes its handlers while
 * {@code wlm workers} is still draining after a SIGTERM, and the last lines, which say what the
 * drain did, would be lost.
 */
public final class ConsoleLoggerFinder extends System.LoggerFinder {

  private static final String PROJECT = "io.datalakewlm";

  @Override
  public System.Logger getLogger(String name, Module module) {
    System.Logger.Level threshold = name.startsWith(PROJECT)
        ? System.Logger.Level.valueOf(System.getProperty("wlm.log.level", "INFO"))
        : System.Logger.Level.WARNING;
    return new LineLogger(name, threshold);
  }

  /** A logger that prints its records at or above a threshold. */
  private static final class LineLogger implements System.Logger {
    private final String name;
    private final String shortName;
    private final Level threshold;

    LineLogger(String name, Level threshold) {
      this.name = name;
      this.shortName = name.substring(name.lastIndexOf('.') + 1);
      this.threshold = threshold;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        print(level, msg + (thrown == null ? "" : " (" + thrown + ")"));
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        print(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
      }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      if (isLoggable(level)) {
        print(level, msgSupplier.get());
      }
    }

    // One line, flushed at once: the process may be about to end.
    private void print(Level level, String message) {
      PrintStream err = System.err;
      synchronized (err) {
        err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + level.getName() + " " + shortName + ": " + message);
        err.flush();
      }
    }
  }
}
