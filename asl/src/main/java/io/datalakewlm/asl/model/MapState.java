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
 * A distributed map may read its items from S3 ({@code ItemReader}) and write its results there
 * ({@code ResultWriter}); a local run serves both from the runtime's buckets (a folder standing in
 * for S3).
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
    ItemReader itemReader,
    ResultWriter resultWriter,
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

  /**
   * {@code ItemReader}: where a distributed map reads its items. {@code getObject} reads one
   * object ({@code Bucket}, {@code Key}) as {@code ReaderConfig.InputType}; {@code listObjectsV2}
   * lists the objects under {@code Bucket}/{@code Prefix}, one item per object.
   *
   * @param parameters the JSONPath {@code Parameters} template, or {@code null}
   * @param arguments the JSONata {@code Arguments}, or {@code null}
   * @param config the {@code ReaderConfig}, {@link ReaderConfig#NONE} when absent
   */
  public record ItemReader(String resource, PayloadTemplate parameters, JsonataTemplate arguments, ReaderConfig config) {
    public static final String GET_OBJECT = "arn:aws:states:::s3:getObject";
    public static final String LIST_OBJECTS_V2 = "arn:aws:states:::s3:listObjectsV2";
    public static final List<String> RESOURCES = List.of(GET_OBJECT, LIST_OBJECTS_V2);
    public static final List<String> INPUT_TYPES = List.of("CSV", "JSON", "JSONL", "MANIFEST", "PARQUET");
    public static final List<String> HEADER_LOCATIONS = List.of("FIRST_ROW", "GIVEN");
    public static final List<String> DELIMITERS = List.of("COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB");
    public static final List<String> MANIFEST_TYPES = List.of("ATHENA_DATA", "CSV", "S3_INVENTORY");
    public static final List<String> TRANSFORMATIONS = List.of("NONE", "LOAD_AND_FLATTEN");
    /** AWS's ceiling on {@code MaxItems}. */
    public static final int MAX_ITEMS_LIMIT = 100_000_000;
  }

  /**
   * {@code ReaderConfig}: the format and limits of what an ItemReader reads. Fields are
   * {@code null} when absent; {@code csvHeaders} is empty unless {@code CSVHeaderLocation} is GIVEN.
   */
  public record ReaderConfig(
      String inputType, String csvHeaderLocation, List<String> csvHeaders, String csvDelimiter,
      Integer maxItems, JsonPath maxItemsPath, JsonataExpression maxItemsExpression,
      String manifestType, String transformation) {
    public static final ReaderConfig NONE = new ReaderConfig(null, null, List.of(), null, null, null, null, null, null);

    public ReaderConfig {
      csvHeaders = List.copyOf(csvHeaders);
    }
  }

  /**
   * {@code ResultWriter}: how a distributed map returns its children's results. With
   * {@code Resource} and {@code Parameters} ({@code Bucket}, {@code Prefix}) the results are
   * written to S3 and the state's result is {@code {MapRunArn, ResultWriterDetails}}; with only
   * {@code WriterConfig} they are shaped ({@code Transformation}) in the state's result.
   *
   * @param resource {@link #PUT_OBJECT}, or {@code null} when the results stay in the state output
   * @param transformation NONE, COMPACT or FLATTEN, {@code null} when not given
   * @param outputType JSON or JSONL, {@code null} when not given
   */
  public record ResultWriter(
      String resource, PayloadTemplate parameters, JsonataTemplate arguments, String transformation,
      String outputType) {
    public static final String PUT_OBJECT = "arn:aws:states:::s3:putObject";
    public static final List<String> TRANSFORMATIONS = List.of("NONE", "COMPACT", "FLATTEN");
    public static final List<String> OUTPUT_TYPES = List.of("JSON", "JSONL");
  }
}
