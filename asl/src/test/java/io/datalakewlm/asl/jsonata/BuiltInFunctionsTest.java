package io.datalakewlm.asl.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A built-in with a remembered argument check accepts, fixes up and refuses exactly what the
 * library's own instance does, for every combination of argument types and context values, the
 * first time a combination is seen and every time after.
 */
class BuiltInFunctionsTest {

  private static final List<Object> VALUES = Arrays.asList(null, "text", 7, 2.5, true, new ArrayList<>(List.of(1)),
      Map.of("a", 1), Jsonata.NULL_VALUE);
  private static final List<Object> CONTEXTS = Arrays.asList(null, "context", 3, Map.of("k", "v"));

  @Test
  void everyRememberedBuiltInChecksItsArgumentsAsTheLibraryDoes() {
    List<String> names = BuiltInFunctions.namedIn("$exists $string $number $not $substring $lookup $length "
        + "$contains $uppercase $trim $floor $split");
    assertEquals(12, names.size());
    int accepted = 0;
    for (String name : names) {
      Jsonata.JFunction library = (Jsonata.JFunction) Jsonata.jsonata("$" + name).evaluate(null);
      Jsonata.JFunction remembered = BuiltInFunctions.named(name);
      for (int round = 0; round < 2; round++) {
        for (Object context : CONTEXTS) {
          for (List<Object> arguments : argumentLists()) {
            String expected = outcome(library, arguments, context);
            assertEquals(expected, outcome(remembered, arguments, context),
                "$" + name + " with " + arguments + " in context " + context);
            accepted += expected.startsWith("accepted") ? 1 : 0;
          }
        }
      }
    }
    assertTrue(accepted > 1000, "the combinations must include accepted ones: " + accepted);
  }

  @Test
  void aCallInAnExpressionGivesTheLibrarysResult() throws Exception {
    JsonataExpression expression = JsonataExpression.compile(
        "{% $string($n) & '/' & $substring('abcdef', 1, 3) & '/' & $string($exists($missing)) %}", "Output");
    Bindings bindings = new Bindings(null, () -> null,
        name -> name.equals("n") ? com.fasterxml.jackson.databind.node.IntNode.valueOf(42) : null,
        new StatesFunctions(new java.util.SplittableRandom(1), () -> 0L));
    for (int i = 0; i < 2; i++) {
      assertEquals("42/bcd/false", expression.evaluate(bindings).textValue());
    }
  }

  // Every list of up to three of the values.
  private static List<List<Object>> argumentLists() {
    List<List<Object>> lists = new ArrayList<>();
    lists.add(List.of());
    for (Object a : VALUES) {
      lists.add(Arrays.asList(a));
      for (Object b : VALUES) {
        lists.add(Arrays.asList(a, b));
        for (Object c : VALUES) {
          lists.add(Arrays.asList(a, b, c));
        }
      }
    }
    return lists;
  }

  // What a check makes of the arguments: the validated list (by identity), or the error's code.
  private static String outcome(Jsonata.JFunction function, List<Object> arguments, Object context) {
    try {
      List<?> validated = (List<?>) function.validate(new ArrayList<>(arguments), context);
      StringBuilder out = new StringBuilder("accepted");
      for (Object value : validated) {
        int index = indexByIdentity(arguments, value);
        out.append(' ').append(value == null ? "undefined" : value == context ? "context"
            : index >= 0 ? "argument" + index : "other:" + value);
      }
      return out.toString();
    } catch (JException e) {
      return "refused " + e.getError();
    }
  }

  private static int indexByIdentity(List<Object> list, Object value) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == value && value != null) {
        return i;
      }
    }
    return -1;
  }
}
