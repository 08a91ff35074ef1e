package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.jsonata.JsonataReferences;
import io.datalakewlm.asl.jsonata.JsonataSyntaxException;
import io.datalakewlm.asl.model.QueryLanguage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scope rules of workflow variables, checked over the whole definition once the states are.
 *
 * <p>The top-level states share a scope; each Parallel branch and each Map item processor is an
 * inner scope that reads the scopes around it, except a Distributed Map's, whose child executions
 * see no outer variable. An inner scope may not assign a name an enclosing scope assigns
 * ({@code DUPLICATE_VARIABLE_NAME}): it could not change the outer value anyway, and its output is
 * the way to return data. A variable read (a {@code $name} path in JSONPath, a {@code $name} in a
 * JSONata expression) that no state of a visible scope assigns cannot have a value when the state
 * runs: it is reported as a warning ({@code POSSIBLY_UNDEFINED_VARIABLE}), since AWS accepts such a
 * definition and fails the execution when the read happens.
 */
final class VariableRules {
  /** Keys whose values are not data fields, or hold nested scopes checked on their own. */
  private static final Set<String> NOT_DATA =
      Set.of("Type", "Comment", "Next", "End", "Default", "Resource", "QueryLanguage", "Branches",
          "ItemProcessor", "Iterator", "Label", "Retry", "ErrorEquals");

  /** A {@code $name} inside a JSONPath path or intrinsic call (not {@code $.}, {@code $$} or {@code $[}). */
  private static final Pattern PATH_VARIABLE = Pattern.compile("(?<![\\w$])\\$([\\p{L}_][\\p{L}\\p{Nd}_]*)");

  private record Read(String name, JsonPointer at) {}

  private static final class Scope {
    final Scope parent;
    final boolean readsParent;
    final Map<String, JsonPointer> assigned = new LinkedHashMap<>();
    final List<Read> reads = new ArrayList<>();
    final List<Scope> children = new ArrayList<>();

    Scope(Scope parent, boolean readsParent) {
      this.parent = parent;
      this.readsParent = readsParent;
      if (parent != null) {
        parent.children.add(this);
      }
    }

    // The scopes whose variables this one reads: itself and, through readable parents, theirs.
    JsonPointer visible(String name) {
      for (Scope scope = this; scope != null; scope = scope.readsParent ? scope.parent : null) {
        JsonPointer at = scope.assigned.get(name);
        if (at != null) {
          return at;
        }
      }
      return null;
    }
  }

  private VariableRules() {}

  /** Checks the variables of a definition whose top-level object is {@code top}. */
  static void check(Fields top, QueryLanguage topDialect, Problems problems) {
    Scope root = new Scope(null, false);
    collect(top.node().get("States"), top.at("States"), root, topDialect);
    report(root, problems);
  }

  // Records what each state of a States object assigns and reads, and its nested scopes.
  private static void collect(JsonNode states, JsonPointer at, Scope scope, QueryLanguage topDialect) {
    if (states == null || !states.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : states.properties()) {
      JsonNode state = entry.getValue();
      if (!state.isObject()) {
        continue;
      }
      JsonPointer where = at.appendProperty(entry.getKey());
      QueryLanguage dialect = "JSONata".equals(state.path("QueryLanguage").asText(null)) ? QueryLanguage.JSONATA
          : "JSONPath".equals(state.path("QueryLanguage").asText(null)) ? QueryLanguage.JSONPATH : topDialect;
      assigned(state, where, scope, dialect);
      for (String list : List.of("Choices", "Catch")) {
        JsonNode elements = state.get(list);
        if (elements != null && elements.isArray()) {
          for (int i = 0; i < elements.size(); i++) {
            assigned(elements.get(i), where.appendProperty(list).appendIndex(i), scope, dialect);
          }
        }
      }
      for (Map.Entry<String, JsonNode> field : state.properties()) {
        if (!NOT_DATA.contains(field.getKey())) {
          reads(field.getKey(), field.getValue(), where.appendProperty(field.getKey()), scope, dialect);
        }
      }
      nested(state, where, scope, topDialect);
    }
  }

  // The scopes inside a Parallel or a Map state.
  private static void nested(JsonNode state, JsonPointer where, Scope scope, QueryLanguage topDialect) {
    JsonNode branches = state.get("Branches");
    if (branches != null && branches.isArray()) {
      for (int i = 0; i < branches.size(); i++) {
        JsonPointer branch = where.appendProperty("Branches").appendIndex(i);
        collect(branches.get(i).get("States"), branch.appendProperty("States"), new Scope(scope, true), topDialect);
      }
    }
    for (String name : List.of("ItemProcessor", "Iterator")) {
      JsonNode processor = state.get(name);
      if (processor != null && processor.isObject()) {
        boolean distributed = "DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText(null));
        collect(processor.get("States"), where.appendProperty(name).appendProperty("States"),
            new Scope(scope, !distributed), topDialect);
      }
    }
  }

  // The names an object's Assign sets.
  private static void assigned(JsonNode object, JsonPointer at, Scope scope, QueryLanguage dialect) {
    JsonNode assign = object.get("Assign");
    if (assign == null || !assign.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> member : assign.properties()) {
      String key = member.getKey();
      String name = dialect == QueryLanguage.JSONPATH && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
      scope.assigned.putIfAbsent(name, at.appendProperty("Assign").appendProperty(key));
    }
  }

  // The variables a field value reads, in the state's dialect.
  private static void reads(String key, JsonNode value, JsonPointer at, Scope scope, QueryLanguage dialect) {
    if (value.isTextual()) {
      String text = value.textValue();
      if (dialect == QueryLanguage.JSONATA) {
        if (JsonataExpression.isExpression(text)) {
          try {
            JsonataReferences references = JsonataExpression.compile(text, key).references();
            references.variables().forEach(name -> scope.reads.add(new Read(name, at)));
          } catch (JsonataSyntaxException e) {
            // reported by the state's own rules
          }
        }
      } else if (key.endsWith(".$") || key.endsWith("Path") || key.equals("Variable")) {
        Matcher matcher = PATH_VARIABLE.matcher(withoutQuotedText(text));
        while (matcher.find()) {
          scope.reads.add(new Read(matcher.group(1), at));
        }
      }
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        reads(member.getKey(), member.getValue(), at.appendProperty(member.getKey()), scope, dialect);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        reads(key, value.get(i), at.appendIndex(i), scope, dialect);
      }
    }
  }

  // An intrinsic call with its 'string literals' blanked, so a '$x' in a literal is no read.
  private static String withoutQuotedText(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quoted && i + 1 < text.length()) {
        out.append("  ");
        i++;
        continue;
      }
      if (c == '\'') {
        quoted = !quoted;
      }
      out.append(quoted ? ' ' : c);
    }
    return out.toString();
  }

  // Reports, scope by scope, inner assignments of outer names and reads of unassigned names.
  private static void report(Scope scope, Problems problems) {
    for (Map.Entry<String, JsonPointer> entry : scope.assigned.entrySet()) {
      JsonPointer outer = scope.readsParent && scope.parent != null ? scope.parent.visible(entry.getKey()) : null;
      if (outer != null) {
        problems.error(
            DiagnosticCode.DUPLICATE_VARIABLE_NAME,
            entry.getValue(),
            "The variable name '" + entry.getKey() + "' was already defined in a parent scope (at " + outer
                + "); a Parallel branch or Map iteration can read an outer variable but not assign it: use another"
                + " name, or return the value in the branch's output");
      }
    }
    for (Read read : scope.reads) {
      if (scope.visible(read.name()) == null) {
        String hint = distributedParentAssigns(scope, read.name())
            ? "; a Distributed Map's child executions cannot read outer variables: pass the value in ItemSelector"
            : "; assign it with 'Assign' in an earlier state of this scope or an enclosing one";
        problems.warning(
            DiagnosticCode.POSSIBLY_UNDEFINED_VARIABLE,
            read.at(),
            "Variable '" + read.name() + "' is possibly not defined: no state that this one can see assigns it" + hint);
      }
    }
    for (Scope child : scope.children) {
      report(child, problems);
    }
  }

  // Whether a scope beyond a Distributed Map's boundary assigns the name.
  private static boolean distributedParentAssigns(Scope scope, String name) {
    for (Scope current = scope; current.parent != null; current = current.parent) {
      if (!current.readsParent && current.parent.visible(name) != null) {
        return true;
      }
    }
    return false;
  }
}
