package io.datalakewlm.asl.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonataExpressionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Bindings bindings(String input, Map<String, String> variables) {
    return new Bindings(json(input), () -> json("{\"State\": {\"Name\": \"S\"}}"),
        name -> variables.containsKey(name) ? json(variables.get(name)) : null, new StatesFunctions(new SplittableRandom(7), () -> 86_400_000L));
  }

  static JsonNode eval(String expression, String input) {
    return eval(expression, input, Map.of());
  }

  static JsonNode eval(String expression, String input, Map<String, String> variables) {
    try {
      return JsonataExpression.compile("{% " + expression + " %}", "Output").evaluate(bindings(input, variables));
    } catch (JsonataSyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static StatesError failure(String expression, String input) {
    return assertThrows(StatesError.class, () -> eval(expression, input));
  }

  @Test
  void readsTheStateInputTheContextAndVariables() {
    assertEquals(json("42"), eval("$states.input.x + 1", "{\"x\": 41}"));
    assertEquals(json("\"S\""), eval("$states.context.State.Name", "{}"));
    assertEquals(json("\"María\""), eval("$customerName", "{}", Map.of("customerName", "\"María\"")));
    assertEquals(json("{\"a\": [1, 2], \"b\": null}"), eval("{'a': $states.input.list, 'b': $states.input.n}", "{\"list\": [1, 2], \"n\": null}"));
  }

  @Test
  void aVariablesFieldsReadAsJsonataReadsThem() {
    Map<String, String> variables = Map.of(
        "layout", "{\"team\": \"eng\", \"on\": true, \"n\": 5, \"deep\": {\"x\": \"y\"}, \"rows\": [{\"t\": \"a\"}, {\"t\": \"b\"}]}",
        "list", "[{\"team\": \"a\"}, {\"team\": \"b\"}]");
    assertEquals(json("\"eng\""), eval("$layout.team", "{}", variables));
    assertEquals(json("true"), eval("$layout.on", "{}", variables));
    assertEquals(json("5"), eval("$layout.n", "{}", variables));
    assertEquals(json("\"y\""), eval("$layout.deep.x", "{}", variables));
    assertEquals(json("[\"a\", \"b\"]"), eval("$layout.rows.t", "{}", variables));
    assertEquals(json("[\"a\", \"b\"]"), eval("$list.team", "{}", variables));
    StatesError missing = assertThrows(StatesError.class, () -> eval("$layout.absent", "{}", variables));
    assertEquals(
        "The JSONata expression '$layout.absent' specified for the field 'Output' returned nothing (undefined).",
        missing.cause());
  }

  @Test
  void jsonNullIsAValueButUndefinedFailsTheField() {
    assertEquals(json("null"), eval("$states.input.n", "{\"n\": null}"));
    assertEquals(json("null"), eval("null", "{}"));
    StatesError error = failure("$states.input.absent", "{}");
    assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, error.error());
    assertEquals(
        "The JSONata expression '$states.input.absent' specified for the field 'Output' returned nothing (undefined).",
        error.cause());
  }

  @Test
  void wholeNumbersStayIntegers() {
    assertEquals("2", eval("1 + 1", "{}").toString());
    assertEquals("3", eval("$sum([1.5, 1.5])", "{}").toString());
    assertEquals("1.5", eval("3 / 2", "{}").toString());
  }

  @Test
  void evaluationErrorsCarryTheLibraryCode() {
    StatesError error = failure("$range('0', 4, 1)", "{}");
    assertEquals(
        "The JSONata expression '$range('0', 4, 1)' specified for the field 'Output' threw an error during evaluation."
            + " T0410: Argument 1 of function \"range\" does not match function signature",
        error.cause());
    assertTrue(failure("$eval('1')", "{}").cause().contains("T1006"));
  }

  @Test
  void anArrayOfTheWrongTypeNamesTheTypeItMustHold() {
    // The library leaves {{type}} unfilled in this message; the cause names the type instead.
    assertEquals(
        "The JSONata expression '$sum([\"a\", \"b\"])' specified for the field 'Output' threw an error during"
            + " evaluation. T0412: Argument [\"a\",\"b\"] must be an array of numbers",
        failure("$sum([\"a\", \"b\"])", "{}").cause());
  }

  @Test
  void theFunctionsStepFunctionsAdds() {
    assertEquals(json("[[1,2],[3,4],[5]]"), eval("$partition([1,2,3,4,5], 2)", "{}"));
    assertEquals(json("[[1,2],[3,4],[5]]"), eval("$partition([1,2,3,4,5], 2.9)", "{}"));
    assertEquals(json("[0,2,4,6,8,10]"), eval("$range(0, 10, 2)", "{}"));
    assertEquals(json("[9,7,5,3,1]"), eval("$range(9, 1, -2)", "{}"));
    assertEquals(json("3"), eval("$range(3, 3, 1)", "{}"));
    assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, failure("$range(1, 3, -1)", "{}").error());
    assertEquals(json("\"5d41402abc4b2a76b9719d911017c592\""), eval("$hash('hello', 'MD5')", "{}"));
    assertEquals(
        json("\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\""), eval("$hash('hello', 'SHA-256')", "{}"));
    assertTrue(failure("$hash('hello', 'sha-256')", "{}").cause().contains("not supported"));
    assertEquals(json("{\"a\": [1, true]}"), eval("$parse($states.input.text)", "{\"text\": \"{\\\"a\\\": [1, true]}\"}"));
    assertEquals(eval("$random(42)", "{}"), eval("$random(42)", "{}"));
    double random = eval("$random()", "{}").doubleValue();
    assertTrue(random >= 0 && random < 1);
    assertTrue(eval("$uuid()", "{}").textValue().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  }

  @Test
  void aNonFiniteNumberFailsTheField() {
    assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, failure("1 / 0", "{}").error());
  }

  @Test
  void theClockFunctionsReadTheRuntimesClock() {
    assertEquals(json("86400000"), eval("$millis()", "{}"));
    assertEquals(json("\"1970-01-02T00:00:00Z\""), eval("$now()", "{}"));
    assertEquals(json("\"1970-01-02\""), eval("$now('[Y0001]-[M01]-[D01]')", "{}"));
  }

  @Test
  void aSyntaxErrorIsReportedAtCompileTime() {
    JsonataSyntaxException e =
        assertThrows(JsonataSyntaxException.class, () -> JsonataExpression.compile("{% a[1,2) %}", "Output"));
    assertTrue(e.getMessage().contains("S0202"), e.getMessage());
  }
}
