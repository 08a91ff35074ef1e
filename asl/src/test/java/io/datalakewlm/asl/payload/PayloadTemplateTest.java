package io.datalakewlm.asl.payload;

import static io.datalakewlm.asl.path.JsonFixtures.json;
import static io.datalakewlm.asl.path.JsonFixtures.scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.path.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadTemplateTest {

  static PayloadTemplate compile(String template) {
    try {
      return PayloadTemplate.compile(json(template));
    } catch (TemplateException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  @Test
  void selectsValuesAsTheAwsParametersExampleShows() {
    JsonNode input =
        json(
            """
            { "comment": "Example for Parameters.",
              "product": {
                "details": { "color": "blue", "size": "small", "material": "cotton" },
                "availability": "in stock", "sku": "2317", "cost": "$23" } }
            """);
    PayloadTemplate parameters =
        compile(
            """
            { "comment": "Selecting what I care about.",
              "MyDetails": {
                "size.$": "$.product.details.size",
                "exists.$": "$.product.availability",
                "StaticValue": "foo" } }
            """);
    assertEquals(
        json(
            """
            { "comment": "Selecting what I care about.",
              "MyDetails": { "size": "small", "exists": "in stock", "StaticValue": "foo" } }
            """),
        parameters.evaluate(scope(input)));
  }

  @Test
  void processesObjectsNestedInArrays() {
    PayloadTemplate template =
        compile("{\"list\": [{\"a.$\": \"$.x\"}, 1, \"$.x\", [{\"deep.$\": \"$.y[1]\"}]], \"n\": null}");
    assertEquals(
        json("{\"list\": [{\"a\": {\"k\": 1}}, 1, \"$.x\", [{\"deep\": 20}]], \"n\": null}"),
        template.evaluate(scope(json("{\"x\": {\"k\": 1}, \"y\": [10, 20]}"))));
  }

  @Test
  void constantPartsAreSharedWithTheDefinitionNotCopied() {
    JsonNode raw = json("{\"fixed\": {\"big\": [1, 2, 3]}, \"v.$\": \"$.v\"}");
    PayloadTemplate template = compileNode(raw);
    JsonNode output = template.evaluate(scope(json("{\"v\": 1}")));
    assertSame(raw.get("fixed"), output.get("fixed"));

    PayloadTemplate constant = compile("{\"a\": [1, {\"b\": \"$.not-a-path\"}]}");
    assertTrue(constant.isConstant());
    assertSame(constant.raw(), constant.evaluate(scope(json("{}"))));
    assertFalse(template.isConstant());
  }

  @Test
  void readsTheContextObjectAsAMapItemSelectorDoes() {
    PayloadTemplate selector =
        compile("{\"ContextIndex.$\": \"$$.Map.Item.Index\", \"ContextValue.$\": \"$$.Map.Item.Value\"}");
    JsonNode context =
        json("{\"Map\": {\"Item\": {\"Index\": 1, \"Value\": {\"who\": \"alice\"}}}}");
    assertEquals(
        json("{\"ContextIndex\": 1, \"ContextValue\": {\"who\": \"alice\"}}"),
        selector.evaluate(scope(json("{}"), context, Map.of())));
  }

  @Test
  void readsWorkflowVariablesAndCallsIntrinsics() {
    PayloadTemplate template =
        compile(
            "{\"total.$\": \"States.MathAdd($count, $.step)\", \"who.$\": \"$user.name\","
                + " \"greeting.$\": \"States.Format('Hi {}', $user.name)\"}");
    Scope scope =
        scope(json("{\"step\": 2}"), json("{}"), Map.of("count", json("40"), "user", json("{\"name\": \"Ana\"}")));
    assertEquals(
        json("{\"total\": 42, \"who\": \"Ana\", \"greeting\": \"Hi Ana\"}"),
        template.evaluate(scope));
    assertEquals("[$count, $.step, $user.name, $user.name]", template.paths().toString());
  }

  @Test
  void anIndefinitePathYieldsTheArrayOfMatches() {
    PayloadTemplate template = compile("{\"cheap.$\": \"$.items[?(@.price < 10)].name\"}");
    JsonNode input = json("{\"items\": [{\"name\": \"a\", \"price\": 5}, {\"name\": \"b\", \"price\": 50}]}");
    assertEquals(json("{\"cheap\": [\"a\"]}"), template.evaluate(scope(input)));
  }

  @Test
  void aPathThatSelectsNothingIsAStatesRuntimeWithAwsCause() {
    PayloadTemplate template = compile("{\"nested\": {\"x.$\": \"$.x\"}}");
    StatesError error =
        assertThrows(
            StatesError.class,
            () -> template.evaluate(scope(json("{\"a\": 1}"))));
    assertEquals(ErrorNames.RUNTIME, error.error());
    assertEquals(
        "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{\"a\":1}'",
        error.cause());
  }

  @Test
  void anIntrinsicFailureKeepsItsOwnErrorName() {
    PayloadTemplate template = compile("{\"item.$\": \"States.ArrayGetItem($.list, 5)\"}");
    StatesError error =
        assertThrows(
            StatesError.class,
            () -> template.evaluate(scope(json("{\"list\": [1]}"))));
    assertEquals(ErrorNames.INTRINSIC_FAILURE, error.error());
  }

  @Test
  void reportsEveryBadFieldWithItsLocation() {
    TemplateException e =
        assertThrows(
            TemplateException.class,
            () ->
                PayloadTemplate.compile(
                    json(
                        """
                        { "a": { "b.$": 1 },
                          "c.$": "foo",
                          "d.$": "$.[",
                          "e.$": "States.Nope()",
                          "list": [ 0, { "f.$": "$$.x[" } ],
                          "g": 1, "g.$": "$.g",
                          "weird key.$": "$.ok" }
                        """)));
    List<String> locations = e.issues().stream().map(TemplateException.Issue::location).toList();
    assertEquals(
        List.of("$.a['b.$']", "$['c.$']", "$['d.$']", "$['e.$']", "$.list[1]['f.$']", "$['g.$']"),
        locations);
    assertTrue(e.issues().get(0).message().contains("must be a string holding a path"), e.getMessage());
    assertTrue(e.issues().get(1).message().contains("not 'foo'"), e.getMessage());
    assertTrue(e.issues().get(2).message().contains("Invalid JSONPath '$.['"), e.getMessage());
    assertTrue(e.issues().get(3).message().contains("unknown intrinsic function 'States.Nope'"), e.getMessage());
    assertTrue(e.issues().get(5).message().contains("defined twice"), e.getMessage());
    assertTrue(e.getMessage().contains("$.list[1]['f.$']: "), e.getMessage());
  }

  @Test
  void dropsTheSuffixOnlyFromDynamicFields() {
    assertEquals(
        json("{\"a.b\": 1, \"plain\": \"$.x\"}"),
        compile("{\"a.b.$\": \"$.x\", \"plain\": \"$.x\"}").evaluate(scope(json("{\"x\": 1}"))));
  }

  private static PayloadTemplate compileNode(JsonNode raw) {
    try {
      return PayloadTemplate.compile(raw);
    } catch (TemplateException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
