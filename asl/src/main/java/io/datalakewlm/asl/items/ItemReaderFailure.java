package io.datalakewlm.asl.items;

import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;

/** The errors an ItemReader raises, named as AWS names them. */
final class ItemReaderFailure {
  private ItemReaderFailure() {}

  /** {@code States.ItemReaderFailed}: the items could not be read (no object, not the format). */
  static StatesError failed(String cause) {
    return new StatesError(ErrorNames.ITEM_READER_FAILED, cause);
  }

  /** {@code States.Runtime}: a reader AWS offers that this runtime does not serve. */
  static StatesError notServed(String what) {
    return new StatesError(ErrorNames.RUNTIME, what + " is not served by the local runtime; give the items in the"
        + " state input (ItemsPath/Items) for a local run, or run it on AWS");
  }
}
