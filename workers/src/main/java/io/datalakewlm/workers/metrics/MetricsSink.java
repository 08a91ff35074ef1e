package io.datalakewlm.workers.metrics;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where the workers' EMF lines go. In production a line on standard output: the ECS task's log
 * driver (or a Lambda's runtime) ships it to CloudWatch Logs, which extracts the metrics from it,
 * so the workers never call PutMetricData. A sink must be thread-safe: handlers run on many
 * threads.
 */
@FunctionalInterface
public interface MetricsSink {

  /** A sink that takes nothing; {@link Metrics} does not even render lines for it. */
  MetricsSink NONE = line -> { };

  /** Writes one complete EMF document (a single JSON line, no newline in it). */
  void write(String line);

  /** Standard output, one line per document, flushed per line so that no line is cut by a stop. */
  static MetricsSink printing(PrintStream out) {
    Objects.requireNonNull(out);
    return line -> {
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    };
  }
}
