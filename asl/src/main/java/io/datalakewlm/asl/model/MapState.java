package io.datalakewlm.asl.model;

import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.payload.PayloadTemplate;
import java.util.List;

/**
 * {@code Map}: runs its item processor once per item of an array from its input, at most
 * {@code MaxConcurrency} at a time, and collects the outputs in item order.
 *
 * <p>Inline mode runs iterations inside the parent execution; distributed mode runs each item (or
 * batch) as a child execution of a map run, with tolerated failures, batching and a label.
 * Reading items from S3 ({@code ItemReader}) and writing results ({@code ResultWriter}) are not
 * supported locally; the validator says so.
 *
 * @param processor the {@code ItemProcessor} (or deprecated {@code Iterator}) states
 * @param mode INLINE or DISTRIBUTED, from {@code ProcessorConfig.Mode}
 * @param executionType STANDARD or EXPRESS for DISTRIBUTED mode, from {@code ProcessorConfig}
 * @param itemsPath {@code ItemsPath} (a reference path), or {@code null} for {@code $}
 * @param items JSONata {@code Items} (an array or an expression), or {@code null}: the input
 * @param itemSelector {@code ItemSelector} or the deprecated {@code Parameters}, compiled
 * @param itemSelectorJsonata JSONata {@code ItemSelector}, or {@code null}
 * @param maxConcurrency {@code MaxConcurrency} (0 = no limit), or {@code null}
 * @param maxConcurrencyPath {@code MaxConcurrencyPath}, or {@code null}
 * @param maxConcurrencyExpression JSONata {@code MaxConcurrency} expression, or {@code null}
 */
public record MapState(
    String name,
    String comment,
    QueryLanguage queryLanguage,
    Io io,
    StateMachine processor,
    Mode mode,
    String executionType,
    JsonPath itemsPath,
    JsonataTemplate items,
    PayloadTemplate itemSelector,
    JsonataTemplate itemSelectorJsonata,
    Integer maxConcurrency,
    JsonPath maxConcurrencyPath,
    JsonataExpression maxConcurrencyExpression,
    Tolerance tolerance,
    ItemBatcher itemBatcher,
    String label,
    List<Retrier> retry,
    List<Catcher> catchers,
    String next,
    boolean end)
    implements State {

  public MapState {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public String type() {
    return "Map";
  }

  public enum Mode {
    INLINE,
    DISTRIBUTED
  }

  /**
   * How many failed items a distributed map tolerates before failing with
   * {@code States.ExceedToleratedFailureThreshold}. All fields may be null (no tolerance); each
   * threshold is fixed, read from a path (JSONPath) or computed by an expression (JSONata).
   */
  public record Tolerance(
      Integer count, JsonPath countPath, JsonataExpression countExpression,
      Double percentage, JsonPath percentagePath, JsonataExpression percentageExpression) {
    public static final Tolerance NONE = new Tolerance(null, null, null, null, null, null);
  }

  /**
   * {@code ItemBatcher}: groups items into batches of at most {@code maxItemsPerBatch} items and
   * {@code maxInputBytesPerBatch} bytes; each batch input is {@code {"Items": […]}} plus
   * {@code BatchInput} (a payload template in JSONPath, a JSONata template in JSONata).
   */
  public record ItemBatcher(
      Integer maxItemsPerBatch,
      JsonPath maxItemsPerBatchPath,
      JsonataExpression maxItemsPerBatchExpression,
      Integer maxInputBytesPerBatch,
      JsonPath maxInputBytesPerBatchPath,
      JsonataExpression maxInputBytesPerBatchExpression,
      PayloadTemplate batchInput,
      JsonataTemplate batchInputJsonata) {}
}
