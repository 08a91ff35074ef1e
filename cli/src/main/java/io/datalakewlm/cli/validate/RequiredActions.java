package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.model.ParallelState;
import io.datalakewlm.asl.model.State;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.asl.task.ResourceArn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The IAM actions a state machine's role needs, from what its definition calls and the features
 * its resource turns on, following the policies AWS documents for each integration:
 * <ul>
 *   <li>an activity: none (the workers answer it with their own role);</li>
 *   <li>{@code glue:startJobRun}: {@code glue:StartJobRun}, and with {@code .sync} also
 *       {@code GetJobRun}, {@code GetJobRuns}, {@code BatchStopJobRun};</li>
 *   <li>{@code states:startExecution}: {@code states:StartExecution}, and with {@code .sync}
 *       also {@code DescribeExecution}, {@code StopExecution} and the EventBridge rule actions;</li>
 *   <li>{@code aws-sdk:<service>:<action>}: {@code <prefix>:<Action>};</li>
 *   <li>a distributed Map: {@code states:StartExecution} of its children and
 *       {@code DescribeExecution}/{@code StopExecution} on them;</li>
 *   <li>logging to CloudWatch Logs: the eight log-delivery actions; X-Ray tracing: four actions.</li>
 * </ul>
 * An integration missing from this table is reported rather than guessed.
 */
final class RequiredActions {

  /** One action and why: the state (its pointer) or the feature that needs it. */
  record Need(String action, String reason, String pointer) {}

  static final List<String> LOG_DELIVERY = List.of("logs:CreateLogDelivery", "logs:GetLogDelivery",
      "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
      "logs:DescribeResourcePolicies", "logs:DescribeLogGroups");
  static final List<String> XRAY = List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords",
      "xray:GetSamplingRules", "xray:GetSamplingTargets");

  /** Optimized integrations: service:api -> actions (request-response), and the extra actions of .sync. */
  private static final Map<String, List<String>> OPTIMIZED = Map.ofEntries(
      Map.entry("glue:startJobRun", List.of("glue:StartJobRun")),
      Map.entry("states:startExecution", List.of("states:StartExecution")),
      Map.entry("lambda:invoke", List.of("lambda:InvokeFunction")),
      Map.entry("sqs:sendMessage", List.of("sqs:SendMessage")),
      Map.entry("sns:publish", List.of("sns:Publish")),
      Map.entry("events:putEvents", List.of("events:PutEvents")),
      Map.entry("dynamodb:getItem", List.of("dynamodb:GetItem")),
      Map.entry("dynamodb:putItem", List.of("dynamodb:PutItem")),
      Map.entry("dynamodb:updateItem", List.of("dynamodb:UpdateItem")),
      Map.entry("dynamodb:deleteItem", List.of("dynamodb:DeleteItem")));
  private static final Map<String, List<String>> SYNC = Map.of(
      "glue:startJobRun", List.of("glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"),
      "states:startExecution", List.of("states:DescribeExecution", "states:StopExecution", "events:PutTargets",
          "events:PutRule", "events:DescribeRule"));
  /** SDK service names whose IAM prefix differs. */
  private static final Map<String, String> SDK_PREFIX = Map.of("sfn", "states", "cloudwatchlogs", "logs",
      "eventbridge", "events", "elasticloadbalancingv2", "elasticloadbalancing", "emrserverless", "emr-serverless");

  private RequiredActions() {
  }

  /** The actions a machine needs; integrations this table does not know are returned in {@code unknown}. */
  static List<Need> of(DeployedMachine machine, List<Need> unknown) {
    List<Need> needs = new ArrayList<>();
    if (machine.model() != null) {
      walk(machine.model(), "", needs, unknown);
    }
    JsonNode properties = machine.resource().properties();
    JsonNode logging = properties.path("Logging");
    if (logging.path("Destinations").size() > 0 && !"OFF".equals(logging.path("Level").asText())) {
      LOG_DELIVERY.forEach(a -> needs.add(new Need(a, "logging to CloudWatch Logs (Logging)", "")));
    }
    if (properties.path("Tracing").path("Enabled").asBoolean(false)) {
      XRAY.forEach(a -> needs.add(new Need(a, "X-Ray tracing (Tracing)", "")));
    }
    return needs;
  }

  // The needs of every state of a set of states, nested ones included.
  private static void walk(StateMachine states, String prefix, List<Need> needs, List<Need> unknown) {
    for (State state : states.states().values()) {
      String pointer = prefix + "/States/" + ReferenceCheck.escape(state.name());
      if (state instanceof TaskState task) {
        task(task, pointer, needs, unknown);
      } else if (state instanceof MapState map) {
        if (map.mode() == MapState.Mode.DISTRIBUTED) {
          String why = "the distributed Map '" + map.name() + "'";
          needs.add(new Need("states:StartExecution", why, pointer));
          needs.add(new Need("states:DescribeExecution", why, pointer));
          needs.add(new Need("states:StopExecution", why, pointer));
        }
        walk(map.processor(), pointer + "/ItemProcessor", needs, unknown);
      } else if (state instanceof ParallelState parallel) {
        for (int i = 0; i < parallel.branches().size(); i++) {
          walk(parallel.branches().get(i), pointer + "/Branches/" + i, needs, unknown);
        }
      }
    }
  }

  // The needs of one Task, by the kind of its resource.
  private static void task(TaskState task, String pointer, List<Need> needs, List<Need> unknown) {
    ResourceArn arn = ResourceArn.of(task.resource());
    String why = "the state '" + task.name() + "' (" + task.resource() + ")";
    switch (arn.kind()) {
      case ACTIVITY -> { }
      case LAMBDA -> needs.add(new Need("lambda:InvokeFunction", why, pointer));
      case SERVICE -> {
        String api = arn.resource().replaceAll("\\.(sync(:2)?|waitForTaskToken)$", "");
        if (arn.resourceType().startsWith("aws-sdk:")) {
          String service = arn.resourceType().substring("aws-sdk:".length());
          String prefix = SDK_PREFIX.getOrDefault(service, service);
          needs.add(new Need(prefix + ":" + api.substring(0, 1).toUpperCase(Locale.ROOT) + api.substring(1), why, pointer));
          return;
        }
        String key = arn.resourceType() + ":" + api;
        List<String> actions = OPTIMIZED.get(key);
        if (actions == null || (arn.pattern() == ResourceArn.Pattern.SYNC && !SYNC.containsKey(key))) {
          unknown.add(new Need(task.resource(), why, pointer));
          return;
        }
        actions.forEach(a -> needs.add(new Need(a, why, pointer)));
        if (arn.pattern() == ResourceArn.Pattern.SYNC) {
          SYNC.get(key).forEach(a -> needs.add(new Need(a, why, pointer)));
        }
      }
      default -> unknown.add(new Need(task.resource(), why, pointer));
    }
  }
}
