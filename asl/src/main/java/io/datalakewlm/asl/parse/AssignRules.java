package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.parse.JsonataChecks.Reads;
import io.datalakewlm.asl.payload.PayloadTemplate;
import io.datalakewlm.asl.payload.TemplateException;
import java.util.Map;

/**
 * The rules of {@code Assign} (on a state, a Choice rule or a catcher), in both dialects: an
 * object whose keys are variable names (in JSONPath a key may end in {@code .$} to take its value
 * from a path or intrinsic function), each a valid name: 1 to {@value #MAX_NAME_LENGTH}
 * characters, a letter or underscore first, then letters, digits and underscores, and not
 * {@code states}, which Step Functions reserves.
 */
final class AssignRules {
  static final int MAX_NAME_LENGTH = 80;

  private AssignRules() {}

  /** Checks the {@code Assign} of {@code fields}; {@code reads} says what JSONata may read. */
  static void assign(Fields fields, QueryLanguage dialect, Reads reads) {
    Fields assign = fields.object("Assign");
    if (assign == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> member : assign.node().properties()) {
      String key = member.getKey();
      String name = dialect == QueryLanguage.JSONPATH && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
      String problem = problem(name);
      if (problem != null) {
        fields.problems().schema(assign.at(key), "Invalid variable name '" + name + "' in 'Assign': " + problem);
      }
      if (dialect == QueryLanguage.JSONATA) {
        JsonataChecks.value(assign, key, reads);
      }
    }
    if (dialect == QueryLanguage.JSONPATH) {
      try {
        PayloadTemplate.compile(assign.node());
      } catch (TemplateException e) {
        for (TemplateException.Issue issue : e.issues()) {
          fields.problems().schema(
              TemplateLocations.resolve(fields.at("Assign"), issue.location()), "Invalid 'Assign': " + issue.message());
        }
      }
    }
  }

  /** What is wrong with a variable name, or {@code null} when it is valid. */
  static String problem(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      return "a name has 1 to " + MAX_NAME_LENGTH + " characters, this one " + name.length();
    }
    if (name.equals("states")) {
      return "'states' is reserved for the $states variable Step Functions provides";
    }
    char first = name.charAt(0);
    if (!Character.isLetter(first) && first != '_') {
      return "a name starts with a letter or '_'";
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_') {
        return "a name holds only letters, digits and '_', not '" + c + "'";
      }
    }
    return null;
  }
}
