package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.workers.store.TableDefinition;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.dynamodb.DynamoDbAccess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check (d): every role allows what its user does, and nothing more. A state machine's
 * {@code Policies} are compared, action by action, with {@link RequiredActions} of its
 * definition. The worker service's task role is compared, action and resource, with what the
 * workers do: the DynamoDB actions on the tables and indexes of
 * {@link DynamoDbAccess#workers()}, {@code GetActivityTask} on each handler's activity, and
 * {@link #POLLER_ANSWERS}; its execution role with what ECS needs to pull the image and write
 * the logs. Resource {@code '*'} is accepted only for actions AWS does not scope to a resource.
 */
final class IamCheck {

  /**
   * What the activity poller ({@code io.datalakewlm.workers.poller.SfnActivityApi}) calls besides
   * {@code GetActivityTask}: {@code ListActivities} to find the activities' ARNs by name when it
   * is not given the account id (the worker service's command passes none), and the three answers
   * by task token (heartbeats while a handler runs). None of them takes a resource but '*'.
   */
  static final List<String> POLLER_ANSWERS = List.of("states:ListActivities", "states:SendTaskSuccess",
      "states:SendTaskFailure", "states:SendTaskHeartbeat");
  /** What ECS does with a task's execution role: pull the image from ECR, create the log stream and write it. */
  static final List<String> EXECUTION_ROLE = List.of("ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
      "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents");
  /** Actions that accept no resource narrower than '*'. */
  static final Set<String> STAR_ONLY;

  static {
    Set<String> star = new HashSet<>();
    RequiredActions.LOG_DELIVERY.forEach(a -> star.add(a.toLowerCase(Locale.ROOT)));
    RequiredActions.XRAY.forEach(a -> star.add(a.toLowerCase(Locale.ROOT)));
    POLLER_ANSWERS.forEach(a -> star.add(a.toLowerCase(Locale.ROOT)));
    star.add("ecr:getauthorizationtoken");
    STAR_ONLY = Set.copyOf(star);
  }

  private static final Pattern SUB_ARN = Pattern.compile("^\\$\\{([A-Za-z0-9]+)\\.Arn}(/index/[A-Za-z0-9_.-]+)?$");

  private IamCheck() {
  }

  /** A state machine's policies against its definition. */
  static List<Problem> stateMachine(SamTemplate template, DeployedMachine machine) {
    List<Problem> problems = new ArrayList<>();
    if (machine.model() == null) {
      return problems; // what an invalid definition needs is unknown; its errors are reported
    }
    List<RequiredActions.Need> unknown = new ArrayList<>();
    List<RequiredActions.Need> needs = RequiredActions.of(machine, unknown);
    for (RequiredActions.Need u : unknown) {
      problems.add(machine.problem(u.pointer(), "wlm validate does not know which IAM actions " + u.action()
          + " needs, so the policy cannot be checked", "add the integration, as AWS documents its policy, to "
          + "io.datalakewlm.cli.validate.RequiredActions"));
    }
    PolicyStatements statements = PolicyStatements.ofStateMachine(template, machine.resource());
    problems.addAll(statements.problems());
    Map<String, RequiredActions.Need> needed = new LinkedHashMap<>();
    needs.forEach(n -> needed.putIfAbsent(n.action().toLowerCase(Locale.ROOT), n));
    Set<String> granted = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (PolicyStatements.Grant grant : statements.grants()) {
      String action = grant.action().toLowerCase(Locale.ROOT);
      granted.add(action);
      if (wildcard(template, grant, problems)) {
        continue;
      }
      if (!needed.containsKey(action)) {
        if (reported.add(grant.actionPath())) {
          problems.add(template.problem(grant.actionPath(), "allows " + grant.action() + ", which nothing in "
              + machine.displayName() + " needs", "remove it: the role allows only what the definition uses"));
        }
      } else {
        star(template, grant, problems);
      }
    }
    String policies = LocatedTree.member(machine.resource().propertiesPath(), "Policies");
    for (Map.Entry<String, RequiredActions.Need> need : needed.entrySet()) {
      if (!granted.contains(need.getKey()) && statements.problems().isEmpty()) {
        problems.add(template.problem(policies, "does not allow " + need.getValue().action() + ", which "
            + need.getValue().reason() + " needs", "add " + need.getValue().action() + " to a statement of "
            + machine.logicalId() + "'s Policies, on the resources it uses"));
      }
    }
    return problems;
  }

  /** The worker service's task and execution roles against what the workers and ECS do. */
  static List<Problem> workerService(SamTemplate template, Set<String> handlers) {
    List<Problem> problems = new ArrayList<>();
    List<SamTemplate.Resource> definitions = template.resourcesOfType("AWS::ECS::TaskDefinition").stream()
        .filter(IamCheck::runsWorkers).toList();
    if (definitions.isEmpty()) {
      problems.add(template.problem("Resources", "no AWS::ECS::TaskDefinition runs the workers (a container whose "
          + "Command starts with 'workers'), so nothing answers the activities", "add the worker service"));
      return problems;
    }
    for (SamTemplate.Resource definition : definitions) {
      role(template, definition, "TaskRoleArn", problems).ifPresent(role ->
          compare(template, role, taskRoleNeeds(template, handlers), "the workers", problems));
      role(template, definition, "ExecutionRoleArn", problems).ifPresent(role -> {
        Map<String, String> needs = new LinkedHashMap<>();
        EXECUTION_ROLE.forEach(a -> needs.put(a + " on *", a));
        compareActions(template, role, needs, problems);
      });
    }
    return problems;
  }

  // Whether a task definition's container runs `wlm workers`.
  private static boolean runsWorkers(SamTemplate.Resource definition) {
    for (JsonNode container : definition.properties().path("ContainerDefinitions")) {
      if ("workers".equals(container.path("Command").path(0).asText())) {
        return true;
      }
    }
    return false;
  }

  // The role a task definition names in `property`, when it is a role of the template.
  private static Optional<SamTemplate.Resource> role(SamTemplate template, SamTemplate.Resource definition,
                                                     String property, List<Problem> problems) {
    JsonNode arn = definition.properties().path(property);
    String logicalId = arn.has("Fn::GetAtt") ? arn.get("Fn::GetAtt").path(0).asText()
        : arn.has("Ref") ? arn.get("Ref").asText() : null;
    Optional<SamTemplate.Resource> role = Optional.ofNullable(logicalId).flatMap(template::resource)
        .filter(r -> r.type().equals("AWS::IAM::Role"));
    if (role.isEmpty()) {
      problems.add(template.problem(LocatedTree.member(definition.propertiesPath(), property), "the worker task's "
          + property + " is not an AWS::IAM::Role of the template, so its permissions cannot be checked",
          "define the role in the template and use !GetAtt <Role>.Arn"));
    }
    return role;
  }

  // (action on canonical resource) -> action, for everything the workers do.
  private static Map<String, String> taskRoleNeeds(SamTemplate template, Set<String> handlers) {
    Map<String, String> needs = new LinkedHashMap<>();
    try {
      TableDefinitions tables = TableDefinitions.parse(template.text(), template.displayName());
      for (DynamoDbAccess.Grant grant : DynamoDbAccess.workers()) {
        TableDefinition table = tables.get(grant.table());
        String resource = table.logicalId() + (grant.index() == null ? "" : "/index/" + grant.index());
        needs.put(grant.action().iamName() + " on " + resource, grant.action().iamName());
      }
    } catch (IllegalArgumentException tablesUnreadable) {
      // reported by the reference check; the DynamoDB statements cannot be compared without tables
    }
    TemplateValues values = new TemplateValues(template);
    for (SamTemplate.Resource activity : template.resourcesOfType("AWS::StepFunctions::Activity")) {
      String name = values.name(activity);
      Matcher m = Pattern.compile("^wlm-([A-Za-z]+)-").matcher(name);
      if (m.find() && handlers.contains(m.group(1))) {
        needs.put("states:GetActivityTask on " + activity.logicalId(), "states:GetActivityTask");
      }
    }
    POLLER_ANSWERS.forEach(a -> needs.put(a + " on *", a));
    return needs;
  }

  // Compares a role's (action, resource) grants with the needs.
  private static void compare(SamTemplate template, SamTemplate.Resource role, Map<String, String> needs, String who,
                              List<Problem> problems) {
    PolicyStatements statements = PolicyStatements.ofRole(template, role);
    problems.addAll(statements.problems());
    Set<String> needed = lower(needs.keySet());
    Set<String> granted = new HashSet<>();
    Map<String, List<String>> extra = new LinkedHashMap<>();
    Map<String, String> extraAction = new LinkedHashMap<>();
    for (PolicyStatements.Grant grant : statements.grants()) {
      if (wildcard(template, grant, problems)) {
        continue;
      }
      String pair = grant.action() + " on " + canonical(grant.resource());
      granted.add(pair.toLowerCase(Locale.ROOT));
      if (!needed.contains(pair.toLowerCase(Locale.ROOT)) && !dangling(template, grant.resource())) {
        extra.computeIfAbsent(grant.actionPath(), k -> new ArrayList<>()).add(canonical(grant.resource()));
        extraAction.put(grant.actionPath(), grant.action());
      }
    }
    extra.forEach((path, resources) -> problems.add(template.problem(path, "allows " + extraAction.get(path) + " on "
        + String.join(", ", resources) + ", which " + who + " never do", "remove it: the role allows only what " + who
        + " use")));
    String policies = LocatedTree.member(role.propertiesPath(), "Policies");
    for (String need : needs.keySet()) {
      if (!granted.contains(need.toLowerCase(Locale.ROOT))) {
        problems.add(template.problem(policies, "does not allow " + need + ", which " + who + " use",
            "add it to a statement of " + role.logicalId() + "'s Policies"));
      }
    }
  }

  // Compares a role's actions (any resource) with the needs.
  private static void compareActions(SamTemplate template, SamTemplate.Resource role, Map<String, String> needs,
                                     List<Problem> problems) {
    PolicyStatements statements = PolicyStatements.ofRole(template, role);
    problems.addAll(statements.problems());
    Set<String> needed = lower(new LinkedHashSet<>(needs.values()));
    Set<String> granted = new HashSet<>();
    for (PolicyStatements.Grant grant : statements.grants()) {
      if (wildcard(template, grant, problems)) {
        continue;
      }
      String action = grant.action().toLowerCase(Locale.ROOT);
      granted.add(action);
      if (!needed.contains(action)) {
        problems.add(template.problem(grant.actionPath(), "allows " + grant.action() + ", which ECS does not need to "
            + "start the workers", "remove it"));
      } else {
        star(template, grant, problems);
      }
    }
    for (String action : new LinkedHashSet<>(needs.values())) {
      if (!granted.contains(action.toLowerCase(Locale.ROOT))) {
        problems.add(template.problem(LocatedTree.member(role.propertiesPath(), "Policies"), "does not allow " + action
            + ", which ECS needs to start the workers", "add it to " + role.logicalId() + "'s Policies"));
      }
    }
  }

  // Reports an action written with a wildcard; true when it was one.
  private static boolean wildcard(SamTemplate template, PolicyStatements.Grant grant, List<Problem> problems) {
    if (grant.action().contains("*") || grant.action().contains("?")) {
      problems.add(template.problem(grant.actionPath(), "allows " + grant.action() + ", a wildcard that grants "
          + "actions nothing uses", "name the actions one by one"));
      return true;
    }
    return false;
  }

  // Reports Resource '*' on an action that can be scoped.
  private static void star(SamTemplate template, PolicyStatements.Grant grant, List<Problem> problems) {
    if (grant.resource().isTextual() && grant.resource().asText().equals("*")
        && !STAR_ONLY.contains(grant.action().toLowerCase(Locale.ROOT))) {
      problems.add(template.problem(LocatedTree.member(grant.statementPath(), "Resource"), "allows " + grant.action()
          + " on every resource ('*')", "name the resources it is used on"));
    }
  }

  /** A resource expression as a short name: a logical id, {@code Table/index/name}, or the text written. */
  static String canonical(JsonNode resource) {
    if (resource.isTextual()) {
      return resource.asText();
    }
    if (resource.has("Ref")) {
      return resource.get("Ref").asText();
    }
    if (resource.has("Fn::GetAtt") && resource.get("Fn::GetAtt").path(1).asText().equals("Arn")) {
      return resource.get("Fn::GetAtt").get(0).asText();
    }
    if (resource.has("Fn::Sub") && resource.get("Fn::Sub").isTextual()) {
      Matcher m = SUB_ARN.matcher(resource.get("Fn::Sub").asText());
      if (m.matches()) {
        return m.group(1) + (m.group(2) == null ? "" : m.group(2));
      }
      return resource.get("Fn::Sub").asText();
    }
    return resource.toString();
  }

  // Whether a resource expression refers to a resource the template lacks (the reference check says so).
  private static boolean dangling(SamTemplate template, JsonNode resource) {
    String target = resource.has("Ref") ? resource.get("Ref").asText()
        : resource.has("Fn::GetAtt") ? resource.get("Fn::GetAtt").path(0).asText() : null;
    return target != null && template.resource(target).isEmpty() && !template.parameters().containsKey(target)
        && !TemplateValues.isPseudo(target);
  }

  private static Set<String> lower(Set<String> values) {
    Set<String> result = new HashSet<>();
    values.forEach(v -> result.add(v.toLowerCase(Locale.ROOT)));
    return result;
  }
}
