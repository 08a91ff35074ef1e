package io.datalakewlm.asl.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.path.Scope;

/** STUB: being written on branch asl-data. */
public final class PayloadTemplate {
  private final JsonNode raw;

  private PayloadTemplate(JsonNode raw) {
    this.raw = raw;
  }

  public static PayloadTemplate compile(JsonNode template) throws TemplateException {
    return new PayloadTemplate(template);
  }

  public JsonNode raw() {
    return raw;
  }

  public JsonNode evaluate(Scope scope, String pathFailureError) {
    throw new UnsupportedOperationException("asl-data");
  }
}
