package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.local.protocol.Request;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * One page of a List operation over records kept in creation order (activities, state machines):
 * {@code maxResults} (0 or absent means AWS's default of 100) and a {@code nextToken} that
 * remembers the last creation sequence returned, so records created or deleted between pages
 * neither repeat nor shift the listing.
 */
final class CreationOrderPage {
  private final String operation;
  private final int limit;
  private final long after;

  private CreationOrderPage(String operation, int limit, long after) {
    this.operation = operation;
    this.limit = limit;
    this.after = after;
  }

  /** Reads and validates {@code maxResults} and {@code nextToken} of {@code request}. */
  static CreationOrderPage of(Request request, String operation) {
    int maxResults = request.optionalInt("maxResults", 0, 1000, 0);
    String nextToken = request.optionalString("nextToken", 1, PageToken.MAX_LENGTH);
    request.validate();
    return new CreationOrderPage(operation, maxResults == 0 ? 100 : maxResults,
        nextToken == null ? 0 : PageToken.decode(nextToken, operation, ""));
  }

  /** Fills {@code field} of {@code response} with this page of {@code records}, and the next token. */
  <T> ObjectNode fill(ObjectNode response, String field, Iterable<T> records, ToLongFunction<T> sequence,
      BiConsumer<T, ObjectNode> item) {
    ArrayNode items = response.putArray(field);
    for (T record : records) {
      long position = sequence.applyAsLong(record);
      if (position <= after) {
        continue;
      }
      if (items.size() == limit) {
        response.put("nextToken", PageToken.encode(operation, "", position - 1));
        break;
      }
      item.accept(record, items.addObject());
    }
    return response;
  }
}
