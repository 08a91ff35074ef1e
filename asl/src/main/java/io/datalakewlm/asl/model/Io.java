package io.datalakewlm.asl.model;

import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.payload.PayloadTemplate;
import java.util.Optional;

/**
 * The input and output processing fields a state may carry. Which ones a state type accepts is the
 * validator's business; here every field is optional.
 *
 * <p>For the path fields, {@code null} means the field is absent (the default {@code $} applies)
 * and {@code Optional.empty()} means the definition set it to JSON {@code null} (discard: an empty
 * object for {@code InputPath}/{@code OutputPath}, keep the input for {@code ResultPath}).
 *
 * @param inputPath {@code InputPath}
 * @param parameters {@code Parameters} (also the deprecated Map {@code Parameters}), compiled
 * @param resultSelector {@code ResultSelector}, compiled
 * @param resultPath {@code ResultPath}, a reference path
 * @param outputPath {@code OutputPath}
 * @param assign {@code Assign}, compiled in the state's dialect, or {@code null}
 * @param arguments JSONata {@code Arguments}, compiled, or {@code null}
 * @param output JSONata {@code Output}, compiled, or {@code null} (the default output)
 */
public record Io(
    Optional<JsonPath> inputPath,
    PayloadTemplate parameters,
    PayloadTemplate resultSelector,
    Optional<JsonPath> resultPath,
    Optional<JsonPath> outputPath,
    Assign assign,
    JsonataTemplate arguments,
    JsonataTemplate output) {

  /** No processing fields at all: input passes through unchanged. */
  public static final Io NONE = new Io(null, null, null, null, null, null, null, null);
}
