package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.mock.MockConfig;
import io.datalakewlm.local.integration.LocalIntegrations;
import io.datalakewlm.local.protocol.Operation;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Step Functions actions of one account, ready to be served: state machines, executions,
 * activities and their tasks, TestState, Map Runs and tags. The runtime must run on {@code loop}; the actions are
 * safe to call from any number of threads.
 */
public final class StepFunctionsService implements AutoCloseable {
  private final Map<String, Operation> operations;
  private final Account account;
  private final ActivityOperations activities;
  private final ScheduledExecutorService timers;

  /**
   * @param runtime the runtime whose resolver is {@code integrations}, driven by {@code loop}
   * @param mocks a Step Functions Local mock configuration, or {@code null}
   * @param pollTimeout how long GetActivityTask waits for a task (AWS: 60 s)
   */
  public StepFunctionsService(ObjectMapper json, StatesRuntime runtime, RuntimeLoop loop, LocalIntegrations integrations,
      MockConfig mocks, Duration pollTimeout) {
    this.account = new Account(json, runtime, loop, integrations, mocks);
    this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "wlm-local-poll-timers");
      thread.setDaemon(true);
      return thread;
    });
    Map<String, Operation> all = new LinkedHashMap<>();
    new StateMachineOperations(account).register(all);
    ExecutionOperations executions = new ExecutionOperations(account);
    executions.register(all);
    integrations.startExecution(executions.starter());
    integrations.parents(arn -> {
      var execution = runtime.execution(arn);
      return execution == null ? null : execution.parentArn();
    });
    this.activities = new ActivityOperations(account, pollTimeout, timers);
    activities.register(all);
    new TestStateOperation(account).register(all);
    new MapRunOperations(account).register(all);
    new TagOperations(account).register(all);
    this.operations = Collections.unmodifiableMap(all);
  }

  /** Action name → operation, for {@link io.datalakewlm.local.protocol.AwsJsonServer}. */
  public Map<String, Operation> operations() {
    return operations;
  }

  /** Answers the waiting polls with no task and stops the poll timers. */
  @Override
  public void close() {
    try {
      account.loop.call(() -> {
        activities.releasePolls();
        return null;
      });
    } catch (RuntimeException e) {
      // the loop is already gone: the polls end with the server
    }
    timers.shutdownNow();
  }
}
