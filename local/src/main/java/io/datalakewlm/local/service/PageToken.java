package io.datalakewlm.local.service;

import io.datalakewlm.local.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code nextToken} of a paged list: opaque to clients, it carries the operation it belongs
 * to, a fingerprint of the request's filters and the position after the last item returned. Lists
 * page by a stable key (a creation sequence number, an event id), not by an offset, so items
 * created between two calls are neither skipped nor repeated. A token that is not one of ours,
 * or is replayed with other filters, is {@code InvalidToken}.
 */
final class PageToken {
  /** AWS's length limit of a {@code nextToken}. */
  static final int MAX_LENGTH = 1024;

  private PageToken() {}

  /** The token of the page that starts at {@code key}, for this operation and these filters. */
  static String encode(String operation, String filters, long key) {
    String text = operation + "\n" + filters.hashCode() + "\n" + key;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The key of {@code token}, which must have been issued for {@code operation} and {@code filters}. */
  static long decode(String token, String operation, String filters) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = text.split("\n", -1);
      if (parts.length == 3 && parts[0].equals(operation) && parts[1].equals(Integer.toString(filters.hashCode()))) {
        return Long.parseLong(parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // not one of ours: answered below
    }
    throw ErrorCode.INVALID_TOKEN.exception("Invalid Token: 'The nextToken was not issued for this " + operation
        + " request'");
  }
}
