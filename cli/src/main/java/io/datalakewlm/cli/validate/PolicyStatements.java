package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Allow statements of a role's inline policies, as (action, resource) grants with the path of
 * each action for messages. Reads the {@code Policies} of a SAM state machine (a list of policy
 * documents) and of an {@code AWS::IAM::Role} (a list of {@code {PolicyName, PolicyDocument}}).
 * Anything that cannot be checked offline (a managed policy, a SAM policy template,
 * {@code NotAction}) is reported, so a policy cannot escape the check by its form.
 */
final class PolicyStatements {

  /**
   * One action allowed on one resource.
   *
   * @param resource the resource expression as written (a string, or an intrinsic function)
   * @param actionPath where the action is written
   */
  record Grant(String action, JsonNode resource, String actionPath, String statementPath) {}

  private final List<Grant> grants = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

  List<Grant> grants() {
    return grants;
  }

  List<Problem> problems() {
    return problems;
  }

  /** The statements of a SAM state machine's {@code Policies}. */
  static PolicyStatements ofStateMachine(SamTemplate template, SamTemplate.Resource machine) {
    PolicyStatements result = new PolicyStatements();
    String path = LocatedTree.member(machine.propertiesPath(), "Policies");
    if (machine.properties().has("Role")) {
      result.problems.add(template.problem(LocatedTree.member(machine.propertiesPath(), "Role"), "the state machine "
          + "uses a role defined elsewhere, whose permissions cannot be compared with its definition",
          "give the state machine inline Policies instead of a Role"));
      return result;
    }
    JsonNode policies = machine.properties().path("Policies");
    List<JsonNode> list = new ArrayList<>();
    if (policies.isArray()) {
      policies.forEach(list::add);
    } else if (!policies.isMissingNode()) {
      list.add(policies);
    }
    for (int i = 0; i < list.size(); i++) {
      String at = policies.isArray() ? LocatedTree.element(path, i) : path;
      JsonNode policy = list.get(i);
      if (policy.isObject() && policy.has("Statement")) {
        result.document(template, policy, at);
      } else {
        result.problems.add(template.problem(at, "a managed policy or SAM policy template cannot be compared with the "
            + "definition", "write the statements inline (Version and Statement)"));
      }
    }
    return result;
  }

  /** The statements of an {@code AWS::IAM::Role}'s inline {@code Policies}. */
  static PolicyStatements ofRole(SamTemplate template, SamTemplate.Resource role) {
    PolicyStatements result = new PolicyStatements();
    if (role.properties().has("ManagedPolicyArns")) {
      result.problems.add(template.problem(LocatedTree.member(role.propertiesPath(), "ManagedPolicyArns"),
          "managed policies allow more than this role's user needs and cannot be checked",
          "replace them with inline Policies listing the actions used"));
    }
    JsonNode policies = role.properties().path("Policies");
    String path = LocatedTree.member(role.propertiesPath(), "Policies");
    for (int i = 0; i < policies.size(); i++) {
      String at = LocatedTree.member(LocatedTree.element(path, i), "PolicyDocument");
      result.document(template, policies.get(i).path("PolicyDocument"), at);
    }
    return result;
  }

  // One policy document's statements.
  private void document(SamTemplate template, JsonNode document, String path) {
    JsonNode statements = document.path("Statement");
    String statementsPath = LocatedTree.member(path, "Statement");
    List<JsonNode> list = new ArrayList<>();
    if (statements.isArray()) {
      statements.forEach(list::add);
    } else {
      list.add(statements);
    }
    for (int i = 0; i < list.size(); i++) {
      String at = statements.isArray() ? LocatedTree.element(statementsPath, i) : statementsPath;
      statement(template, list.get(i), at);
    }
  }

  // One statement: every action with every resource, Allow only.
  private void statement(SamTemplate template, JsonNode statement, String path) {
    if (statement.has("NotAction") || statement.has("NotResource")) {
      problems.add(template.problem(path, "NotAction and NotResource allow whatever they do not name",
          "list the actions and resources the role uses"));
      return;
    }
    if (!"Allow".equals(statement.path("Effect").asText())) {
      return;
    }
    JsonNode actions = statement.path("Action");
    JsonNode resources = statement.path("Resource");
    String actionPath = LocatedTree.member(path, "Action");
    List<JsonNode> resourceList = new ArrayList<>();
    if (resources.isArray()) {
      resources.forEach(resourceList::add);
    } else {
      resourceList.add(resources);
    }
    if (actions.isArray()) {
      for (int i = 0; i < actions.size(); i++) {
        for (JsonNode resource : resourceList) {
          grants.add(new Grant(actions.get(i).asText(), resource, LocatedTree.element(actionPath, i), path));
        }
      }
    } else {
      for (JsonNode resource : resourceList) {
        grants.add(new Grant(actions.asText(), resource, actionPath, path));
      }
    }
  }
}
