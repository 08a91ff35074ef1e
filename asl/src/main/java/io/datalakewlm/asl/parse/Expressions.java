package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.intrinsic.IntrinsicFunction;
import io.datalakewlm.asl.intrinsic.IntrinsicSyntaxException;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathSyntaxException;
import io.datalakewlm.asl.payload.PayloadTemplate;
import io.datalakewlm.asl.payload.TemplateException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the expressions a JSONPath definition carries: paths in {@code …Path} fields, payload
 * templates ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector}, …) and the intrinsic
 * functions a Fail state may use. Each is compiled with the same parser the interpreter uses, so
 * what passes here runs.
 *
 * <p>Paths may read workflow variables ({@code $name…}); whether some state assigns them is
 * {@link VariableRules}' business.
 */
final class Expressions {
  /** What a path field must be. */
  enum PathKind {
    /** Any path: filters, wildcards and slices allowed ({@code InputPath}, {@code OutputPath}). */
    PATH,
    /** A reference path: it selects a single node ({@code ItemsPath}, {@code SecondsPath}, …). */
    REFERENCE,
    /** A reference path into the state input, where a result is written ({@code ResultPath}). */
    RESULT
  }

  /** The intrinsic functions AWS allows in a Fail state's ErrorPath and CausePath. */
  static final Set<String> FAIL_INTRINSICS =
      Set.of(
          "States.Format", "States.JsonToString", "States.ArrayGetItem", "States.Base64Encode",
          "States.Base64Decode", "States.Hash", "States.UUID");

  private static final Pattern INTRINSIC_CALL = Pattern.compile("^States\\.[A-Za-z0-9.]+\\(.*", Pattern.DOTALL);

  private Expressions() {}

  /**
   * Checks the path in field {@code name}; JSON {@code null} is accepted when {@code nullable}
   * (InputPath, OutputPath and ResultPath use it to discard).
   */
  static void path(Fields fields, String name, PathKind kind, boolean nullable) {
    JsonNode value = fields.get(name);
    if (value == null || (nullable && value.isNull())) {
      return;
    }
    if (!value.isTextual()) {
      fields.typeError(name, nullable ? "a path string or null" : "a path string", value);
      return;
    }
    pathText(value.textValue(), fields.at(name), name, kind, fields.problems());
  }

  /** Checks one path written at {@code at} for field {@code name}. */
  static void pathText(String text, JsonPointer at, String name, PathKind kind, Problems problems) {
    JsonPath path;
    try {
      path = JsonPath.parse(text);
    } catch (PathSyntaxException e) {
      problems.schema(at, "The value of '" + name + "' is not a valid JSONPath: " + text + ": " + e.getMessage());
      return;
    }
    if (kind != PathKind.PATH && !path.isReference()) {
      problems.schema(
          at,
          "The value of '" + name + "' must be a reference path (a single node: no wildcards, filters,"
              + " slices or unions): " + text);
    } else if (kind == PathKind.RESULT && path.root() != JsonPath.Root.INPUT) {
      problems.schema(
          at, "The value of '" + name + "' must be a path into the state input, starting with '$.': " + text);
    }
  }

  /**
   * Checks {@code ErrorPath} or {@code CausePath} of a Fail state: a reference path, or one of the
   * intrinsic functions that return a string.
   */
  static void pathOrIntrinsic(Fields fields, String name) {
    JsonNode value = fields.get(name);
    if (value == null) {
      return;
    }
    if (!value.isTextual()) {
      fields.typeError(name, "a path or intrinsic function string", value);
      return;
    }
    String text = value.textValue();
    if (!IntrinsicFunction.isIntrinsic(text)) {
      pathText(text, fields.at(name), name, PathKind.REFERENCE, fields.problems());
      return;
    }
    String function = text.contains("(") ? text.substring(0, text.indexOf('(')).trim() : text;
    if (!FAIL_INTRINSICS.contains(function)) {
      fields.problems().schema(
          fields.at(name),
          "The intrinsic function " + function + " cannot be used in '" + name + "'; use one that"
              + " returns a string: " + String.join(", ", FAIL_INTRINSICS.stream().sorted().toList()));
      return;
    }
    try {
      IntrinsicFunction.parse(text);
    } catch (IntrinsicSyntaxException e) {
      fields.problems().schema(
          fields.at(name), "The value of '" + name + "' is not a valid intrinsic function: " + e.getMessage());
    }
  }

  /**
   * Checks the payload template in field {@code name}: a JSON object whose {@code .$} fields all
   * compile; warns about values that look like paths under keys without {@code .$}.
   */
  static void template(Fields fields, String name) {
    JsonNode value = fields.get(name);
    if (value == null) {
      return;
    }
    if (!value.isObject()) {
      fields.typeError(name, "an object", value);
      return;
    }
    try {
      PayloadTemplate.compile(value);
    } catch (TemplateException e) {
      for (TemplateException.Issue issue : e.issues()) {
        fields.problems().schema(
            TemplateLocations.resolve(fields.at(name), issue.location()),
            "Invalid payload template in '" + name + "': " + issue.message());
      }
    }
    warnNoDollar(value, fields.at(name), fields.problems());
  }

  /** Whether a literal string looks like a path or an intrinsic call someone meant to evaluate. */
  static boolean looksLikePath(String text) {
    return text.startsWith("$.") || text.startsWith("$$.") || text.startsWith("$[")
        || INTRINSIC_CALL.matcher(text).matches();
  }

  /** Warns (PASS_RESULT_IS_STATIC) about {@code .$} keys in a Pass state's Result. */
  static void warnStaticResult(JsonNode result, JsonPointer at, Problems problems) {
    if (result.isObject()) {
      for (Map.Entry<String, JsonNode> member : result.properties()) {
        JsonPointer where = at.appendProperty(member.getKey());
        if (member.getKey().endsWith(".$")) {
          problems.warning(
              DiagnosticCode.PASS_RESULT_IS_STATIC,
              where,
              "A Pass state's Result is static: the key '" + member.getKey() + "' is not evaluated;"
                  + " use Parameters to build the output from paths");
        }
        warnStaticResult(member.getValue(), where, problems);
      }
    } else if (result.isArray()) {
      for (int i = 0; i < result.size(); i++) {
        warnStaticResult(result.get(i), at.appendIndex(i), problems);
      }
    }
  }

  // Warns (NO_DOLLAR) about template values that look like paths but whose key has no ".$".
  private static void warnNoDollar(JsonNode template, JsonPointer at, Problems problems) {
    if (template.isObject()) {
      for (Map.Entry<String, JsonNode> member : template.properties()) {
        String key = member.getKey();
        JsonNode value = member.getValue();
        JsonPointer where = at.appendProperty(key);
        if (!key.endsWith(".$") && value.isTextual() && looksLikePath(value.textValue())) {
          problems.warning(
              DiagnosticCode.NO_DOLLAR,
              where,
              "The value of '" + key + "' looks like a path or intrinsic function, but it is passed as"
                  + " a literal string because the key does not end with '.$' (did you mean '" + key + ".$'?)");
        }
        warnNoDollar(value, where, problems);
      }
    } else if (template.isArray()) {
      for (int i = 0; i < template.size(); i++) {
        warnNoDollar(template.get(i), at.appendIndex(i), problems);
      }
    }
  }
}
