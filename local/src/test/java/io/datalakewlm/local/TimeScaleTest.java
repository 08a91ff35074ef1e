package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** Time runs at wall speed times the scale: an hour's Wait is a fraction of a second at 10,000. */
class TimeScaleTest {
  @Test
  void anHourWaitAtTenThousandTimesTakesAFractionOfASecond() {
    try (LocalEndpoint local = LocalEndpoint.start(10_000)) {
      String machine = ExecutionApiTest.create(local.sfn, "hour", "{\"StartAt\":\"W\",\"States\":{\"W\":"
          + "{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}", StateMachineType.STANDARD);
      // One short execution first, so that class loading is not part of the measured hour.
      String warmUp = local.sfn.startExecution(b -> b.stateMachineArn(ExecutionApiTest.create(local.sfn, "warm-up",
          "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}", StateMachineType.STANDARD)))
          .executionArn();
      local.awaitEnd(warmUp, Duration.ofSeconds(10));
      long started = System.nanoTime();
      String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
      DescribeExecutionResponse done = local.awaitExecution(arn, d -> d.status() == ExecutionStatus.SUCCEEDED,
          Duration.ofSeconds(2));
      long wallMillis = (System.nanoTime() - started) / 1_000_000;
      long runtimeMillis = done.stopDate().toEpochMilli() - done.startDate().toEpochMilli();
      System.out.println("Wait 3600 s at time scale 10000: " + wallMillis + " ms of wall time, "
          + runtimeMillis / 1000.0 + " s of runtime time");
      assertTrue(runtimeMillis >= 3_600_000, "the runtime's clock advanced " + runtimeMillis + " ms");
      assertEquals(ExecutionStatus.SUCCEEDED, done.status());
    }
  }
}
