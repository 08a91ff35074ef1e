package io.datalakewlm.workers.store.dynamodb;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts DynamoDB requests by operation (one count per API call, retries not included), to
 * report reads and writes per dispatched item. Thread-safe.
 */
public final class RequestCounter implements ExecutionInterceptor {

  private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan");
  private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counts.computeIfAbsent(operation, o -> new LongAdder()).increment();
  }

  public long reads() {
    return sum(READS);
  }

  public long writes() {
    return sum(WRITES);
  }

  /** Requests per operation name, sorted. */
  public Map<String, Long> byOperation() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((k, v) -> snapshot.put(k, v.sum()));
    return snapshot;
  }

  public void reset() {
    counts.clear();
  }

  private long sum(Set<String> operations) {
    long total = 0;
    for (String op : operations) {
      LongAdder adder = counts.get(op);
      total += adder == null ? 0 : adder.sum();
    }
    return total;
  }
}
