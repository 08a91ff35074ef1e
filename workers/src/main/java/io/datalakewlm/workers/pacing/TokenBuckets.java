package io.datalakewlm.workers.pacing;

import io.datalakewlm.workers.domain.TokenBucket;
import io.datalakewlm.workers.failure.Contention;
import io.datalakewlm.workers.store.Backoff;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Token buckets per API (e.g. {@code glue:StartCrawler}), one item each in the rate-limits
 * table: {@code rate}, {@code burst}, {@code tokens}, {@code updatedAt} and {@code version}.
 * Taking a token reads the bucket, computes the take ({@link TokenBucket#take}) and writes it
 * back conditioned on the version it read; a writer that lost the race reads again. So every
 * token handed out is accounted for exactly once, whichever worker handed it out.
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
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Item> current = store.get(Table.RATE_LIMITS, Key.of("api", api));
      if (current.isEmpty()) {
        TokenBucket full = TokenBucket.full(definition.rate(), definition.burst(), clock.millis());
        if (store.put(Table.RATE_LIMITS, item(api, full, 1), Condition.notExists("api"))) {
          return;
        }
        continue;
      }
      TokenBucket old = parse(current.get());
      TokenBucket changed = new TokenBucket(definition.rate(), definition.burst(),
          old.tokens().min(definition.burst()), old.updatedAtMillis());
      long version = current.get().longValue("version", 0);
      if (store.put(Table.RATE_LIMITS, item(api, changed, version + 1), Condition.eq("version", version))) {
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
    checkName(api);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Item> current = store.get(Table.RATE_LIMITS, Key.of("api", api));
      if (current.isEmpty()) {
        if (ifUndefined == null) {
          return Optional.empty();
        }
        define(api, ifUndefined);
        continue;
      }
      long now = clock.millis();
      long version = current.get().longValue("version", 0);
      TokenBucket.Take take = parse(current.get()).take(now);
      Update update = Update.builder().set("tokens", take.after().tokens())
          .set("updatedAt", take.after().updatedAtMillis()).add("version", 1).build();
      if (store.update(Table.RATE_LIMITS, Key.of("api", api), update, Condition.eq("version", version)).isPresent()) {
        return Optional.of(new Grant(api, take.waitMillis(), Instant.ofEpochMilli(now + take.waitMillis())));
      }
      Backoff.pause(attempt);
    }
    throw new Contention("could not take a token of " + api + ": " + ATTEMPTS + " conflicting writers");
  }

  /** The bucket as stored. */
  public Optional<TokenBucket> bucket(String api) {
    return store.get(Table.RATE_LIMITS, Key.of("api", api)).map(TokenBuckets::parse);
  }

  private static void checkName(String api) {
    if (api == null || api.isBlank()) {
      throw new IllegalArgumentException("an API name is required");
    }
  }

  private static Item item(String api, TokenBucket bucket, long version) {
    return Item.builder().put("api", api).put("rate", bucket.rate()).put("burst", bucket.burst())
        .put("tokens", bucket.tokens()).put("updatedAt", bucket.updatedAtMillis()).put("version", version).build();
  }

  private static TokenBucket parse(Item item) {
    return new TokenBucket(item.number("rate"), item.number("burst"), item.number("tokens"), item.longValue("updatedAt"));
  }
}
