package io.datalakewlm.asl.model;

import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.path.JsonPath;

/**
 * {@code Wait}: delays the flow for a number of seconds or until a timestamp. Exactly one of the
 * four JSONPath fields (or one JSONata expression) is set.
 *
 * @param seconds {@code Seconds}, or {@code null}
 * @param timestamp {@code Timestamp} (RFC 3339 text), or {@code null}
 * @param secondsPath {@code SecondsPath}, or {@code null}
 * @param timestampPath {@code TimestampPath}, or {@code null}
 * @param secondsExpression JSONata {@code Seconds} expression, or {@code null}
 * @param timestampExpression JSONata {@code Timestamp} expression, or {@code null}
 */
public record WaitState(
    String name,
    String comment,
    QueryLanguage queryLanguage,
    Io io,
    Long seconds,
    String timestamp,
    JsonPath secondsPath,
    JsonPath timestampPath,
    JsonataExpression secondsExpression,
    JsonataExpression timestampExpression,
    String next,
    boolean end)
    implements State {
  @Override
  public String type() {
    return "Wait";
  }
}
