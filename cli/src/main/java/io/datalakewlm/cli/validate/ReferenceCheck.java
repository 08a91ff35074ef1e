package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.model.ParallelState;
import io.datalakewlm.asl.model.State;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.asl.task.ResourceArn;
import io.datalakewlm.workers.store.TableDefinitions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check (c): everything named exists. Every {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}
 * variable and condition of the template points at a parameter, resource or condition of it;
 * every worker handler has its activity ({@code wlm-<Handler>-${Environment}}) and every activity
 * a handler; every activity a definition calls comes from a {@code DefinitionSubstitutions} entry
 * that refers to an activity of the template; the tables the workers use are defined the way
 * the workers read them.
 */
final class ReferenceCheck {

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
  private static final Pattern ACTIVITY_NAME = Pattern.compile("^wlm-([A-Za-z]+)-\\$\\{Environment}$");
  private static final String ACTIVITY = "AWS::StepFunctions::Activity";

  private final SamTemplate template;
  private final List<Problem> problems = new ArrayList<>();

  private ReferenceCheck(SamTemplate template) {
    this.template = template;
  }

  /** The template's references, then the activities and tables the workers and definitions name. */
  static List<Problem> check(SamTemplate template, Collection<DeployedMachine> machines, Set<String> handlers) {
    ReferenceCheck check = new ReferenceCheck(template);
    check.walk(template.root(), "");
    check.activities(handlers);
    for (DeployedMachine machine : machines) {
      check.calledActivities(machine);
    }
    check.tables();
    return check.problems;
  }

  // Every intrinsic function under `node`.
  private void walk(JsonNode node, String path) {
    if (node.isObject()) {
      if (node.size() == 1) {
        intrinsic(node, path);
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String child = LocatedTree.member(path, field.getKey());
        if (field.getKey().equals("Condition") && field.getValue().isTextual() && isResourceLevel(path)) {
          condition(field.getValue().asText(), child);
        }
        walk(field.getValue(), child);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), LocatedTree.element(path, i));
      }
    }
  }

  // One Ref, Fn::GetAtt, Fn::Sub, Fn::If or Condition.
  private void intrinsic(JsonNode node, String path) {
    String key = node.fieldNames().next();
    JsonNode value = node.get(key);
    String at = LocatedTree.member(path, key);
    switch (key) {
      case "Ref" -> ref(value.asText(), path, Set.of());
      case "Fn::GetAtt" -> {
        String resource = value.isArray() && value.size() > 0 ? value.get(0).asText() : value.asText();
        resource(resource, path, "Fn::GetAtt");
      }
      case "Fn::Sub" -> sub(value, path);
      case "Fn::If" -> {
        if (value.isArray() && value.size() == 3) {
          condition(value.get(0).asText(), at);
        }
      }
      case "Condition" -> {
        if (value.isTextual() && path.startsWith("Conditions")) {
          condition(value.asText(), at);
        }
      }
      default -> { }
    }
  }

  // A Ref: a parameter, a resource, a pseudo parameter, or a variable of the enclosing Fn::Sub.
  private void ref(String name, String path, Set<String> localVariables) {
    if (TemplateValues.isPseudo(name) || localVariables.contains(name) || template.parameters().containsKey(name)
        || template.resources().containsKey(name)) {
      return;
    }
    Set<String> known = new TreeSet<>(template.parameters().keySet());
    known.addAll(template.resources().keySet());
    problems.add(template.problem(path, "refers to '" + name + "', which is neither a parameter nor a resource of "
        + "the template", "define it, or correct the name" + Suggestions.didYouMean(name, known)));
  }

  // A resource named by Fn::GetAtt or ${X.Attr}.
  private void resource(String name, String path, String how) {
    if (!template.resources().containsKey(name)) {
      problems.add(template.problem(path, how + " names the resource '" + name + "', which the template does not "
          + "define", "define it, or correct the name" + Suggestions.didYouMean(name, template.resources().keySet())));
    }
  }

  // The variables of a Fn::Sub string.
  private void sub(JsonNode value, String path) {
    String text;
    Set<String> local = new HashSet<>();
    if (value.isTextual()) {
      text = value.asText();
    } else if (value.isArray() && value.size() == 2 && value.get(0).isTextual()) {
      text = value.get(0).asText();
      value.get(1).fieldNames().forEachRemaining(local::add);
    } else {
      return;
    }
    Matcher m = SUB_VARIABLE.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      if (name.contains(".") && !TemplateValues.isPseudo(name)) {
        resource(name.substring(0, name.indexOf('.')), path, "${" + name + "}");
      } else {
        ref(name, path, local);
      }
    }
  }

  // A condition named by a resource, Fn::If or Condition.
  private void condition(String name, String path) {
    if (!template.hasCondition(name)) {
      Set<String> known = new TreeSet<>();
      template.root().path("Conditions").fieldNames().forEachRemaining(known::add);
      problems.add(template.problem(path, "names the condition '" + name + "', which Conditions does not define",
          "define it, or correct the name" + Suggestions.didYouMean(name, known)));
    }
  }

  // Whether `path` is a resource (Resources.X), whose Condition member names a condition.
  private static boolean isResourceLevel(String path) {
    return path.startsWith("Resources.") && path.indexOf('.', "Resources.".length()) < 0;
  }

  // Every handler has its activity, every activity is a handler's.
  private void activities(Set<String> handlers) {
    Set<String> served = new HashSet<>();
    for (SamTemplate.Resource activity : template.resourcesOfType(ACTIVITY)) {
      JsonNode name = activity.properties().path("Name");
      String raw = name.has("Fn::Sub") ? name.get("Fn::Sub").asText() : name.asText();
      Matcher m = ACTIVITY_NAME.matcher(raw);
      String path = LocatedTree.member(activity.propertiesPath(), "Name");
      if (!m.matches()) {
        problems.add(template.problem(path, "the activity is named '" + raw + "'; the workers poll only activities "
            + "named wlm-<Handler>-${Environment}", "name it !Sub 'wlm-<Handler>-${Environment}' with one of " + handlers));
      } else if (!handlers.contains(m.group(1))) {
        problems.add(template.problem(path, "no worker handler is called " + m.group(1) + ", so nothing answers this "
            + "activity", "use one of " + handlers + Suggestions.didYouMean(m.group(1), handlers)));
      } else {
        served.add(m.group(1));
      }
    }
    for (String handler : handlers) {
      if (!served.contains(handler)) {
        problems.add(template.problem("Resources", "no AWS::StepFunctions::Activity is named wlm-" + handler
            + "-${Environment}, but the workers poll it", "add '" + handler + "Activity: {Type: " + ACTIVITY
            + ", Properties: {Name: !Sub 'wlm-" + handler + "-${Environment}'}}'"));
      }
    }
  }

  // Every activity a definition calls comes from a substitution that refers to an activity resource.
  private void calledActivities(DeployedMachine machine) {
    if (machine.model() == null) {
      return;
    }
    Map<String, String> activityValues = new LinkedHashMap<>();
    JsonNode subs = machine.resource().properties().path("DefinitionSubstitutions");
    subs.fieldNames().forEachRemaining(key -> {
      JsonNode value = subs.get(key);
      String target = value.has("Ref") ? value.get("Ref").asText()
          : value.has("Fn::GetAtt") && value.get("Fn::GetAtt").isArray() ? value.get("Fn::GetAtt").get(0).asText() : null;
      if (target != null && template.resource(target).map(r -> r.type().equals(ACTIVITY)).orElse(false)) {
        activityValues.put(machine.values().get(key), key);
      }
    });
    for (Map.Entry<String, String> task : tasks(machine.model(), "").entrySet()) {
      String resource = task.getValue();
      if (ResourceArn.of(resource).kind() == ResourceArn.Kind.ACTIVITY && !activityValues.containsKey(resource)
          && !resource.startsWith(DefinitionCheck.UNRESOLVED_ARN)) {
        problems.add(machine.problem(task.getKey(), "the Task calls the activity " + resource + ", which no "
            + "DefinitionSubstitutions entry of " + machine.logicalId() + " takes from an activity of the template",
            "write \"Resource\": \"${<Name>ActivityArn}\" with <Name>ActivityArn: !Ref <Name>Activity in the template"));
      }
    }
  }

  /** The Task states of a machine and of its Map and Parallel states: pointer to resource. */
  static Map<String, String> tasks(StateMachine machine, String prefix) {
    Map<String, String> tasks = new LinkedHashMap<>();
    for (State state : machine.states().values()) {
      String pointer = prefix + "/States/" + escape(state.name());
      if (state instanceof TaskState task) {
        tasks.put(pointer, task.resource());
      } else if (state instanceof MapState map) {
        tasks.putAll(tasks(map.processor(), pointer + "/ItemProcessor"));
      } else if (state instanceof ParallelState parallel) {
        for (int i = 0; i < parallel.branches().size(); i++) {
          tasks.putAll(tasks(parallel.branches().get(i), pointer + "/Branches/" + i));
        }
      }
    }
    return tasks;
  }

  /** RFC 6901 escaping of a state name in a pointer. */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  // The workers' tables, read the way the workers read them.
  private void tables() {
    try {
      TableDefinitions.parse(template.text(), template.displayName());
    } catch (IllegalArgumentException e) {
      String message = e.getMessage().startsWith(template.displayName() + ": ")
          ? e.getMessage().substring(template.displayName().length() + 2) : e.getMessage();
      problems.add(template.problem("Resources", "the workers cannot read their tables: " + message,
          "keep each table in the simple form described at the top of the template"));
    }
  }
}
