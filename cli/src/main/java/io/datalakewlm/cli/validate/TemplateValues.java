package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a template's expressions would take at deploy time, as far as they can be known
 * offline: parameters take their defaults, pseudo parameters a fixed account and region, a
 * {@code Ref} or {@code Fn::GetAtt} of a resource its name or an ARN built from its name.
 * Definitions are checked with these values put in for their {@code ${Name}} placeholders, so a
 * number stays a number and an activity's ARN names its activity.
 */
final class TemplateValues {

  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
  private static final Map<String, String> PSEUDO = Map.of(
      "AWS::Region", REGION, "AWS::AccountId", ACCOUNT, "AWS::Partition", "aws",
      "AWS::URLSuffix", "amazonaws.com", "AWS::StackName", "stack", "AWS::StackId",
      "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/stack/id", "AWS::NoValue", "");

  private final SamTemplate template;

  TemplateValues(SamTemplate template) {
    this.template = template;
  }

  /** Whether {@code name} is a pseudo parameter ({@code AWS::Region}, ...). */
  static boolean isPseudo(String name) {
    return PSEUDO.containsKey(name) || "AWS::NotificationARNs".equals(name);
  }

  /** The value of an expression, or empty when it cannot be known offline. */
  Optional<String> resolve(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (value.isValueNode()) {
      return Optional.of(value.asText());
    }
    if (value.isObject() && value.size() == 1) {
      if (value.has("Ref")) {
        return ref(value.get("Ref").asText());
      }
      if (value.has("Fn::GetAtt")) {
        JsonNode args = value.get("Fn::GetAtt");
        return args.isArray() && args.size() == 2 ? getAtt(args.get(0).asText(), args.get(1).asText()) : Optional.empty();
      }
      if (value.has("Fn::Sub")) {
        return sub(value.get("Fn::Sub"));
      }
      if (value.has("Fn::Join")) {
        return join(value.get("Fn::Join"));
      }
    }
    return Optional.empty();
  }

  /** The value of {@code Ref name}: a parameter's default, a pseudo parameter, a resource's ARN or name. */
  Optional<String> ref(String name) {
    if (PSEUDO.containsKey(name)) {
      return Optional.of(PSEUDO.get(name));
    }
    SamTemplate.Parameter parameter = template.parameters().get(name);
    if (parameter != null) {
      return Optional.of(parameter.defaultValue().map(JsonNode::asText).orElse(parameter.isNumber() ? "1" : name));
    }
    return template.resource(name).map(r -> switch (r.type()) {
      case "AWS::StepFunctions::Activity" -> "arn:aws:states:" + REGION + ":" + ACCOUNT + ":activity:" + name(r);
      case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" ->
          "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name(r);
      default -> name(r);
    });
  }

  /** The value of {@code Fn::GetAtt [resource, attribute]}. */
  Optional<String> getAtt(String resource, String attribute) {
    Optional<SamTemplate.Resource> r = template.resource(resource);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    if (attribute.equals("Name")) {
      return Optional.of(name(r.get()));
    }
    if (attribute.equals("Arn")) {
      return Optional.of(r.get().isStateMachine() || r.get().type().equals("AWS::StepFunctions::Activity")
          ? ref(resource).orElseThrow()
          : "arn:aws:" + r.get().type().split("::")[1].toLowerCase() + ":" + REGION + ":" + ACCOUNT + ":" + name(r.get()));
    }
    return Optional.of(resource + "." + attribute);
  }

  /** The name a resource would get: its name property resolved, else its logical id. */
  String name(SamTemplate.Resource resource) {
    JsonNode properties = resource.properties();
    for (String field : new String[] {"Name", "StateMachineName", "TableName", "LogGroupName"}) {
      if (properties.has(field)) {
        Optional<String> resolved = resolve(properties.get(field));
        if (resolved.isPresent()) {
          return resolved.get();
        }
      }
    }
    return resource.logicalId();
  }

  // Fn::Sub in its string form or its [string, variables] form.
  private Optional<String> sub(JsonNode args) {
    String text;
    JsonNode variables = null;
    if (args.isTextual()) {
      text = args.asText();
    } else if (args.isArray() && args.size() == 2 && args.get(0).isTextual()) {
      text = args.get(0).asText();
      variables = args.get(1);
    } else {
      return Optional.empty();
    }
    StringBuilder result = new StringBuilder();
    Matcher m = SUB_VARIABLE.matcher(text);
    int copied = 0;
    while (m.find()) {
      result.append(text, copied, m.start());
      String name = m.group(1);
      Optional<String> value;
      if (name.startsWith("!")) {
        value = Optional.of("${" + name.substring(1) + "}");
      } else if (variables != null && variables.has(name)) {
        value = resolve(variables.get(name));
      } else if (name.contains(".") && !isPseudo(name)) {
        value = getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1));
      } else {
        value = ref(name);
      }
      if (value.isEmpty()) {
        return Optional.empty();
      }
      result.append(value.get());
      copied = m.end();
    }
    return Optional.of(result.append(text.substring(copied)).toString());
  }

  // Fn::Join [separator, [values]].
  private Optional<String> join(JsonNode args) {
    if (!args.isArray() || args.size() != 2 || !args.get(1).isArray()) {
      return Optional.empty();
    }
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < args.get(1).size(); i++) {
      Optional<String> part = resolve(args.get(1).get(i));
      if (part.isEmpty()) {
        return Optional.empty();
      }
      result.append(i == 0 ? "" : args.get(0).asText()).append(part.get());
    }
    return Optional.of(result.toString());
  }
}
