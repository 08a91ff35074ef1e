package io.datalakewlm.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IAM actions a definition needs, from AWS's documented policies for each integration. */
class RequiredActionsTest {

  @TempDir Path dir;

  private List<String> actions(String states, String properties, List<RequiredActions.Need> unknown) throws Exception {
    DeployedMachine machine = TestMachines.deploy(dir, "{\"StartAt\": \"A\", \"States\": {" + states + "}}",
        properties);
    return RequiredActions.of(machine, unknown).stream().map(RequiredActions.Need::action).toList();
  }

  private static String task(String name, String resource, String next) {
    return "\"" + name + "\": {\"Type\": \"Task\", \"Resource\": \"" + resource + "\", "
        + (next == null ? "\"End\": true}" : "\"Next\": \"" + next + "\"}");
  }

  @Test
  void eachIntegrationNeedsWhatAwsDocuments() throws Exception {
    List<RequiredActions.Need> unknown = new ArrayList<>();
    List<String> actions = actions(String.join(",",
        task("A", "${Acquire}", "B"),
        task("B", "arn:aws:states:::glue:startJobRun.sync", "C"),
        task("C", "arn:aws:states:::aws-sdk:glue:startCrawler", "D"),
        task("D", "arn:aws:states:::aws-sdk:sfn:describeExecution", "E"),
        task("E", "arn:aws:states:::states:startExecution.sync:2", "F"),
        task("F", "arn:aws:lambda:us-east-1:123456789012:function:f", null)), "", unknown);
    assertEquals(List.of("glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun",
        "glue:StartCrawler", "states:DescribeExecution", "states:StartExecution", "states:DescribeExecution",
        "states:StopExecution", "events:PutTargets", "events:PutRule", "events:DescribeRule",
        "lambda:InvokeFunction"), actions);
    assertEquals(List.of(), unknown);
  }

  @Test
  void aDistributedMapAndLoggingNeedTheirActionsAndAnUnknownIntegrationIsNotGuessed() throws Exception {
    List<RequiredActions.Need> unknown = new ArrayList<>();
    List<String> actions = actions("""
        "A": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
              "End": true}}}, "End": true}
        """, """
              Logging:
                Level: ERROR
                Destinations: [{CloudWatchLogsLogGroup: {LogGroupArn: 'arn:aws:logs:us-east-1:1:log-group:x:*'}}]
        """, unknown);
    assertEquals(List.of("states:StartExecution", "states:DescribeExecution", "states:StopExecution"),
        actions.subList(0, 3));
    assertEquals(RequiredActions.LOG_DELIVERY, actions.subList(3, actions.size()));
    assertEquals(List.of("arn:aws:states:::ecs:runTask.sync"), unknown.stream().map(RequiredActions.Need::action)
        .toList());
    assertEquals("/States/A/ItemProcessor/States/Run", unknown.get(0).pointer());
  }
}
