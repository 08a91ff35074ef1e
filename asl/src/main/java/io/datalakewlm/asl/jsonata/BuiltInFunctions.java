package io.datalakewlm.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSONata built-in functions the shipped definitions call on every object, each the library's
 * own function (its name, signature and implementation), bound into an evaluation in place of the
 * library's instance so that its argument check is not redone from scratch on every call: the
 * library matches a regular expression against the arguments' types and compiles another one per
 * argument, which was a twentieth of a simulated day.
 *
 * <p>The check's outcome is remembered per argument types, and only where it cannot depend on
 * anything else: these signatures have no array parameter (whose check reads the array's
 * elements) and no repeated one, so a call the library accepts without reaching for the context
 * value gets exactly its arguments, one per parameter, missing ones as undefined. Whether a
 * type combination reaches for the context is asked of the library once, with a marker as the
 * context; a combination that does, or that the library refuses, is always checked by the
 * library, which raises its own errors.
 */
final class BuiltInFunctions {

  /** The built-ins remembered, by name, with the library's signatures. */
  private static final Map<String, CheckedByTypes> BY_NAME = Map.ofEntries(
      entry("exists", "<x:b>"),
      entry("string", "<x-b?:s>"),
      entry("number", "<(nsb)-:n>"),
      entry("not", "<x-:b>"),
      entry("substring", "<s-nn?:s>"),
      entry("lookup", "<x-s:x>"),
      entry("length", "<s-:n>"),
      entry("contains", "<s-(sf):b>"),
      entry("uppercase", "<s-:s>"),
      entry("trim", "<s-:s>"),
      entry("floor", "<n-:n>"),
      entry("split", "<s-(sf)n?:a<s>>"));

  private BuiltInFunctions() {}

  private static Map.Entry<String, CheckedByTypes> entry(String name, String signature) {
    return Map.entry(name, new CheckedByTypes(name, signature));
  }

  /** The remembered built-ins whose {@code $name} the text holds (a string literal may add one too many). */
  static List<String> namedIn(String text) {
    return BY_NAME.keySet().stream().filter(name -> text.contains("$" + name)).sorted().toList();
  }

  /** The function bound for {@code $name}. */
  static Jsonata.JFunction named(String name) {
    return BY_NAME.get(name);
  }

  /** A library built-in whose argument check is remembered per argument types. */
  static final class CheckedByTypes extends Jsonata.JFunction {
    /** Stands for the context value when asking whether a check reaches for it. */
    private static final Object MARKER = new Object();
    /** Argument types (as the library names them) to the parameters' count, for the checks that need no context. */
    private final Map<String, Integer> accepted = new ConcurrentHashMap<>();

    CheckedByTypes(String name, String signature) {
      super(name, signature, Functions.class, null, name);
      if (signature.substring(0, signature.indexOf(':')).matches(".*[a+].*")) {
        throw new IllegalArgumentException("a remembered check cannot read arrays or repeats: " + signature);
      }
    }

    @Override
    public Object validate(Object arguments, Object context) {
      List<?> given = (List<?>) arguments;
      String types = typesOf(given);
      Integer parameters = types == null ? null : accepted.get(types);
      if (parameters != null) {
        List<Object> validated = new ArrayList<>(parameters);
        for (int i = 0; i < parameters; i++) {
          validated.add(i < given.size() ? given.get(i) : null);
        }
        return validated;
      }
      Object validated = super.validate(arguments, context);
      if (types != null) {
        remember(types, given);
      }
      return validated;
    }

    // Remembers an accepted type combination if its check reads no context: the library's answer
    // with the marker as the context holds only the arguments, in order, then undefined.
    private void remember(String types, List<?> given) {
      List<?> probe;
      try {
        probe = (List<?>) super.validate(given, MARKER);
      } catch (RuntimeException e) {
        return; // the context's type mattered
      }
      for (int i = 0; i < probe.size(); i++) {
        if (probe.get(i) != (i < given.size() ? given.get(i) : null)) {
          return;
        }
      }
      if (probe.size() >= given.size()) {
        accepted.put(types, probe.size());
      }
    }

    // The arguments' types as the library's check names them, or null when one is not a plain
    // JSON value (a function, a regular expression: left to the library each time).
    private static String typesOf(List<?> arguments) {
      StringBuilder types = new StringBuilder(arguments.size());
      for (Object argument : arguments) {
        char type;
        if (argument == null) {
          type = 'm';
        } else if (argument instanceof String) {
          type = 's';
        } else if (argument instanceof Number) {
          type = 'n';
        } else if (argument instanceof Boolean) {
          type = 'b';
        } else if (argument instanceof List<?> && !(argument instanceof Jsonata.JFunctionCallable)) {
          type = 'a';
        } else if (argument instanceof Map<?, ?> && !(argument instanceof Jsonata.JFunctionCallable)) {
          type = 'o';
        } else {
          return null;
        }
        types.append(type);
      }
      return types.toString();
    }
  }
}
