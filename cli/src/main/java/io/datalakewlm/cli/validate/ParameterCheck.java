package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Check (e): the parameters that {@code samconfig.toml} overrides exist in the template and
 * their values pass the parameter's own rules (type, allowed values, pattern, range, length), as
 * CloudFormation would check them at deploy time; so do the template's defaults. A deploy table
 * of a template that creates IAM roles must grant {@code CAPABILITY_IAM}.
 */
final class ParameterCheck {

  private static final Map<String, Pattern> AWS_IDS = Map.of(
      "AWS::EC2::VPC::Id", Pattern.compile("vpc-[0-9a-f]{8,17}"),
      "AWS::EC2::Subnet::Id", Pattern.compile("subnet-[0-9a-f]{8,17}"),
      "AWS::EC2::SecurityGroup::Id", Pattern.compile("sg-[0-9a-f]{8,17}"));

  private ParameterCheck() {
  }

  /** Every parameter's Default against its own rules. */
  static List<Problem> defaults(SamTemplate template) {
    List<Problem> problems = new ArrayList<>();
    for (SamTemplate.Parameter parameter : template.parameters().values()) {
      parameter.defaultValue().flatMap(d -> refusal(parameter, d.asText())).ifPresent(why ->
          problems.add(template.problem(LocatedTree.member(parameter.path(), "Default"), "the default " + why,
              "change the Default or the parameter's rules")));
    }
    return problems;
  }

  /** The parameter overrides and capabilities of every deploy table of a samconfig.toml. */
  static List<Problem> samconfig(SamTemplate template, SamConfig config, String file) {
    List<Problem> problems = new ArrayList<>(config.problems());
    boolean createsRoles = template.resources().values().stream().anyMatch(r -> r.type().equals("AWS::IAM::Role")
        || (r.type().startsWith("AWS::Serverless::") && !r.properties().has("Role")
            && (r.isStateMachine() || r.type().equals("AWS::Serverless::Function"))));
    for (SamConfig.Table table : config.tables().values()) {
      SamConfig.Value overrides = table.entries().get("parameter_overrides");
      if (overrides != null) {
        Map<String, Integer> seen = new HashMap<>();
        for (Override o : overrides(overrides)) {
          String path = table.name() + ".parameter_overrides." + o.key();
          Integer before = seen.put(o.key(), o.line());
          if (before != null) {
            problems.add(new Problem(file, o.line(), path, o.key() + " is set twice (also on line " + before + ")",
                "keep one"));
          }
          SamTemplate.Parameter parameter = template.parameters().get(o.key());
          if (parameter == null) {
            problems.add(new Problem(file, o.line(), path, o.key() + " is not a parameter of " + template.displayName(),
                "remove it, or correct the name" + Suggestions.didYouMean(o.key(), template.parameters().keySet())));
          } else {
            refusal(parameter, o.value()).ifPresent(why -> problems.add(new Problem(file, o.line(), path,
                "the value " + why, "see " + template.displayName() + " " + parameter.path())));
          }
        }
      }
      if (table.name().endsWith(".deploy.parameters") && createsRoles) {
        SamConfig.Value capabilities = table.entries().get("capabilities");
        boolean iam = capabilities != null && capabilities.strings().stream()
            .anyMatch(v -> String.valueOf(v.value()).matches(".*CAPABILITY_(NAMED_)?IAM.*"));
        if (!iam) {
          problems.add(new Problem(file, capabilities == null ? table.line() : capabilities.line(),
              table.name() + ".capabilities", "the template creates IAM roles, which sam deploy refuses without "
              + "CAPABILITY_IAM", "capabilities = \"CAPABILITY_IAM\""));
        }
      }
    }
    return problems;
  }

  /** One {@code Key=Value} of parameter_overrides. */
  record Override(String key, String value, int line) {}

  // The overrides of a string ("A=1 B=\"x y\"") or of an array (["A=1", "B=x y"]).
  private static List<Override> overrides(SamConfig.Value value) {
    List<Override> result = new ArrayList<>();
    for (SamConfig.Value element : value.strings()) {
      String text = String.valueOf(element.value());
      for (String token : value.value() instanceof List<?> ? List.of(text) : tokens(text)) {
        String key;
        String v;
        if (token.startsWith("ParameterKey=")) {
          int comma = token.indexOf(",ParameterValue=");
          key = comma < 0 ? token.substring(13) : token.substring(13, comma);
          v = comma < 0 ? "" : token.substring(comma + 16);
        } else {
          int eq = token.indexOf('=');
          key = eq < 0 ? token : token.substring(0, eq);
          v = eq < 0 ? "" : token.substring(eq + 1);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
        }
        result.add(new Override(key.trim(), v, element.line()));
      }
    }
    return result;
  }

  // Space-separated tokens; double quotes keep spaces inside a value.
  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
        current.append("\\\"");
        i++;
      } else if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (Character.isWhitespace(c) && !quoted) {
        if (current.length() > 0) {
          tokens.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      tokens.add(current.toString());
    }
    return tokens;
  }

  /** Why CloudFormation would refuse {@code value} for the parameter, or empty when it would take it. */
  static Optional<String> refusal(SamTemplate.Parameter parameter, String value) {
    JsonNode p = parameter.node();
    String type = parameter.type();
    List<String> elements = type.startsWith("List<") || type.equals("CommaDelimitedList")
        ? List.of(value.split(",", -1)) : List.of(value);
    String elementType = type.startsWith("List<") ? type.substring(5, type.length() - 1) : type;
    for (String element : elements) {
      String e = element.trim();
      if (elementType.equals("Number")) {
        BigDecimal number;
        try {
          number = new BigDecimal(e);
        } catch (NumberFormatException notANumber) {
          return Optional.of("'" + value + "' is not a number");
        }
        if (p.has("MinValue") && number.compareTo(p.get("MinValue").decimalValue()) < 0) {
          return Optional.of(e + " is below MinValue " + p.get("MinValue").asText());
        }
        if (p.has("MaxValue") && number.compareTo(p.get("MaxValue").decimalValue()) > 0) {
          return Optional.of(e + " is above MaxValue " + p.get("MaxValue").asText());
        }
      } else if (AWS_IDS.containsKey(elementType) && !AWS_IDS.get(elementType).matcher(e).matches()) {
        return Optional.of("'" + e + "' is not an " + elementType);
      }
    }
    if (p.has("AllowedValues")) {
      boolean allowed = false;
      for (JsonNode a : p.get("AllowedValues")) {
        allowed |= a.asText().equals(value) || (parameter.isNumber() && sameNumber(a.asText(), value));
      }
      if (!allowed) {
        List<String> values = new ArrayList<>();
        p.get("AllowedValues").forEach(a -> values.add(a.asText()));
        return Optional.of("'" + value + "' is not one of the AllowedValues " + values);
      }
    }
    if (p.has("AllowedPattern")) {
      try {
        if (!Pattern.compile(p.get("AllowedPattern").asText()).matcher(value).matches()) {
          return Optional.of("'" + value + "' does not match the AllowedPattern " + p.get("AllowedPattern").asText());
        }
      } catch (PatternSyntaxException e) {
        return Optional.of("cannot be checked: the AllowedPattern is not a regular expression: " + e.getDescription());
      }
    }
    if (p.has("MinLength") && value.length() < p.get("MinLength").asInt()) {
      return Optional.of("'" + value + "' is shorter than MinLength " + p.get("MinLength").asInt());
    }
    if (p.has("MaxLength") && value.length() > p.get("MaxLength").asInt()) {
      return Optional.of("'" + value + "' is longer than MaxLength " + p.get("MaxLength").asInt());
    }
    return Optional.empty();
  }

  private static boolean sameNumber(String a, String b) {
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
