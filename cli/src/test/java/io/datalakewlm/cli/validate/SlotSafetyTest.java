package io.datalakewlm.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slots acquired on a path are released on it, through loops, catches and nested machines. */
class SlotSafetyTest {

  @TempDir Path dir;

  private static final String ACQUIRE = """
      "Type": "Task", "Resource": "${Acquire}", "ResultPath": null,
      "Parameters": {"resource": "r", "executionId.$": "$$.Execution.Id", "holder": "h"}""";
  private static final String RELEASE = """
      "Type": "Task", "Resource": "${Release}", "ResultPath": null,
      "Parameters": {"resource": "r", "executionId.$": "$$.Execution.Id", "holder": "h"}""";

  private List<Problem> check(String states, boolean reaped) throws Exception {
    DeployedMachine machine = TestMachines.deploy(dir, "{\"StartAt\": \"Start\", \"States\": {" + states + "}}", "");
    return SlotSafety.check(machine, reaped, "add a reaper rule");
  }

  private static String messages(List<Problem> problems) {
    return String.join("\n", problems.stream().map(Problem::format).toList());
  }

  @Test
  void aRoleClaimedEveryRoundAndReleasedAtTheEndIsSafe() throws Exception {
    List<Problem> problems = check("""
        "Start": {%s, "Catch": [{"ErrorEquals": ["Wlm.NoSlot"], "Next": "Busy"}], "Next": "Again?"},
        "Busy": {"Type": "Succeed"},
        "Again?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 3, "Next": "Start"}],
                   "Default": "Give back"},
        "Give back": {%s, "End": true}
        """.formatted(ACQUIRE, RELEASE), true);
    assertEquals(List.of(), problems, messages(problems));
  }

  @Test
  void aCatchThatEndsTheExecutionWhileHoldingLeaksAndNamesThePath() throws Exception {
    List<Problem> problems = check("""
        "Start": {%s, "Next": "Work"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
                 "Parameters": {"JobName": "j"}, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Gave up"}],
                 "Next": "Give back"},
        "Gave up": {"Type": "Succeed"},
        "Give back": {%s, "End": true}
        """.formatted(ACQUIRE, RELEASE), true);
    assertEquals(1, problems.size(), messages(problems));
    assertEquals("/States/Gave up", problems.get(0).path());
    assertTrue(problems.get(0).message().endsWith("path: Start -> Work -> [States.ALL] Gave up"), messages(problems));
  }

  @Test
  void failingWhileHoldingIsSafeOnlyWhenTheReaperCoversTheMachine() throws Exception {
    String states = """
        "Start": {%s, "Next": "Decide"},
        "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Give back"}]},
        "Give back": {%s, "End": true}
        """.formatted(ACQUIRE, RELEASE);
    assertEquals(List.of(), check(states, true));
    List<Problem> problems = check(states, false);
    assertEquals(List.of("/States/Start", "/States/Decide"), problems.stream().map(Problem::path).toList(),
        messages(problems));
    assertTrue(problems.get(1).message().contains("path: Start -> Decide [States.NoChoiceMatched]"),
        messages(problems));
  }

  @Test
  void aReleaseThatFailsCountsAsDoneBecauseNothingElseCouldFreeTheSlot() throws Exception {
    List<Problem> problems = check("""
        "Start": {%s, "Catch": [{"ErrorEquals": ["Wlm.NoSlot", "Wlm.ExecutionReaped"], "Next": "Busy"}],
                  "Next": "Give back"},
        "Busy": {"Type": "Fail", "Error": "Busy"},
        "Give back": {%s, "End": true}
        """.formatted(ACQUIRE, RELEASE), false);
    assertEquals(1, problems.size(), messages(problems));
    assertEquals("/States/Start", problems.get(0).path(), "only the acquire's own uncaught failure may hold the slot");
  }

  @Test
  void aParallelBranchMayAcquireWhatItsParentReleases() throws Exception {
    String branch = """
        {"StartAt": "Take", "States": {"Take": {%s, "End": true}}}""".formatted(ACQUIRE);
    String released = """
        "Start": {"Type": "Parallel", "Branches": [%s], "Next": "Give back"},
        "Give back": {%s, "End": true}
        """.formatted(branch, RELEASE);
    assertEquals(List.of(), check(released, true));
    List<Problem> leaked = check("""
        "Start": {"Type": "Parallel", "Branches": [%s], "End": true}
        """.formatted(branch), true);
    assertEquals(1, leaked.size(), messages(leaked));
    assertEquals("/States/Start", leaked.get(0).path());
  }

  @Test
  void aDistributedChildIsAnExecutionOfItsOwn() throws Exception {
    String child = """
        {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Take",
         "States": {"Take": {%s, "Next": "Run"},
                    "Run": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
                            "Parameters": {"JobName": "j"}, "Next": "Give back"},
                    "Give back": {%s, "End": true}}}""".formatted(ACQUIRE, RELEASE);
    List<Problem> tolerated = check("""
        "Start": {"Type": "Map", "ItemProcessor": %s, "ToleratedFailurePercentage": 100, "End": true}
        """.formatted(child), true);
    assertEquals(List.of("/States/Start/ItemProcessor/States/Take", "/States/Start/ItemProcessor/States/Run"),
        tolerated.stream().map(Problem::path).toList(), messages(tolerated));
    assertTrue(tolerated.get(1).message().contains("which the Map 'Start' tolerates"), messages(tolerated));

    List<Problem> caught = check("""
        "Start": {"Type": "Map", "ItemProcessor": %s, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}],
                  "End": true},
        "Done": {"Type": "Succeed"}
        """.formatted(child), true);
    assertEquals(List.of("/States/Done"), caught.stream().map(Problem::path).toList(), messages(caught));
  }
}
