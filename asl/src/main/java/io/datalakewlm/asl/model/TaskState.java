package io.datalakewlm.asl.model;

import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.path.JsonPath;
import java.util.List;

/**
 * {@code Task}: calls the resource named by {@code resource} (an activity ARN, a Lambda ARN, an
 * optimized or {@code aws-sdk} integration, possibly with a {@code .sync} or
 * {@code .waitForTaskToken} suffix).
 *
 * @param timeoutSeconds {@code TimeoutSeconds}, or {@code null}
 * @param timeoutSecondsPath {@code TimeoutSecondsPath}, or {@code null}
 * @param timeoutExpression JSONata {@code TimeoutSeconds} expression, or {@code null}
 * @param heartbeatSeconds {@code HeartbeatSeconds}, or {@code null}
 * @param heartbeatSecondsPath {@code HeartbeatSecondsPath}, or {@code null}
 * @param heartbeatExpression JSONata {@code HeartbeatSeconds} expression, or {@code null}
 */
public record TaskState(
    String name,
    String comment,
    QueryLanguage queryLanguage,
    Io io,
    String resource,
    Integer timeoutSeconds,
    JsonPath timeoutSecondsPath,
    JsonataExpression timeoutExpression,
    Integer heartbeatSeconds,
    JsonPath heartbeatSecondsPath,
    JsonataExpression heartbeatExpression,
    List<Retrier> retry,
    List<Catcher> catchers,
    String next,
    boolean end)
    implements State {

  /** The default {@code TimeoutSeconds} of a Task: 99999999 seconds, as AWS documents. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 99_999_999;

  public TaskState {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public String type() {
    return "Task";
  }
}
