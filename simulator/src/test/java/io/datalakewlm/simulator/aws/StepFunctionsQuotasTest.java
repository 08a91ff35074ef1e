package io.datalakewlm.simulator.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.wlm.LocalWlm;
import io.datalakewlm.workers.store.memory.InMemoryStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepFunctionsQuotasTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  @Test
  void startExecutionHasTheDocumentedBucketOf1300RefilledAt300PerSecond() {
    Scheduler scheduler = Scheduler.virtual(T0);
    AwsServices aws = AwsServices.create(scheduler, AwsQuotas.defaults(), 1);
    StepFunctionsQuotas sfn = aws.stepFunctions();
    for (int i = 0; i < 1_300; i++) {
      assertTrue(sfn.tryStartExecution());
    }
    StatesError refused = assertThrows(StatesError.class, sfn::startExecution);
    assertEquals("StepFunctions.ThrottlingException", refused.error());
    assertTrue(refused.cause().contains("Error Code: ThrottlingException"));

    scheduler.runUntil(T0.toEpochMilli() + 1_000);
    int granted = 0;
    while (sfn.tryStartExecution()) {
      granted++;
    }
    assertEquals(300, granted);
    assertEquals(1_600, aws.meter().api(StepFunctionsQuotas.START_EXECUTION).calls() - 2);
    assertEquals(2, aws.meter().api(StepFunctionsQuotas.START_EXECUTION).errors(StepFunctionsQuotas.THROTTLING));
    assertFalse(sfn.tryStartExecution());
  }

  @Test
  void theAccountsHistoryQuotaFailsAnExecutionOfTheDeployedRuntime() {
    Scheduler scheduler = Scheduler.virtual(T0);
    AwsServices aws = AwsServices.create(scheduler, AwsQuotas.defaults().withExecutionHistoryEvents(50), 1);
    assertEquals(50, aws.stepFunctions().historyLimit());
    // LocalWlm keeps no history in long simulations: the quota is counted all the same
    LocalWlm wlm = new LocalWlm(scheduler, aws, new InMemoryStore(), Map.of(), LocalWlm.Options.defaults(1));
    Execution loop = wlm.runtime().start(DefinitionParser.parse("""
        {"StartAt": "Spin", "States": {
          "Spin": {"Type": "Wait", "Seconds": 1, "Next": "Again"},
          "Again": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}],
            "Default": "Spin"},
          "Done": {"Type": "Succeed"}}}"""), null);
    scheduler.run();
    assertEquals(ExecutionStatus.FAILED, loop.status());
    assertEquals(ErrorNames.RUNTIME, loop.error());
    assertEquals("The execution reached the maximum number of history events (50).", loop.cause());
    assertEquals(50, loop.eventCount());
  }
}
