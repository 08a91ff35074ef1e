package io.datalakewlm.asl.model;

/** The expression dialect of a state: the classic JSONPath fields, or JSONata {@code {% %}}. */
public enum QueryLanguage {
  JSONPATH("JSONPath"),
  JSONATA("JSONata");

  private final String text;

  QueryLanguage(String text) {
    this.text = text;
  }

  /** The spelling used in definitions ({@code "JSONPath"}, {@code "JSONata"}). */
  public String text() {
    return text;
  }

  public static QueryLanguage fromText(String text) {
    for (QueryLanguage language : values()) {
      if (language.text.equals(text)) {
        return language;
      }
    }
    throw new IllegalArgumentException("unknown QueryLanguage '" + text + "'");
  }
}
