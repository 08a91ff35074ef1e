package io.datalakewlm.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.path.Scope;

/** STUB: being written on branch asl-data. */
public final class IntrinsicFunction {
  public static boolean isIntrinsic(String text) {
    return text.startsWith("States.");
  }

  public static IntrinsicFunction parse(String text) throws IntrinsicSyntaxException {
    throw new UnsupportedOperationException("asl-data");
  }

  public JsonNode evaluate(Scope scope) {
    throw new UnsupportedOperationException("asl-data");
  }
}
