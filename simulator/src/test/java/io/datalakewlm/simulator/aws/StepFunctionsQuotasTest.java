package io.datalakewlm.simulator.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.time.Scheduler;
import java.time.Instant;
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
}
