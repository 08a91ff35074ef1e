package io.datalakewlm.asl.intrinsic;

import static io.datalakewlm.asl.path.JsonFixtures.json;
import static io.datalakewlm.asl.path.JsonFixtures.scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.path.Scope;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every intrinsic function on the examples of the AWS documentation ("Intrinsic functions for
 * JSONPath states"), plus the failures the documentation's input validation rules imply.
 */
class IntrinsicFunctionTest {

  static JsonNode eval(String call, JsonNode input) {
    try {
      return IntrinsicFunction.parse(call).evaluate(scope(input));
    } catch (IntrinsicSyntaxException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** Evaluates a call expected to fail at run time and returns the error. */
  static StatesError failure(String call, JsonNode input) {
    IntrinsicFunction function;
    try {
      function = IntrinsicFunction.parse(call);
    } catch (IntrinsicSyntaxException e) {
      throw new AssertionError("expected a runtime failure, got: " + e.getMessage(), e);
    }
    return assertThrows(StatesError.class, () -> function.evaluate(scope(input)));
  }

  /** Asserts an intrinsic failure whose cause names the function and contains {@code problem}. */
  static void assertIntrinsicFailure(String function, String problem, StatesError error) {
    assertEquals(ErrorNames.INTRINSIC_FAILURE, error.error());
    assertTrue(error.cause().startsWith(function + ": "), error.cause());
    assertTrue(error.cause().contains(problem), error.cause());
  }

  @Nested
  class Format {
    final JsonNode input = json("{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}");

    @Test
    void fillsPlaceholdersFromALiteralOrAPathTemplate() {
      assertEquals(
          json("\"Hello, my name is Arnav.\""),
          eval("States.Format('Hello, my name is {}.', $.name)", input));
      assertEquals(json("\"Hello, my name is Arnav.\""), eval("States.Format($.template, $.name)", input));
    }

    @Test
    void formatsNumbersBooleansNullAndContainers() {
      assertEquals(
          json("\"Your name is Foo, we are in the year 2020\""),
          eval("States.Format('Your name is {}, we are in the year {}', $.name, 2020)", json("{\"name\": \"Foo\"}")));
      assertEquals(
          json("\"1.5 true null [1, a] {k=v, n={x=1}}\""),
          eval(
              "States.Format('{} {} {} {} {}', 1.5, true, null, $.list, $.map)",
              json("{\"list\": [1, \"a\"], \"map\": {\"k\": \"v\", \"n\": {\"x\": 1}}}")));
    }

    @Test
    void escapedReservedCharactersAreLiteral() {
      assertEquals(
          json("\"{} Arnav 'quoted' \\\\\""),
          eval("States.Format('\\{\\} {} \\'quoted\\' \\\\', $.name)", input));
    }

    @Test
    void aPathTemplateWithTheWrongNumberOfValuesFails() {
      assertIntrinsicFailure(
          "States.Format",
          "has 1 placeholder(s) {} but 2 value argument(s)",
          failure("States.Format($.template, $.name, $.name)", input));
    }

    @Test
    void aNonStringTemplateFails() {
      assertIntrinsicFailure(
          "States.Format", "argument 1 ($.n) must be a string", failure("States.Format($.n)", json("{\"n\": 1}")));
    }
  }

  @Nested
  class Json {
    @Test
    void stringToJsonParsesAnEscapedJsonString() {
      assertEquals(
          json("{\"foo\": \"bar\"}"),
          eval("States.StringToJson($.escapedJsonString)", json("{\"escapedJsonString\": \"{\\\"foo\\\": \\\"bar\\\"}\"}")));
      assertEquals(
          json("{\"number\": 20}"),
          eval("States.StringToJson($.someString)", json("{\"someString\": \"{\\\"number\\\": 20}\", \"zebra\": \"stripe\"}")));
    }

    @Test
    void stringToJsonRejectsTextThatIsNotJson() {
      assertIntrinsicFailure(
          "States.StringToJson", "not valid JSON", failure("States.StringToJson($.s)", json("{\"s\": \"{oops\"}")));
      assertIntrinsicFailure(
          "States.StringToJson", "not valid JSON", failure("States.StringToJson($.s)", json("{\"s\": \"1 2\"}")));
    }

    @Test
    void stringToJsonOfTextWithoutJsonIsNullAsOnAws() {
      assertEquals(NullNode.instance, eval("States.StringToJson($.s)", json("{\"s\": \"\"}")));
      assertEquals(NullNode.instance, eval("States.StringToJson($.s)", json("{\"s\": \"  \"}")));
    }

    @Test
    void jsonToStringWritesCompactJson() {
      assertEquals(
          json("\"{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}\""),
          eval("States.JsonToString($.someJson)", json("{\"someJson\": {\"name\": \"Foo\", \"year\": 2020}, \"zebra\": \"stripe\"}")));
      assertEquals(json("\"[1,\\\"a\\\"]\""), eval("States.JsonToString(States.Array(1, 'a'))", json("{}")));
    }

    @Test
    void jsonMergeIsShallowAndTheLaterObjectWins() {
      JsonNode input =
          json(
              "{\"json1\": {\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2},"
                  + " \"json2\": {\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3}}");
      assertEquals(
          json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}"),
          eval("States.JsonMerge($.json1, $.json2, false)", input));
      assertEquals(json("{\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2}"), input.get("json1"));
    }

    @Test
    void jsonMergeRejectsDeepMergingAndNonObjects() {
      JsonNode input = json("{\"x\": {}, \"deep\": true, \"list\": []}");
      assertIntrinsicFailure(
          "States.JsonMerge", "deep merging is not supported", failure("States.JsonMerge($.x, $.x, $.deep)", input));
      assertIntrinsicFailure(
          "States.JsonMerge", "argument 2 ($.list) must be an object", failure("States.JsonMerge($.x, $.list, false)", input));
    }
  }

  @Nested
  class Arrays {
    final JsonNode input =
        json("{\"inputArray\": [1, 2, 3, 4, 5, 6, 7, 8, 9], \"lookingFor\": 5, \"index\": 5, \"Id\": 123456}");

    @Test
    void arrayCollectsItsArgumentsInOrder() {
      assertEquals(json("[123456]"), eval("States.Array($.Id)", input));
      assertEquals(
          json("[\"Foo\", 2020, {\"random\": \"abcdefg\"}, null]"),
          eval("States.Array('Foo', 2020, $.someJson, null)", json("{\"someJson\": {\"random\": \"abcdefg\"}, \"zebra\": \"stripe\"}")));
      assertEquals(json("[]"), eval("States.Array()", input));
    }

    @Test
    void arrayPartitionChunksWithAShorterLastChunk() {
      assertEquals(
          json("[[1, 2, 3, 4], [5, 6, 7, 8], [9]]"), eval("States.ArrayPartition($.inputArray,4)", input));
      assertEquals(json("[[1, 2, 3, 4, 5, 6, 7, 8, 9]]"), eval("States.ArrayPartition($.inputArray, 100)", input));
      assertEquals(json("[]"), eval("States.ArrayPartition(States.Array(), 2)", input));
    }

    @Test
    void arrayPartitionNeedsAPositiveChunkSize() {
      assertIntrinsicFailure(
          "States.ArrayPartition", "must be a positive integer", failure("States.ArrayPartition($.inputArray, 0)", input));
      assertIntrinsicFailure(
          "States.ArrayPartition", "argument 1 ($.Id) must be an array", failure("States.ArrayPartition($.Id, 2)", input));
    }

    @Test
    void arrayContainsComparesJsonValues() {
      assertEquals(json("true"), eval("States.ArrayContains($.inputArray, $.lookingFor)", input));
      assertEquals(json("false"), eval("States.ArrayContains($.inputArray, 10)", input));
      assertEquals(json("true"), eval("States.ArrayContains($.inputArray, 5.0)", input));
      assertEquals(
          json("true"),
          eval("States.ArrayContains($.list, $.item)", json("{\"list\": [{\"a\": [1, 2], \"b\": 1}], \"item\": {\"b\": 1, \"a\": [1, 2]}}")));
    }

    @Test
    void arrayRangeCountsUpOrDown() {
      assertEquals(json("[1, 3, 5, 7, 9]"), eval("States.ArrayRange(1, 9, 2)", input));
      assertEquals(json("[1, 3, 5, 7]"), eval("States.ArrayRange(1, 8, 2)", input));
      assertEquals(json("[5, 4, 3]"), eval("States.ArrayRange(5, 3, -1)", input));
      assertEquals(json("[]"), eval("States.ArrayRange(5, 3, 1)", input));
      assertEquals(1000, eval("States.ArrayRange(1, 1000, 1)", input).size());
    }

    @Test
    void arrayRangeRejectsAZeroStepAndMoreThan1000Items() {
      assertIntrinsicFailure("States.ArrayRange", "must not be 0", failure("States.ArrayRange(1, 9, $.zero)", json("{\"zero\": 0}")));
      assertIntrinsicFailure("States.ArrayRange", "1001 items", failure("States.ArrayRange(0, 1000, 1)", input));
      assertIntrinsicFailure(
          "States.ArrayRange", "must be an integer", failure("States.ArrayRange(1, $.half, 1)", json("{\"half\": 2.5}")));
    }

    @Test
    void arrayGetItemReturnsTheItemAtAnIndex() {
      assertEquals(json("6"), eval("States.ArrayGetItem($.inputArray, $.index)", input));
      assertEquals(json("1"), eval("States.ArrayGetItem($.inputArray, 0)", input));
    }

    @Test
    void arrayGetItemRejectsAnIndexOutOfRange() {
      assertIntrinsicFailure(
          "States.ArrayGetItem", "the index 9 is out of bounds for an array of 9 item(s)",
          failure("States.ArrayGetItem($.inputArray, 9)", input));
      assertIntrinsicFailure(
          "States.ArrayGetItem", "the index -1 is out of bounds", failure("States.ArrayGetItem($.inputArray, -1)", input));
    }

    @Test
    void arrayLengthCountsItems() {
      assertEquals(json("9"), eval("States.ArrayLength($.inputArray)", input));
      assertEquals(json("0"), eval("States.ArrayLength(States.Array())", input));
    }

    @Test
    void arrayUniqueKeepsFirstOccurrencesInOrder() {
      assertEquals(json("[1, 2, 3, 4]"), eval("States.ArrayUnique($.inputArray)", json("{\"inputArray\": [1,2,3,3,3,3,3,3,4]}")));
      assertEquals(
          json("[3, \"3\", {\"a\": 1}, null]"),
          eval("States.ArrayUnique($.a)", json("{\"a\": [3, \"3\", {\"a\": 1}, 3.0, {\"a\": 1}, null, null]}")));
    }
  }

  @Nested
  class EncodingAndHashing {
    @Test
    void base64EncodesAndDecodesUtf8Text() {
      assertEquals(json("\"RGF0YSB0byBlbmNvZGU=\""), eval("States.Base64Encode($.input)", json("{\"input\": \"Data to encode\"}")));
      // The AWS page shows "Decoded data" as the output of this example; the Base64 text decodes
      // to the string the encoding example started from.
      assertEquals(json("\"Data to encode\""), eval("States.Base64Decode($.base64)", json("{\"base64\": \"RGF0YSB0byBlbmNvZGU=\"}")));
      assertEquals(json("\"h\\u00e9llo\""), eval("States.Base64Decode(States.Base64Encode('h\u00e9llo'))", json("{}")));
    }

    @Test
    void base64RejectsInvalidTextAndInputsOver10000Characters() {
      JsonNode input = json("{\"long\": \"" + "a".repeat(10_001) + "\", \"bad\": \"%%%\"}");
      assertIntrinsicFailure("States.Base64Encode", "10001 characters", failure("States.Base64Encode($.long)", input));
      assertIntrinsicFailure("States.Base64Decode", "10001 characters", failure("States.Base64Decode($.long)", input));
      assertIntrinsicFailure("States.Base64Decode", "not valid Base64", failure("States.Base64Decode($.bad)", input));
      assertEquals(13_336, eval("States.Base64Encode($.s)", json("{\"s\": \"" + "a".repeat(10_000) + "\"}")).textValue().length());
    }

    /** Digests of "input data", computed independently (Python's hashlib). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "MD5, 812f45842bc6d66ee14572ce20db8e86",
      // The AWS page prints this SHA-1 example with a digit missing.
      "SHA-1, aaff4a450a104cd177d28d18d74485e8cae074b7",
      "SHA-256, b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
      "SHA-384, d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
      "SHA-512, 6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
    })
    void hashComputesEveryDocumentedAlgorithm(String algorithm, String hex) {
      JsonNode input = json("{\"Data\": \"input data\", \"Algorithm\": \"" + algorithm + "\"}");
      assertEquals(json("\"" + hex + "\""), eval("States.Hash($.Data, $.Algorithm)", input));
    }

    @Test
    void hashRejectsUnknownAlgorithmsAndLongInputs() {
      assertIntrinsicFailure(
          "States.Hash", "unknown hash algorithm 'SHA1'", failure("States.Hash($.d, $.a)", json("{\"d\": \"x\", \"a\": \"SHA1\"}")));
      assertIntrinsicFailure(
          "States.Hash", "10001 characters", failure("States.Hash($.d, 'MD5')", json("{\"d\": \"" + "x".repeat(10_001) + "\"}")));
    }
  }

  @Nested
  class MathAndStrings {
    @Test
    void mathAddSumsAndRoundsNonIntegers() {
      assertEquals(json("110"), eval("States.MathAdd($.value1, $.step)", json("{\"value1\": 111, \"step\": -1}")));
      assertEquals(json("4"), eval("States.MathAdd(1.5, 2.4)", json("{}")));
      assertIntrinsicFailure(
          "States.MathAdd", "argument 2 ($.s) must be a number", failure("States.MathAdd(1, $.s)", json("{\"s\": \"1\"}")));
    }

    @Test
    void mathRandomDrawsFromStartInclusiveToEndExclusive() throws Exception {
      IntrinsicFunction random = IntrinsicFunction.parse("States.MathRandom($.start, $.end)");
      Scope scope = scope(json("{\"start\": 1, \"end\": 4}"));
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        long value = random.evaluate(scope).longValue();
        assertTrue(value >= 1 && value < 4, "out of range: " + value);
        seen.add(value);
      }
      assertEquals(Set.of(1L, 2L, 3L), seen);
    }

    @Test
    void mathRandomIsDeterministicPerRunSeedAndPerSeedArgument() throws Exception {
      IntrinsicFunction random = IntrinsicFunction.parse("States.MathRandom(1, 1000000)");
      JsonNode input = json("{}");
      Scope first = new Scope(input, input, Map.of(), new SplittableRandom(7));
      Scope second = new Scope(input, input, Map.of(), new SplittableRandom(7));
      for (int i = 0; i < 5; i++) {
        assertEquals(random.evaluate(first), random.evaluate(second));
      }
      IntrinsicFunction seeded = IntrinsicFunction.parse("States.MathRandom(1, 1000000, 42)");
      assertEquals(seeded.evaluate(first), seeded.evaluate(first));
      assertIntrinsicFailure("States.MathRandom", "must be greater than the start", failure("States.MathRandom(5, 5)", input));
    }

    @Test
    void stringSplitSplitsOnEveryDelimiterCharacter() {
      assertEquals(
          json("[\"1\", \"2\", \"3\", \"4\", \"5\"]"),
          eval("States.StringSplit($.inputString, $.splitter)", json("{\"inputString\": \"1,2,3,4,5\", \"splitter\": \",\"}")));
      assertEquals(
          json("[\"This\", \"is\", \"a\", \"test\", \"string\"]"),
          eval("States.StringSplit('This.is+a,test=string', '.+,=')", json("{}")));
      assertEquals(json("[\"a\", \"b\"]"), eval("States.StringSplit(',a,,b,', ',')", json("{}")));
      assertEquals(json("[\"abc\"]"), eval("States.StringSplit('abc', '')", json("{}")));
    }

    @Test
    void uuidIsAVersion4UuidDrawnFromTheRunsRandomSource() throws Exception {
      IntrinsicFunction uuid = IntrinsicFunction.parse("States.UUID()");
      JsonNode input = json("{}");
      Pattern v4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      Scope scope = new Scope(input, input, Map.of(), new SplittableRandom(1));
      String first = uuid.evaluate(scope).textValue();
      String second = uuid.evaluate(scope).textValue();
      assertTrue(v4.matcher(first).matches(), first);
      assertNotEquals(first, second);
      assertEquals(first, uuid.evaluate(new Scope(input, input, Map.of(), new SplittableRandom(1))).textValue());
    }
  }

  @Nested
  class Composition {
    @Test
    void nestedCallsFeedTheirResultsOutward() {
      JsonNode input = json("{\"ImageRecipe\": {\"Arn\": \"arn:aws:imagebuilder:us-east-1:123:image-recipe/my.recipe.name/1.0.0\"}}");
      assertEquals(
          json("\"my.recipe\""),
          eval(
              "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 1), '.'), 0),"
                  + " States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 1), '.'), 1))",
              input));
    }

    @Test
    void pathArgumentsReadTheContextObjectAndVariables() throws Exception {
      Scope scope =
          scope(json("{}"), json("{\"Execution\": {\"Name\": \"run-1\"}}"), Map.of("count", json("41")));
      assertEquals(
          json("\"run-1 42\""),
          IntrinsicFunction.parse("States.Format('{} {}', $$.Execution.Name, States.MathAdd($count, 1))").evaluate(scope));
    }

    @Test
    void pathArgumentsMayHoldCommasAndParenthesesInsideBrackets() {
      JsonNode input = json("{\"a,b\": \"x\", \"items\": [{\"v\": 1}, {\"v\": 5}]}");
      assertEquals(json("\"x [{v=5}]\""), eval("States.Format('{} {}', $['a,b'], $.items[?(@.v > 2)])", input));
    }

    @Test
    void aPathThatSelectsNothingIsAStatesRuntimeNamingTheWholeCall() throws Exception {
      IntrinsicFunction call = IntrinsicFunction.parse("States.Format('{}', States.Format('{}', $.missing))");
      StatesError error = assertThrows(StatesError.class, () -> call.evaluate(scope(json("{\"a\":1}"))));
      assertEquals(ErrorNames.RUNTIME, error.error());
      assertEquals(
          "The function 'States.Format('{}', States.Format('{}', $.missing))' had the following error: "
              + "The JsonPath argument for the field '$.missing' could not be found in the input '{\"a\":1}'",
          error.cause());
    }

    @Test
    void reportsThePathsItReads() throws Exception {
      assertEquals(
          "[$.a, $$.b, $c]",
          IntrinsicFunction.parse("States.Array($.a, States.Array($$.b, 'x'), $c)").paths().toString());
      assertEquals("States.Array", IntrinsicFunction.parse(" States.Array() ").name());
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "States.Nope(1)|unknown intrinsic function 'States.Nope'|0",
        "Format('x')|expected an intrinsic function|0",
        "States.ArrayLength($.a, $.b)|States.ArrayLength takes exactly 1 argument(s), but 2 were given|0",
        "States.UUID(1)|States.UUID takes exactly 0 argument(s), but 1 was given|0",
        "States.MathRandom(1)|States.MathRandom takes 2 to 3 argument(s)|0",
        "States.Format()|States.Format takes at least 1 argument(s)|0",
        "States.ArrayLength('abc')|argument 1 of States.ArrayLength must be an array, but it is 'abc'|19",
        "States.ArrayGetItem($.a, 1.5)|argument 2 of States.ArrayGetItem must be an integer|25",
        "States.Format(1)|argument 1 of States.Format must be a string|14",
        "States.Format('{} {}', 1)|the format string has 2 placeholder(s) {} but 1 value argument(s)|14",
        "States.JsonMerge($.a, $.b, true)|deep merging is not supported|27",
        "States.Hash('x', 'SHA-999')|unknown hash algorithm 'SHA-999'|17",
        "States.JsonToString('x')|States.JsonToString takes a path, not a literal|20",
        "States.Format('a\\nb')|a backslash must escape ', {, } or \\ in a string literal|16",
        "States.Format('abc|unterminated string literal|14",
        "States.Format('abc'|expected ')' but the text ended|19",
        "States.Array(1 2)|expected ')'|15",
        "States.Array(1,)|expected an argument|15",
        "States.Array(1.2.3)|malformed number '1.2.3'|13",
        "States.Array(yes)|expected an argument|13",
        "States.Array($.a[)|invalid path argument: Invalid JSONPath '$.a[)'|17",
        "States.Array(1) x|unexpected text after the call's closing ')'|16",
      })
  void rejectsMalformedCallsSayingWhereAndWhy(String text, String why, int position) {
    IntrinsicSyntaxException e = assertThrows(IntrinsicSyntaxException.class, () -> IntrinsicFunction.parse(text));
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertTrue(e.getMessage().startsWith("Invalid intrinsic function call '" + text + "'"), e.getMessage());
    assertEquals(position, e.position(), e.getMessage());
  }

  @Test
  void acceptsAtMostTenFunctionsInOneField() throws Exception {
    String ten = "States.Array(" + "States.Array(".repeat(9) + ")".repeat(10);
    assertEquals(10, ten.split("States\\.").length - 1);
    IntrinsicFunction.parse(ten);
    String eleven = "States.Array(" + ten + ")";
    IntrinsicSyntaxException e = assertThrows(IntrinsicSyntaxException.class, () -> IntrinsicFunction.parse(eleven));
    assertTrue(e.getMessage().contains("more than 10 intrinsic functions in one field"), e.getMessage());
  }

  @Test
  void recognisesIntrinsicsByTheirPrefix() {
    assertTrue(IntrinsicFunction.isIntrinsic("States.Format('x')"));
    assertTrue(!IntrinsicFunction.isIntrinsic("$.a"));
  }
}
