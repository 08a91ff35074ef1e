package io.datalakewlm.workers.pacing;

import io.datalakewlm.workers.domain.TokenBucket;
import io.datalakewlm.workers.failure.Contention;
import io.datalakewlm.workers.store.Backoff;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Token buckets per API (e.g. {@code glue:StartCrawler}), kept in the rate-limits table: the
 * buckets of one service ({@code glue:StartJobRun} and {@code glue:StartCrawler} are both
 * {@code glue}) share one item, {@code api} = the service, with one map per API ({@code rate},
 * {@code burst}, {@code tokens}, {@code updatedAt}) and a {@code version}. So a worker that is
 * about to start a crawl and a job run takes both tokens in ONE write ({@link #takeAll}).
 * Taking reads the item, computes each take ({@link TokenBucket#take}) and writes the item back
 * conditioned on the version it read; a writer that lost the race reads again. So every token
 * handed out is accounted for exactly once, whichever worker handed it out.
 */
public final class TokenBuckets {

  private static final int ATTEMPTS = 200;

  private final Store store;
  private final Clock clock;

  /** The answer to a caller: wait this long, then call the API. */
  public record Grant(String api, long waitMillis, Instant usableAt) {
    /** Whole seconds to wait, rounded up: what a Wait state's SecondsPath takes. */
    public long waitSeconds() {
      return (waitMillis + 999) / 1000;
    }
  }

  /** A bucket's parameters. */
  public record Definition(BigDecimal rate, BigDecimal burst) {
    public Definition {
      Objects.requireNonNull(rate);
      Objects.requireNonNull(burst);
      TokenBucket.full(rate, burst, 0); // validates
    }
  }

  public TokenBuckets(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Creates a full bucket, or changes the rate and burst of an existing one (its balance is kept, capped at the new burst). */
  public void define(String api, Definition definition) {
    checkName(api);
    Objects.requireNonNull(definition);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Item> current = store.get(Table.RATE_LIMITS, key(api));
      Map<String, TokenBucket> buckets = current.map(TokenBuckets::parse).orElseGet(LinkedHashMap::new);
      TokenBucket old = buckets.get(api);
      buckets.put(api, old == null ? TokenBucket.full(definition.rate(), definition.burst(), clock.millis())
          : new TokenBucket(definition.rate(), definition.burst(), old.tokens().min(definition.burst()),
              old.updatedAtMillis()));
      if (write(api, current, buckets)) {
        return;
      }
      Backoff.pause(attempt);
    }
    throw new Contention("could not define bucket " + api + ": too many concurrent writers");
  }

  /**
   * Takes one token.
   *
   * @param ifUndefined creates the bucket with these parameters when it does not exist; null to refuse
   * @return empty when the bucket does not exist and no definition was given
   */
  public Optional<Grant> take(String api, Definition ifUndefined) {
    Map<String, Definition> one = new LinkedHashMap<>();
    one.put(api, ifUndefined);
    return Optional.ofNullable(takeAll(one).get(api));
  }

  /**
   * Takes one token of each API, in one write when they belong to one service (else one write
   * per service).
   *
   * @param apis each API with the parameters that create its bucket when it does not exist (null
   *     to refuse an undefined one)
   * @return a grant per API whose bucket exists or was created; an undefined API without
   *     parameters has none
   */
  public Map<String, Grant> takeAll(Map<String, Definition> apis) {
    Map<String, Map<String, Definition>> byService = new LinkedHashMap<>();
    apis.forEach((api, definition) -> {
      checkName(api);
      byService.computeIfAbsent(service(api), s -> new LinkedHashMap<>()).put(api, definition);
    });
    Map<String, Grant> grants = new LinkedHashMap<>();
    byService.values().forEach(group -> grants.putAll(takeFromOneItem(group)));
    return grants;
  }

  /** The bucket as stored. */
  public Optional<TokenBucket> bucket(String api) {
    checkName(api);
    return store.get(Table.RATE_LIMITS, key(api)).map(item -> parse(item).get(api));
  }

  private Map<String, Grant> takeFromOneItem(Map<String, Definition> apis) {
    String first = apis.keySet().iterator().next();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Item> current = store.get(Table.RATE_LIMITS, key(first));
      Map<String, TokenBucket> buckets = current.map(TokenBuckets::parse).orElseGet(LinkedHashMap::new);
      long now = clock.millis();
      Map<String, Grant> grants = new LinkedHashMap<>();
      apis.forEach((api, definition) -> {
        TokenBucket bucket = buckets.get(api);
        if (bucket == null && definition != null) {
          bucket = TokenBucket.full(definition.rate(), definition.burst(), now);
        }
        if (bucket != null) {
          TokenBucket.Take take = bucket.take(now);
          buckets.put(api, take.after());
          grants.put(api, new Grant(api, take.waitMillis(), Instant.ofEpochMilli(now + take.waitMillis())));
        }
      });
      if (grants.isEmpty() || write(first, current, buckets)) {
        return grants;
      }
      Backoff.pause(attempt);
    }
    throw new Contention("could not take a token of " + String.join(", ", apis.keySet()) + ": " + ATTEMPTS
        + " conflicting writers");
  }

  // Writes a service's buckets back if nobody wrote them since `read`.
  private boolean write(String api, Optional<Item> read, Map<String, TokenBucket> buckets) {
    Item.Builder item = Item.builder().put("api", service(api));
    buckets.forEach((name, bucket) -> item.put(name, Map.of("rate", bucket.rate(), "burst", bucket.burst(),
        "tokens", bucket.tokens(), "updatedAt", bucket.updatedAtMillis())));
    if (read.isEmpty()) {
      return store.put(Table.RATE_LIMITS, item.put("version", 1).build(), Condition.notExists("api"));
    }
    long version = read.get().longValue("version", 0);
    return store.put(Table.RATE_LIMITS, item.put("version", version + 1).build(), Condition.eq("version", version));
  }

  private static void checkName(String api) {
    if (api == null || api.isBlank()) {
      throw new IllegalArgumentException("an API name is required");
    }
  }

  // The buckets of one service share an item: "glue:StartJobRun" -> "glue".
  private static String service(String api) {
    int colon = api.indexOf(':');
    return colon > 0 ? api.substring(0, colon) : api;
  }

  private static Key key(String api) {
    return Key.of("api", service(api));
  }

  private static Map<String, TokenBucket> parse(Item item) {
    Map<String, TokenBucket> buckets = new LinkedHashMap<>();
    item.attributes().forEach((name, value) -> {
      if (value instanceof Map<?, ?> && item.map(name).containsKey("rate")) {
        Map<String, Object> bucket = item.map(name);
        buckets.put(name, new TokenBucket(number(bucket.get("rate")), number(bucket.get("burst")),
            number(bucket.get("tokens")), number(bucket.get("updatedAt")).longValue()));
      }
    });
    return buckets;
  }

  private static BigDecimal number(Object value) {
    return value instanceof BigDecimal d ? d : new BigDecimal(String.valueOf(value));
  }
}
