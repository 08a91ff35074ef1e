package io.datalakewlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wlm validate} on the repository and on the catalogue of broken copies under
 * {@code src/test/resources/validate/}: {@code base/} is the smallest repository that passes, and
 * each other directory holds the files of one broken copy of it (the rest is taken from
 * {@code base/}). Every broken copy must fail with exactly the expected lines.
 */
class ValidateCommandTest {

  private static final Path FIXTURES = Path.of("src/test/resources/validate");

  @TempDir Path dir;

  private record Result(int exitCode, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  private static Result wlm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Wlm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString().replace("\r\n", "\n"), err.toString());
  }

  // The base repository with the files of one fixture laid over it, in the temporary directory.
  private Path copyOf(String fixture) throws IOException {
    copy(FIXTURES.resolve("base"), dir);
    if (!fixture.equals("base")) {
      copy(FIXTURES.resolve(fixture), dir);
    }
    return dir;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        Files.createDirectories(target.getParent());
        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private void assertFails(String fixture, String... expected) throws IOException {
    Result result = wlm("validate", copyOf(fixture).toString());
    assertEquals(List.of(expected), result.lines(), result.err());
    assertEquals(1, result.exitCode());
    assertTrue(result.err().contains(expected.length + (expected.length == 1 ? " problem " : " problems ")),
        result.err());
  }

  @Test
  void theRepositoryPassesItsOwnChecks() {
    Result result = wlm("validate", "..");
    assertEquals(List.of(), result.lines(), result.err());
    assertEquals(0, result.exitCode());
    assertTrue(result.err().contains("no problems"), result.err());
  }

  @Test
  void theBaseOfTheCataloguePasses() throws IOException {
    Result result = wlm("validate", copyOf("base").toString());
    assertEquals(List.of(), result.lines(), result.err());
    assertEquals(0, result.exitCode());
  }

  @Test
  void aDanglingNextIsNamedWithTheStateThatBecameUnreachable() throws IOException {
    assertFails("dangling-next",
        "statemachines/ingest.asl.json:22: /States/Run the job/Next: ERROR MISSING_TRANSITION_TARGET: Missing 'Next' "
            + "target: Release the job slots (did you mean 'Release the job slot'?)",
        "statemachines/ingest.asl.json:24: /States/Release the job slot: ERROR MISSING_TRANSITION_TARGET: State "
            + "'Release the job slot' is not reachable: no transition from 'StartAt' leads to it");
  }

  @Test
  void anUndefinedSubstitutionIsNamedWhereItIsUsed() throws IOException {
    assertFails("undefined-substitution",
        "statemachines/ingest.asl.json:9: /States/Acquire the job slot/Parameters/limit: ${JobSlot} is not defined: "
            + "sam-template.yaml Resources.Ingest.Properties.DefinitionSubstitutions has no JobSlot (add 'JobSlot: "
            + "!Ref <Parameter>' to the DefinitionSubstitutions of Ingest, or correct the name; did you mean "
            + "'JobSlots'?)");
  }

  @Test
  void anUnusedSubstitutionIsAKnobThatTunesNothing() throws IOException {
    assertFails("unused-substitution",
        "sam-template.yaml:97: Resources.Ingest.Properties.DefinitionSubstitutions.Environment: the substitution "
            + "Environment is not used by statemachines/ingest.asl.json (remove it, or use ${Environment} in the "
            + "definition)");
  }

  @Test
  void aMissingIamActionNamesTheStateThatNeedsIt() throws IOException {
    assertFails("missing-iam-action",
        "sam-template.yaml:97: Resources.Ingest.Properties.Policies: does not allow glue:BatchStopJobRun, which the "
            + "state 'Run the job' (arn:aws:states:::glue:startJobRun.sync) needs (add glue:BatchStopJobRun to a "
            + "statement of Ingest's Policies, on the resources it uses)");
  }

  @Test
  void anExtraIamActionIsPointedAtWhereItIsWritten() throws IOException {
    assertFails("extra-iam-action",
        "sam-template.yaml:101: Resources.Ingest.Properties.Policies[0].Statement[0].Action[4]: allows glue:GetJob, "
            + "which nothing in statemachines/ingest.asl.json needs (remove it: the role allows only what the "
            + "definition uses)");
  }

  @Test
  void aSlotLeakedOnACatchPathIsReportedWithThePath() throws IOException {
    assertFails("leaked-slot",
        "statemachines/ingest.asl.json:45: /States/Nothing to run: the slot glue-job:ingest (holder $.batchId) "
            + "acquired in 'Acquire the job slot' is still held when the execution succeeds; path: Acquire the job "
            + "slot -> Run the job -> [Glue.EntityNotFoundException] Nothing to run (release it on this path before "
            + "the end: a ReleaseSlot with the same resource, executionId and holder)");
  }

  @Test
  void aFailureThatNoReaperRuleCoversLeaksTheSlotsItHolds() throws IOException {
    assertFails("unreaped-failure",
        "statemachines/ingest.asl.json:5: /States/Acquire the job slot: the slot glue-job:ingest (holder $.batchId) "
            + "acquired in 'Acquire the job slot' is still held when the execution fails, and no reaper rule covers "
            + "Ingest's failed executions; path: Acquire the job slot [an uncaught error] (release it before "
            + "failing, or add an EventBridge rule that sends its FAILED/TIMED_OUT/ABORTED executions to the reaper "
            + "state machine)");
  }

  @Test
  void aMissingActivityIsOneTheWorkersPoll() throws IOException {
    assertFails("missing-activity",
        "sam-template.yaml:9: Resources: no AWS::StepFunctions::Activity is named "
            + "wlm-CheckDependencies-${Environment}, but the workers poll it (add 'CheckDependenciesActivity: {Type: "
            + "AWS::StepFunctions::Activity, Properties: {Name: !Sub 'wlm-CheckDependencies-${Environment}'}}')");
  }

  @Test
  void theWorkerRoleMayNotScanAnything() throws IOException {
    assertFails("worker-scan",
        "sam-template.yaml:173: Resources.WorkerTaskRole.Properties.Policies[1].PolicyDocument.Statement[1].Action[3]: "
            + "allows dynamodb:Scan on QueueTable, SemaphoresTable, which the workers never do "
            + "(remove it: the role allows only what the workers use)");
  }

  @Test
  void aResourceWrittenWithoutSubIsNotTheIndexTheWorkersQuery() throws IOException {
    assertFails("forgotten-sub",
        "sam-template.yaml:155: Resources.WorkerTaskRole.Properties.Policies: does not allow dynamodb:Query on "
            + "QueueTable/index/lane-index, which the workers use (add it to a statement of WorkerTaskRole's Policies)",
        "sam-template.yaml:179: Resources.WorkerTaskRole.Properties.Policies[1].PolicyDocument.Statement[3].Action: "
            + "allows dynamodb:Query on ${QueueTable.Arn}/index/lane-index, which the workers never do (remove it: "
            + "the role allows only what the workers use)");
  }

  @Test
  void aDashboardOrAlarmReadingAMetricTheWorkersNeverWriteIsNamed() throws IOException {
    assertFails("unknown-metric",
        "sam-template.yaml:191: Resources.Dashboard.Properties.DashboardBody: widgets[0].properties.metrics[0] names "
            + "the metric DatalakeWlm/QueueDepht, which the workers never write (name one of [Activity, "
            + "BatchesDispatched, DeadLetters, DispatchLatency, ItemsDispatched, OldestWait, QueueDepth, Refusals, "
            + "SlotLimit, SlotsHeld]; did you mean 'QueueDepth'?)",
        "sam-template.yaml:199: Resources.WaitAlarm.Properties: MetricName reads OldestWait by the dimensions "
            + "[Environment, Level], which the workers do not write it with (use one of [[Environment, Priority], "
            + "[Environment, Source]])");
  }

  @Test
  void aMisspelledPropertyIsNamedWithTheNearestValidName() throws IOException {
    assertFails("misspelled-property",
        "sam-template.yaml:93: Resources.Ingest.Properties.Tracingg: unknown property 'Tracingg' for "
            + "AWS::Serverless::StateMachine; did you mean 'Tracing'?");
  }

  @Test
  void aMissingRequiredPropertyIsNamedWithTheTypeThatRequiresIt() throws IOException {
    assertFails("missing-required-property",
        "sam-template.yaml:131: Resources.WorkerTaskDefinition.Properties.ContainerDefinitions[0]: missing required "
            + "property 'Image' for AWS::ECS::TaskDefinition.ContainerDefinition (add it)");
  }

  @Test
  void aValueOfTheWrongTypeOrNotAllowedIsRefusedEvenInsideFnIf() throws IOException {
    assertFails("wrong-property-type",
        "sam-template.yaml:96: Resources.Ingest.Properties.Type: 'STANDART' is not a value "
            + "AWS::Serverless::StateMachine.Type takes; did you mean 'STANDARD'? (use one of EXPRESS, STANDARD)",
        "sam-template.yaml:97: Resources.Ingest.Properties.Tracing.Fn::If[1].Enabled: is the string 'sometimes', but "
            + "the property takes true or false (write true or false here)",
        "sam-template.yaml:131: Resources.WorkerTaskDefinition.Properties.Cpu: is a list, but the property takes a "
            + "string (write a string here)");
  }

  @Test
  void theResourceTypesOfAlertingAndSchedulingPassTheSpecification() throws IOException {
    Path root = copyOf("base");
    String template = Files.readString(root.resolve("sam-template.yaml"));
    Files.writeString(root.resolve("sam-template.yaml"), template + """

          Alerts:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !Sub 'wlm-alerts-${Environment}'
              Subscription: [{Protocol: email, Endpoint: ops@example.com}]
          BacklogAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              AlarmActions: [!Ref Alerts]
              Namespace: AWS/States
              MetricName: ExecutionsFailed
              Dimensions: [{Name: StateMachineArn, Value: !Ref Ingest}]
              Statistic: Sum
              Period: 300
              EvaluationPeriods: '1'
              Threshold: 1
              ComparisonOperator: GreaterThanOrEqualToThreshold
              TreatMissingData: notBreaching
          Board:
            Type: AWS::CloudWatch::Dashboard
            Properties:
              DashboardName: !Sub 'wlm-${Environment}'
              DashboardBody: !Sub '{"widgets": []}'
          Nightly:
            Type: AWS::Events::Rule
            Properties:
              ScheduleExpression: rate(1 day)
              State: ENABLED
              Targets: [{Id: ingest, Arn: !Ref Ingest, RoleArn: !GetAtt WorkerTaskRole.Arn}]
        """);
    Result result = wlm("validate", root.toString());
    assertEquals(List.of(), result.lines(), result.err());
  }

  @Test
  void anUnknownSamconfigParameterIsNamedWithTheClosestOne() throws IOException {
    assertFails("unknown-samconfig-parameter",
        "samconfig.toml:9: default.deploy.parameters.parameter_overrides.JobSlot: JobSlot is not a parameter of "
            + "sam-template.yaml (remove it, or correct the name; did you mean 'JobSlots'?)");
  }

  @Test
  void aSamconfigValueOutOfTheParametersRangeIsRefused() throws IOException {
    assertFails("bad-samconfig-value",
        "samconfig.toml:8: default.deploy.parameters.parameter_overrides.JobSlots: the value 20 is above MaxValue 10 "
            + "(see sam-template.yaml Parameters.JobSlots)");
  }

  @Test
  void aBadDatasetConfigIsRefusedByTheWorkersLoader() throws IOException {
    assertFails("bad-dataset-config",
        "dataset/aggregate.json:8: $.min_items_process.stage_b: is 50, more than max_items_process.stage_b (10) "
            + "(lower min_items_process.stage_b or raise max_items_process.stage_b)");
  }

  @Test
  void aBadPriorityFileIsRefusedByTheWorkersLoader() throws IOException {
    assertFails("bad-priority-file",
        "dataset/priorities.json:4: $.entries['engineering-legislators'].priority: does not match the regex pattern "
            + "^([Hh][Ii][Gg][Hh]|[Ll][Oo][Ww]|[1-9])$ (A level from 1 (most urgent) to 9, or HIGH (= 1) or LOW (= 5).)");
  }

  @Test
  void oneDefinitionIsCheckedAgainstTheTemplateAboveIt() throws IOException {
    Path root = copyOf("leaked-slot");
    Result result = wlm("validate", root.resolve("statemachines/ingest.asl.json").toString());
    assertEquals(1, result.exitCode());
    assertEquals(1, result.lines().size(), result.out());
    assertTrue(result.lines().get(0).startsWith("statemachines/ingest.asl.json:45: /States/Nothing to run: the slot"),
        result.out());

    Files.writeString(root.resolve("statemachines/orphan.asl.json"), Files.readString(root.resolve(
        "statemachines/reaper.asl.json")));
    Result orphan = wlm("validate", root.resolve("statemachines/orphan.asl.json").toString());
    assertEquals(List.of(), orphan.lines(), "a valid definition the template does not deploy is checked and passes");
    assertEquals(0, orphan.exitCode(), orphan.err());
  }

  @Test
  void aDefinitionNoTemplateDeploysIsCheckedByItsContent() throws IOException {
    Path file = dir.resolve("elsewhere/broken.asl.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        {
          "StartAt": "Run",
          "States": {
            "Run": {"Type": "Task", "Resource": "${WorkArn}", "Next": "Gone"},
            "Done": {"Type": "Succeed"}
          }
        }
        """);
    Result result = wlm("validate", file.toString());
    assertEquals(1, result.exitCode(), result.err());
    assertTrue(result.lines().contains(file + ":4: /States/Run/Next: ERROR MISSING_TRANSITION_TARGET: Missing 'Next'"
        + " target: Gone (did you mean 'Done'?)"), result.out());
  }

  @Test
  void configFilesAreCheckedByTheirContentWithoutATemplate() throws IOException {
    Path aggregate = dir.resolve("agg.json");
    Files.writeString(aggregate, "{\"name\": \"eng-agg\", \"pipeline\": \"aggregate\", \"version\": 1}\n");
    Path workers = dir.resolve("workers.yaml");
    Files.writeString(workers, "environment: dev\nregion: eu-west-1\nworker:\n  pollers: 4\n  maxConcurrent: 2\n");
    Path priorities = dir.resolve("priorities.json");
    Files.writeString(priorities, "{\"entries\": {\"eng-orders\": {\"priority\": \"URGENT\"}}}\n");
    Result result = wlm("validate", aggregate.toString(), workers.toString(), priorities.toString());
    assertEquals(1, result.exitCode(), result.err());
    List<String> lines = result.lines();
    assertEquals(3, lines.size(), result.out());
    assertTrue(lines.get(0).startsWith(aggregate + ":1: $: is an aggregate dataset with no dependencies"), lines.get(0));
    assertTrue(lines.get(1).startsWith(priorities + ":1: $.entries['eng-orders'].priority: does not match"), lines.get(1));
    assertTrue(lines.get(2).startsWith(workers + ": $.worker.maxConcurrent: is 2, fewer than worker.pollers (4)"),
        lines.get(2));
  }

  @Test
  void aPathThatDoesNotExistOrHasNoTemplateIsBadUsage() throws IOException {
    Result missing = wlm("validate", dir.resolve("nope.json").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("does not exist"), missing.err());
    Files.createDirectories(dir.resolve("empty"));
    Result noTemplate = wlm("validate", dir.resolve("empty").toString());
    assertEquals(2, noTemplate.exitCode());
    assertTrue(noTemplate.err().contains("has no sam-template.yaml"), noTemplate.err());
  }
}
