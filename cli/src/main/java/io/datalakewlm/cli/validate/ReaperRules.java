package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which state machines the reaper cleans up: those whose FAILED, TIMED_OUT and ABORTED
 * executions an EventBridge rule sends to a state machine that calls the {@code Reap} activity.
 * The rule may be a SAM {@code EventBridgeRule} (or {@code CloudWatchEvent}) event of the reaper,
 * or an {@code AWS::Events::Rule} targeting it; its pattern must list the three statuses and name
 * the covered machine in {@code detail.stateMachineArn} with {@code !Ref}.
 */
final class ReaperRules {

  static final List<String> STATUSES = List.of("FAILED", "TIMED_OUT", "ABORTED");

  private ReaperRules() {
  }

  /** The logical ids of the machines whose failed executions are reaped. */
  static Set<String> covered(SamTemplate template, Collection<DeployedMachine> machines) {
    Set<String> reapers = new HashSet<>();
    for (DeployedMachine machine : machines) {
      if (machine.model() != null && ReferenceCheck.tasks(machine.model(), "").values().stream()
          .anyMatch(r -> DeployedMachine.handlerOf(r).map("Reap"::equals).orElse(false))) {
        reapers.add(machine.logicalId());
      }
    }
    Set<String> covered = new HashSet<>();
    for (SamTemplate.Resource resource : template.resources().values()) {
      if (reapers.contains(resource.logicalId())) {
        for (JsonNode event : resource.properties().path("Events")) {
          String type = event.path("Type").asText();
          if (type.equals("EventBridgeRule") || type.equals("CloudWatchEvent")) {
            patternCovers(event.path("Properties").path("Pattern"), covered);
          }
        }
      }
      if (resource.type().equals("AWS::Events::Rule")) {
        for (JsonNode target : resource.properties().path("Targets")) {
          if (reapers.contains(target.path("Arn").path("Ref").asText())) {
            patternCovers(resource.properties().path("EventPattern"), covered);
          }
        }
      }
    }
    return covered;
  }

  // Adds the machines a Step Functions status-change pattern covers for every failure status.
  private static void patternCovers(JsonNode pattern, Set<String> covered) {
    Set<String> statuses = new HashSet<>();
    pattern.path("detail").path("status").forEach(s -> statuses.add(s.asText()));
    if (!statuses.containsAll(STATUSES)) {
      return;
    }
    for (JsonNode arn : pattern.path("detail").path("stateMachineArn")) {
      if (arn.has("Ref")) {
        covered.add(arn.get("Ref").asText());
      }
    }
  }
}
