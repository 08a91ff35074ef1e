package io.datalakewlm.asl.path;

import static io.datalakewlm.asl.path.JsonFixtures.json;
import static io.datalakewlm.asl.path.JsonFixtures.path;
import static io.datalakewlm.asl.path.JsonFixtures.scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathTest {
  /** The book store of Goessner's JSONPath article, which Jayway's documentation also uses. */
  static final JsonNode STORE =
      json(
          """
          { "store": {
              "book": [
                { "category": "reference", "author": "Nigel Rees",
                  "title": "Sayings of the Century", "price": 8.95 },
                { "category": "fiction", "author": "Evelyn Waugh",
                  "title": "Sword of Honour", "price": 12.99 },
                { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
                  "isbn": "0-553-21311-3", "price": 8.99 },
                { "category": "fiction", "author": "J. R. R. Tolkien",
                  "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
              ],
              "bicycle": { "color": "red", "price": 19.95 }
            },
            "expensive": 10
          }
          """);

  static JsonNode eval(String path, JsonNode input) {
    try {
      return path(path).evaluate(input);
    } catch (PathNotFoundException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  @Nested
  class DefinitePaths {
    /** The example of the AWS "Using JSONPath paths" page. */
    final JsonNode input = json("{ \"foo\": 123, \"bar\": [\"a\", \"b\", \"c\"], \"car\": { \"cdr\": true } }");

    @Test
    void selectsMembersAsTheAwsDocsShow() {
      assertEquals(json("123"), eval("$.foo", input));
      assertEquals(json("[\"a\", \"b\", \"c\"]"), eval("$.bar", input));
      assertEquals(json("true"), eval("$.car.cdr", input));
    }

    @Test
    void rootSelectsTheWholeInputWithoutCopying() {
      assertSame(input, eval("$", input));
    }

    @Test
    void bracketNamesAcceptCharactersThatDotNamesCannot() {
      JsonNode doc = json("{\"abc\": {\"def ghi\": 1, \"it's\": 2, \"a.b\": 3, \"q\\\"\": 4}}");
      assertEquals(json("1"), eval("$.abc['def ghi']", doc));
      assertEquals(json("1"), eval("$.abc.['def ghi']", doc));
      assertEquals(json("1"), eval("$[\"abc\"][\"def ghi\"]", doc));
      assertEquals(json("2"), eval("$.abc['it\\'s']", doc));
      assertEquals(json("3"), eval("$.abc['a.b']", doc));
      assertEquals(json("4"), eval("$.abc[\"q\\\"\"]", doc));
    }

    @Test
    void dotNamesMayHoldHyphensAndColons() {
      JsonNode doc = json("{\"bucket-name\": \"b\", \"aws:region\": \"eu-west-1\"}");
      assertEquals(json("\"b\""), eval("$.bucket-name", doc));
      assertEquals(json("\"eu-west-1\""), eval("$.aws:region", doc));
    }

    @Test
    void indicesCountFromTheStartOrFromTheEnd() {
      assertEquals(json("\"a\""), eval("$.bar[0]", input));
      assertEquals(json("\"c\""), eval("$.bar[2]", input));
      assertEquals(json("\"c\""), eval("$.bar[-1]", input));
      assertEquals(json("\"a\""), eval("$.bar[-3]", input));
    }

    @Test
    void aMemberHoldingNullIsFound() {
      assertEquals(json("null"), eval("$.a", json("{\"a\": null}")));
    }

    @Test
    void aMissingMemberFailsWithJaywaysMessage() {
      PathNotFoundException e =
          assertThrows(PathNotFoundException.class, () -> path("$.foo.missing").evaluate(input));
      assertEquals("No results for path: $['foo']['missing']", e.getMessage());
      assertThrows(PathNotFoundException.class, () -> path("$.nope").evaluate(input));
      assertThrows(PathNotFoundException.class, () -> path("$.bar[3]").evaluate(input));
      assertThrows(PathNotFoundException.class, () -> path("$.bar[-4]").evaluate(input));
      assertThrows(PathNotFoundException.class, () -> path("$.foo[0]").evaluate(input));
      assertThrows(PathNotFoundException.class, () -> path("$.bar.x").evaluate(input));
      assertNull(path("$.nope").find(input));
    }

    @Test
    void aLeafUnionOfNamesBuildsOneObjectAsJaywayDoes() {
      JsonNode doc = json("{\"a\": 1, \"b\": 2, \"c\": 3}");
      JsonPath union = path("$['a','c','zz']");
      assertTrue(union.isDefinite());
      assertEquals(json("{\"a\": 1, \"c\": 3}"), eval("$['a','c','zz']", doc));
    }
  }

  @Nested
  class IndefinitePaths {
    @Test
    void wildcardsSelectValuesOfObjectsAndElementsOfArrays() {
      assertEquals(
          json("[\"Nigel Rees\", \"Evelyn Waugh\", \"Herman Melville\", \"J. R. R. Tolkien\"]"),
          eval("$.store.book[*].author", STORE));
      assertEquals(2, eval("$.store.*", STORE).size());
      assertEquals(STORE.get("store").get("bicycle"), eval("$.store.*", STORE).get(1));
    }

    @Test
    void recursiveDescentWalksTheDocumentInOrder() {
      assertEquals(
          json("[\"Nigel Rees\", \"Evelyn Waugh\", \"Herman Melville\", \"J. R. R. Tolkien\"]"),
          eval("$..author", STORE));
      assertEquals(json("[8.95, 12.99, 8.99, 22.99, 19.95]"), eval("$.store..price", STORE));
      assertEquals(json("[\"Moby Dick\"]"), eval("$..book[2].title", STORE));
      assertEquals(json("[\"The Lord of the Rings\"]"), eval("$..book[-1].title", STORE));
      assertEquals(json("[{\"b\": 1}, 2, 1]"), eval("$..*", json("{\"a\": {\"b\": 1}, \"c\": 2}")));
    }

    @Test
    void flattensAnArrayOfArraysAsTheAwsDocsShow() {
      assertEquals(json("[1, 2, 3, 4, 5, 6]"), eval("$[*][*]", json("[[1, 2, 3], [4, 5, 6]]")));
    }

    @Test
    void slicesFollowPythonSemantics() {
      JsonNode numbers = json("[0, 1, 2, 3, 4, 5]");
      assertEquals(json("[0, 1]"), eval("$[0:2]", numbers));
      assertEquals(json("[0, 1]"), eval("$[:2]", numbers));
      assertEquals(json("[4, 5]"), eval("$[-2:]", numbers));
      assertEquals(json("[3, 4, 5]"), eval("$[3:]", numbers));
      assertEquals(json("[0, 2, 4]"), eval("$[::2]", numbers));
      assertEquals(json("[5, 4, 3, 2, 1, 0]"), eval("$[::-1]", numbers));
      assertEquals(json("[1, 2, 3, 4]"), eval("$[1:-1]", numbers));
      assertEquals(json("[]"), eval("$[4:2]", numbers));
      assertEquals(json("[0, 1, 2, 3, 4, 5]"), eval("$[-100:100]", numbers));
    }

    @Test
    void unionsSelectInTheOrderWritten() {
      JsonNode numbers = json("[10, 11, 12]");
      assertEquals(json("[12, 10]"), eval("$[2,0]", numbers));
      assertEquals(json("[12]"), eval("$[2,7]", numbers));
      JsonNode doc = json("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}}");
      assertEquals(json("[1, 2]"), eval("$['a','b'].x", doc));
    }

    @Test
    void anIndefinitePathThatSelectsNothingYieldsAnEmptyArray() {
      assertEquals(json("[]"), eval("$..nothing", STORE));
      assertEquals(json("[]"), eval("$.store.book[?(@.price > 100)]", STORE));
      assertEquals(json("[]"), eval("$.missing[*]", STORE));
    }
  }

  @Nested
  class Filters {
    @Test
    void comparesMembersOfEachElement() {
      assertEquals(
          json("[\"Sayings of the Century\", \"Moby Dick\"]"),
          eval("$.store.book[?(@.price < 10)].title", STORE));
      assertEquals(json("[12.99]"), eval("$.store.book[?(@.price == 12.99)].price", STORE));
      assertEquals(3, eval("$.store.book[?(@.category != 'reference')]", STORE).size());
      assertEquals(2, eval("$.store.book[?(@.price >= 12.99)]", STORE).size());
      assertEquals(3, eval("$.store.book[?(@.price <= 12.99)]", STORE).size());
      assertEquals(1, eval("$.store.book[?(@.price > 20)]", STORE).size());
    }

    @Test
    void existenceTestsKeepElementsThatHaveTheMember() {
      assertEquals(
          json("[\"Moby Dick\", \"The Lord of the Rings\"]"),
          eval("$..book[?(@.isbn)].title", STORE));
      assertEquals(
          json("[\"Sayings of the Century\", \"Sword of Honour\"]"),
          eval("$..book[?(!@.isbn)].title", STORE));
      assertEquals(json("[{\"a\": null}]"), eval("$[?(@.a)]", json("[{\"a\": null}, {\"b\": 1}]")));
    }

    @Test
    void combinesConditionsWithAndOrNotAndParentheses() {
      assertEquals(
          json("[\"Moby Dick\"]"),
          eval("$..book[?(@.price < 10 && @.category == 'fiction')].title", STORE));
      assertEquals(
          json("[\"Sayings of the Century\", \"The Lord of the Rings\"]"),
          eval("$..book[?(@.category == 'reference' || @.price > 20)].title", STORE));
      assertEquals(
          json("[\"Sword of Honour\"]"),
          eval("$..book[?(!(@.price < 10 || @.isbn))].title", STORE));
      assertEquals(
          json("[\"Moby Dick\"]"),
          eval("$..book[?( (@.price<10) && (@.isbn) )].title", STORE));
    }

    @Test
    void comparesWithValuesFromTheDocumentRoot() {
      assertEquals(
          json("[\"Sayings of the Century\", \"Moby Dick\"]"),
          eval("$.store.book[?(@.price < $.expensive)].title", STORE));
    }

    @Test
    void supportsInNinAndRegularExpressions() {
      assertEquals(
          json("[\"Nigel Rees\", \"Herman Melville\"]"),
          eval("$..book[?(@.author in ['Nigel Rees', 'Herman Melville'])].author", STORE));
      assertEquals(2, eval("$..book[?(@.author nin ['Nigel Rees', 'Herman Melville'])]", STORE).size());
      assertEquals(
          json("[\"Evelyn Waugh\"]"),
          eval("$..book[?(@.author =~ /.*waugh/i)].author", STORE));
    }

    @Test
    void comparesLiteralsOfEveryType() {
      JsonNode items =
          json("[{\"v\": true}, {\"v\": null}, {\"v\": \"5\"}, {\"v\": 5}, {\"v\": 5.0}, {\"v\": [1]}]");
      assertEquals(json("[true]"), eval("$[?(@.v == true)].v", items));
      assertEquals(json("[null]"), eval("$[?(@.v == null)].v", items));
      assertEquals(json("[\"5\", 5, 5.0]"), eval("$[?(@.v == 5)].v", items));
      assertEquals(json("[\"5\", 5, 5.0]"), eval("$[?(@.v == \"5\")].v", items));
      assertEquals(json("[[1]]"), eval("$[?(@.v == [1])].v", items));
      assertEquals(json("[1, 2]"), eval("$[?(@ > 0)]", json("[-1, 1, 2]")));
    }

    @Test
    void comparisonsWithAMissingMemberAreFalseExceptNotEquals() {
      JsonNode items = json("[{\"a\": 1}, {\"b\": 2}]");
      assertEquals(json("[{\"a\": 1}]"), eval("$[?(@.a == 1)]", items));
      assertEquals(json("[{\"b\": 2}]"), eval("$[?(@.a != 1)]", items));
      assertEquals(json("[]"), eval("$[?(@.a < 1)]", items));
    }

    @Test
    void aFilterOnAnObjectKeepsTheObjectWhenItMatches() {
      JsonNode doc = json("{\"item\": {\"status\": \"ok\"}}");
      assertEquals(json("[{\"status\": \"ok\"}]"), eval("$.item[?(@.status == 'ok')]", doc));
      assertEquals(json("[]"), eval("$.item[?(@.status == 'ko')]", doc));
    }

    @Test
    void aDescendingFilterKeepsMatchingContainersAtAnyDepth() {
      JsonNode doc = json("{\"a\": {\"id\": 1, \"b\": [{\"id\": 2}, {\"x\": 3}]}}");
      assertEquals(json("[{\"id\": 2}]"), eval("$..[?(@.id == 2)]", doc));
      assertEquals(json("[1, 2]"), eval("$..[?(@.id)].id", doc));
    }
  }

  @Nested
  class Roots {
    final JsonNode context = json("{\"Execution\": {\"Id\": \"arn:exec\", \"Input\": {\"k\": 1}}}");

    @Test
    void contextObjectPathsReadTheContext() throws Exception {
      Scope scope = scope(json("{}"), context, Map.of());
      JsonPath path = path("$$.Execution.Id");
      assertEquals(JsonPath.Root.CONTEXT, path.root());
      assertEquals(json("\"arn:exec\""), path.evaluate(scope));
      assertEquals(context, path("$$").evaluate(scope));
      assertEquals("$$['Execution']['Id']", path.normalized());
    }

    @Test
    void variablePathsReadTheNamedVariable() throws Exception {
      Scope scope = scope(json("{}"), context, Map.of("myVar", json("{\"field\": [7, 8]}")));
      JsonPath path = path("$myVar.field[1]");
      assertEquals(JsonPath.Root.VARIABLE, path.root());
      assertEquals("myVar", path.variableName());
      assertTrue(path.isReference());
      assertEquals(json("8"), path.evaluate(scope));
      assertEquals(json("{\"field\": [7, 8]}"), path("$myVar").evaluate(scope));
      assertEquals("$myVar['field'][1]", path.normalized());
    }

    @Test
    void anUndefinedVariableIsReportedByName() {
      Scope scope = scope(json("{}"), context, Map.of());
      PathNotFoundException e =
          assertThrows(PathNotFoundException.class, () -> path("$other.x").evaluate(scope));
      assertEquals("The variable '$other' is not defined", e.getMessage());
      assertNull(path("$other.x").find(scope));
    }

    @Test
    void inputPathsHaveNoVariableName() {
      assertEquals(JsonPath.Root.INPUT, path("$.a").root());
      assertNull(path("$.a").variableName());
    }
  }

  @ParameterizedTest(name = "{0}: definite={1}, reference={2}")
  @CsvSource({
    "$, true, true",
    "$$, true, true",
    "$.a.b, true, true",
    "$['a b'][0], true, true",
    "$.a[3].b, true, true",
    "$var.a, true, true",
    "$.a[-1], true, false",
    "'$[''a'',''b'']', true, false",
    "$.a[*], false, false",
    "$.*, false, false",
    "$..a, false, false",
    "$.a[1:2], false, false",
    "'$.a[0,1]', false, false",
    "$.a[?(@.b)], false, false",
  })
  void classifiesDefiniteAndReferencePaths(String text, boolean definite, boolean reference) {
    JsonPath path = path(text);
    assertEquals(definite, path.isDefinite(), "definite");
    assertEquals(reference, path.isReference(), "reference");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|a path must start with '$'|0",
        "a.b|a path must start with '$'|0",
        "$.|a name, '*' or '[' must follow '.'|2",
        "$..|a name, '*' or '[' must follow '..'|3",
        "$[|expected a quoted name, an index|2",
        "$['a|unterminated string|2",
        "$['a'|expected ']' but the path ended|5",
        "$.a b|unexpected ' '|3",
        "$.a)|unexpected ')'|3",
        "$[1:2:0]|a slice step cannot be 0|6",
        "$[?(@.a = 1)]|use '==' to compare|8",
        "$[?(@.a == )]|expected '@', '$', a string|11",
        "$[?(@.a == 1]|expected ')'|12",
        "$[?(@.a subsetof [1])]|unsupported filter operator 'subsetof'|8",
        "$[?(1)]|a literal alone is not a condition|4",
        "$[?(@.a =~ /[/)]|invalid regular expression|11",
        "$[99999999999]|expected an integer index|2",
      })
  void rejectsMalformedPathsSayingWhereAndWhy(String text, String why, int position) {
    PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> JsonPath.parse(text));
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertTrue(e.getMessage().startsWith("Invalid JSONPath '" + text + "'"), e.getMessage());
    assertEquals(position, e.position(), e.getMessage());
  }

  @Nested
  class Put {
    /** The input of the AWS "ResultPath" page examples. */
    final JsonNode input =
        json(
            """
            { "comment": "This is a test of the input and output of a Task state.",
              "details": "Default example", "who": "AWS Step Functions" }
            """);

    final JsonNode result = json("\"Hello, AWS Step Functions!\"");

    @Test
    void dollarReplacesTheWholeInput() throws Exception {
      assertSame(result, path("$").put(input, result));
    }

    @Test
    void aNewMemberIsAppendedAndTheInputIsLeftUntouched() throws Exception {
      String before = input.toString();
      JsonNode output = path("$.taskresult").put(input, result);
      assertEquals(
          json(
              """
              { "comment": "This is a test of the input and output of a Task state.",
                "details": "Default example", "who": "AWS Step Functions",
                "taskresult": "Hello, AWS Step Functions!" }
              """),
          output);
      assertEquals("taskresult", output.properties().stream().reduce((a, b) -> b).get().getKey());
      assertEquals(before, input.toString());
    }

    @Test
    void writesIntoAChildNodeAsTheAwsDocsShow() throws Exception {
      JsonNode strings =
          json(
              """
              { "comment": "An input comment.",
                "strings": { "string1": "foo", "string2": "bar", "string3": "baz" },
                "who": "AWS Step Functions" }
              """);
      JsonNode output = path("$.strings.lambdaresult").put(strings, result);
      assertEquals(
          json(
              """
              { "comment": "An input comment.",
                "strings": { "string1": "foo", "string2": "bar", "string3": "baz",
                             "lambdaresult": "Hello, AWS Step Functions!" },
                "who": "AWS Step Functions" }
              """),
          output);
    }

    @Test
    void anExistingMemberIsReplacedInPlace() throws Exception {
      JsonNode output = path("$.comment").put(input, result);
      assertEquals(result, output.get("comment"));
      assertEquals("comment", output.fieldNames().next());
      assertEquals(3, output.size());
    }

    @Test
    void missingIntermediateObjectsAreCreated() throws Exception {
      assertEquals(
          json("{\"a\": 1, \"x\": {\"y\": {\"z\": true}}}"),
          path("$.x.y.z").put(json("{\"a\": 1}"), json("true")));
    }

    @Test
    void untouchedSubtreesAreSharedNotCopied() throws Exception {
      JsonNode doc = json("{\"keep\": {\"big\": [1, 2, 3]}, \"target\": {\"old\": 1}}");
      JsonNode output = path("$.target.new").put(doc, json("2"));
      assertSame(doc.get("keep"), output.get("keep"));
      assertSame(doc.get("target").get("old"), output.get("target").get("old"));
      assertFalse(doc.get("target").has("new"));
    }

    @Test
    void anIndexReplacesAnExistingElement() throws Exception {
      JsonNode doc = json("{\"list\": [{\"a\": 1}, {\"a\": 2}]}");
      assertEquals(
          json("{\"list\": [{\"a\": 1}, {\"a\": 2, \"b\": 3}]}"),
          path("$.list[1].b").put(doc, json("3")));
      assertEquals(json("{\"list\": [{\"a\": 1}, {\"a\": 2}]}"), doc);
      assertThrows(PathNotFoundException.class, () -> path("$.list[2]").put(doc, json("3")));
    }

    @Test
    void failsWhenThePathCrossesANonObject() {
      PathNotFoundException e =
          assertThrows(
              PathNotFoundException.class,
              () -> path("$.details.b").put(input, result));
      assertEquals(
          "Cannot write $['details']['b']: $['details'] is a string, not an object", e.getMessage());
      assertThrows(PathNotFoundException.class, () -> path("$.a").put(json("[1, 2]"), result));
      assertThrows(PathNotFoundException.class, () -> path("$.a").put(json("\"text\""), result));
      assertThrows(PathNotFoundException.class, () -> path("$.a.b").put(json("{\"a\": null}"), result));
    }

    @Test
    void onlyReferencePathsFromDollarCanBeWritten() {
      assertThrows(IllegalStateException.class, () -> path("$.a[*]").put(input, result));
      assertThrows(IllegalStateException.class, () -> path("$$.a").put(input, result));
    }
  }

  @Test
  void equalityIsByText() {
    assertEquals(path("$.a"), path("$.a"));
    assertEquals(path("$.a").hashCode(), path("$.a").hashCode());
    assertFalse(path("$.a").equals(path("$['a']")));
    assertEquals(path("$.a").normalized(), path("$['a']").normalized());
  }
}
