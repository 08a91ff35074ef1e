package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.pacing.TokenBuckets;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * PaceCrawler: takes a token of an API's bucket and answers how long to wait before calling
 * the API, for a {@code Wait} state with {@code "SecondsPath": "$.pace.waitSeconds"}. The token
 * is reserved now, so concurrent callers get successive waits, never all zero.
 *
 * <pre>
 * in:  {"api": "glue:StartCrawler", "rate": 0.5?, "burst": 2?}
 * out: {"api": "glue:StartCrawler", "waitSeconds": 2, "usableAt": "2024-01-01T00:00:02Z"}
 * </pre>
 * {@code rate} (tokens per second) and {@code burst} define the bucket if it does not exist yet.
 * Errors: {@code Wlm.UnknownResource}, {@code Wlm.InvalidInput}, {@code Wlm.Contention}.
 */
public final class PaceCrawlerHandler implements ActivityHandler {

  public static final String NAME = "PaceCrawler";

  private final TokenBuckets buckets;

  public PaceCrawlerHandler(TokenBuckets buckets) {
    this.buckets = buckets;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    String api = in.text("api");
    Double rate = in.optionalNumber("rate", 0);
    Double burst = in.optionalNumber("burst", 0.999_999);
    if ((rate == null) != (burst == null)) {
      throw in.invalid(rate == null ? "rate" : "burst", "must be given together with "
          + (rate == null ? "burst" : "rate") + " (they define the bucket)");
    }
    TokenBuckets.Definition definition = rate == null ? null
        : new TokenBuckets.Definition(BigDecimal.valueOf(rate), BigDecimal.valueOf(burst));
    Optional<TokenBuckets.Grant> grant = buckets.take(api, definition);
    if (grant.isEmpty()) {
      throw new ActivityException(ErrorNames.UNKNOWN_RESOURCE, "no token bucket is defined for API " + api
          + "; define it or pass \"rate\" and \"burst\" in the input");
    }
    ObjectNode out = Json.object();
    out.put("api", api);
    out.put("waitSeconds", grant.get().waitSeconds());
    out.put("usableAt", grant.get().usableAt().toString());
    return out;
  }
}
