package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Check (g): every resource's properties against the {@link ResourceSpecification}: each name is
 * one the resource type (or the nested property type) has, each required property is there, each
 * value has the property's type and, where allowed values are listed, is one of them; a SAM
 * resource's {@code Events} each have a known event source type with its own properties.
 *
 * <p>An intrinsic function ({@code Ref}, {@code Fn::Sub}, {@code Fn::GetAtt}, {@code Fn::Join} ...)
 * stands for a value of any type, since only CloudFormation knows what it resolves to; the two
 * branches of a {@code Fn::If} are each checked, {@code Ref AWS::NoValue} standing for no value.
 * As CloudFormation does, a string property takes any scalar, and a number or boolean property
 * its value written as a string ({@code "60"}, {@code "true"}). {@code Custom::} resources and
 * types the specification does not know outside {@code AWS::} are not checked.
 */
final class PropertyCheck {

  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern NUMBER = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final SamTemplate template;
  private final ResourceSpecification spec;

  private PropertyCheck(SamTemplate template, ResourceSpecification spec) {
    this.template = template;
    this.spec = spec;
  }

  /** The problems of every {@code AWS::} resource's properties. */
  static List<Problem> check(SamTemplate template) {
    PropertyCheck check = new PropertyCheck(template, ResourceSpecification.shipped());
    List<Problem> problems = new ArrayList<>();
    for (SamTemplate.Resource resource : template.resources().values()) {
      check.resource(resource, problems);
    }
    return problems;
  }

  // One resource: its type must be known, then its properties are checked.
  private void resource(SamTemplate.Resource resource, List<Problem> problems) {
    String type = resource.type();
    if (!type.startsWith("AWS::")) {
      return;
    }
    Optional<JsonNode> properties = spec.resource(type);
    if (properties.isEmpty()) {
      problems.add(template.problem(LocatedTree.member(resource.path(), "Type"), "unknown resource type '" + type + "'"
          + Suggestions.didYouMean(type, spec.resourceTypes(type)), ""));
      return;
    }
    JsonNode given = resource.node().path("Properties");
    if (given.isMissingNode() || given.isNull()) {
      missing(given, properties.get(), resource.path(), type, problems);
    } else {
      value(given, properties.get(), resource.propertiesPath(), type, problems);
    }
  }

  // A mapping against a property list (of a resource, a property type or an event source).
  private void value(JsonNode given, JsonNode properties, String path, String owner,
      List<Problem> problems) {
    if (!given.isObject()) {
      wrong(given, "a mapping of " + owner + "'s properties", path, problems);
      return;
    }
    if (isIntrinsic(given)) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      String at = LocatedTree.member(path, name);
      JsonNode property = properties.get(name);
      if (property == null) {
        Set<String> known = new TreeSet<>();
        properties.fieldNames().forEachRemaining(known::add);
        String suggestion = Suggestions.didYouMean(name, known);
        problems.add(template.problem(at, "unknown property '" + name + "' for " + owner + suggestion,
            suggestion.isEmpty() ? "remove it; " + owner + " takes " + String.join(", ", known) : ""));
      } else {
        typed(field.getValue(), property, at, owner + "." + name, problems);
      }
    }
    missing(given, properties, path, owner, problems);
  }

  // The required properties that `given` lacks.
  private void missing(JsonNode given, JsonNode properties, String path, String owner, List<Problem> problems) {
    Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().path("required").asBoolean() && !given.has(field.getKey())) {
        problems.add(template.problem(path, "missing required property '" + field.getKey() + "' for " + owner,
            "add it"));
      }
    }
  }

  // One property's value against its current type, or any type it had before (still accepted).
  private void typed(JsonNode given, JsonNode property, String path, String what, List<Problem> problems) {
    List<Problem> current = new ArrayList<>();
    check(given, property.path("type"), path, what, current);
    if (!current.isEmpty()) {
      for (JsonNode previous : property.path("previousTypes")) {
        List<Problem> before = new ArrayList<>();
        check(given, previous, path, what, before);
        if (before.isEmpty()) {
          return;
        }
      }
    }
    problems.addAll(current);
  }

  // A value against one type.
  private void check(JsonNode given, JsonNode type, String path, String what, List<Problem> problems) {
    if (given.isNull()) {
      return;
    }
    if (isIntrinsic(given)) {
      JsonNode branches = given.get("Fn::If");
      if (branches != null && branches.isArray() && branches.size() == 3) {
        for (int i = 1; i <= 2; i++) {
          if (!isNoValue(branches.get(i))) {
            check(branches.get(i), type, LocatedTree.element(LocatedTree.member(path, "Fn::If"), i), what, problems);
          }
        }
      }
      return;
    }
    if (type.isTextual()) {
      scalar(given, type.asText(), path, what, problems);
    } else if (type.has("array")) {
      if (!given.isArray()) {
        wrong(given, "a list", path, problems);
        return;
      }
      for (int i = 0; i < given.size(); i++) {
        check(given.get(i), type.get("array"), LocatedTree.element(path, i), what, problems);
      }
    } else if (type.has("map")) {
      if (!given.isObject()) {
        wrong(given, "a mapping", path, problems);
        return;
      }
      given.fields().forEachRemaining(f -> check(f.getValue(), type.get("map"), LocatedTree.member(path, f.getKey()),
          what, problems));
    } else if (type.has("ref")) {
      String name = type.get("ref").asText();
      value(given, spec.propertyType(name), path, name, problems);
    } else if (type.has("union")) {
      union(given, type.get("union"), path, what, problems);
    } else if (type.has("enum")) {
      allowed(given, type, path, what, problems);
    } else if (type.has("events")) {
      events(given, type.get("events").asText(), path, problems);
    }
  }

  // A scalar type, or one of the names that take anything or a tag.
  private void scalar(JsonNode given, String type, String path, String what, List<Problem> problems) {
    switch (type) {
      case "json" -> { }
      case "tag" -> tag(given, path, problems);
      case "integer" -> {
        if (!(given.isIntegralNumber() || given.isTextual() && INTEGER.matcher(given.asText()).matches())) {
          wrong(given, "an integer", path, problems);
        }
      }
      case "number" -> {
        if (!(given.isNumber() || given.isTextual() && NUMBER.matcher(given.asText()).matches())) {
          wrong(given, "a number", path, problems);
        }
      }
      case "boolean" -> {
        if (!(given.isBoolean() || given.isTextual() && Set.of("true", "false").contains(given.asText()))) {
          wrong(given, "true or false", path, problems);
        }
      }
      default -> {
        if (!given.isValueNode()) {
          wrong(given, "a string", path, problems);
        }
      }
    }
  }

  // A tag: {Key, Value}, both strings.
  private void tag(JsonNode given, String path, List<Problem> problems) {
    if (!given.isObject()) {
      wrong(given, "a tag (Key and Value)", path, problems);
      return;
    }
    for (String required : List.of("Key", "Value")) {
      if (!given.has(required)) {
        problems.add(template.problem(path, "missing required property '" + required + "' for a tag", "add it"));
      }
    }
    given.fieldNames().forEachRemaining(name -> {
      if (!name.equals("Key") && !name.equals("Value")) {
        problems.add(template.problem(LocatedTree.member(path, name), "unknown property '" + name + "' for a tag"
            + Suggestions.didYouMean(name, List.of("Key", "Value")), ""));
      }
    });
  }

  // A value that must match one of several types; the first type's problems when none matches.
  private void union(JsonNode given, JsonNode types, String path, String what, List<Problem> problems) {
    List<Problem> first = null;
    for (JsonNode type : types) {
      List<Problem> attempt = new ArrayList<>();
      check(given, type, path, what, attempt);
      if (attempt.isEmpty()) {
        return;
      }
      first = first == null ? attempt : first;
    }
    if (first != null) {
      problems.addAll(first);
    }
  }

  // A value with a list of allowed values.
  private void allowed(JsonNode given, JsonNode type, String path, String what, List<Problem> problems) {
    List<Problem> scalarProblems = new ArrayList<>();
    scalar(given, type.path("of").asText(), path, what, scalarProblems);
    if (!scalarProblems.isEmpty()) {
      problems.addAll(scalarProblems);
      return;
    }
    Set<String> values = new TreeSet<>();
    type.get("enum").forEach(v -> values.add(v.asText()));
    String text = given.asText();
    if (!values.contains(text)) {
      problems.add(template.problem(path, "'" + text + "' is not a value " + what + " takes"
          + Suggestions.didYouMean(text, values), "use one of " + String.join(", ", values)));
    }
  }

  // The Events of a SAM resource: each a known event source type with its properties.
  private void events(JsonNode given, String resourceType, String path, List<Problem> problems) {
    if (!given.isObject()) {
      wrong(given, "a mapping of event sources", path, problems);
      return;
    }
    Set<String> known = spec.eventTypes(resourceType);
    given.fields().forEachRemaining(field -> {
      String at = LocatedTree.member(path, field.getKey());
      JsonNode event = field.getValue();
      String type = event.path("Type").asText("");
      if (!event.has("Type")) {
        problems.add(template.problem(at, "missing required property 'Type' for an event source of " + resourceType,
            "add one of " + String.join(", ", known)));
      } else if (!known.contains(type)) {
        problems.add(template.problem(LocatedTree.member(at, "Type"), "unknown event source type '" + type + "' for "
            + resourceType + Suggestions.didYouMean(type, known), "use one of " + String.join(", ", known)));
      } else {
        event.fieldNames().forEachRemaining(name -> {
          if (!name.equals("Type") && !name.equals("Properties")) {
            problems.add(template.problem(LocatedTree.member(at, name), "unknown key '" + name + "' of an event source"
                + Suggestions.didYouMean(name, List.of("Type", "Properties")), ""));
          }
        });
        JsonNode properties = spec.eventType(resourceType, type);
        if (properties.isObject()) {
          JsonNode eventProperties = event.path("Properties");
          String owner = "the " + type + " event of " + resourceType;
          if (eventProperties.isMissingNode()) {
            missing(eventProperties, properties, at, owner, problems);
          } else {
            value(eventProperties, properties, LocatedTree.member(at, "Properties"), owner, problems);
          }
        }
      }
    });
  }

  // A value of the wrong type.
  private void wrong(JsonNode given, String expected, String path, List<Problem> problems) {
    problems.add(template.problem(path, "is " + describe(given) + ", but the property takes " + expected,
        "write " + expected + " here"));
  }

  // A value's kind, as a template author would call it.
  private static String describe(JsonNode given) {
    if (given.isArray()) {
      return "a list";
    }
    if (given.isObject()) {
      return "a mapping";
    }
    if (given.isBoolean()) {
      return "the boolean " + given.asText();
    }
    if (given.isNumber()) {
      return "the number " + given.asText();
    }
    return "the string '" + given.asText() + "'";
  }

  // Whether a mapping is one intrinsic function (Ref or Fn::...), whose value CloudFormation resolves.
  private static boolean isIntrinsic(JsonNode node) {
    if (!node.isObject() || node.size() != 1) {
      return false;
    }
    String key = node.fieldNames().next();
    return key.equals("Ref") || key.startsWith("Fn::");
  }

  // Whether a value is Ref AWS::NoValue: the property is left out.
  private static boolean isNoValue(JsonNode node) {
    return node.isObject() && node.size() == 1 && "AWS::NoValue".equals(node.path("Ref").asText(null));
  }
}
