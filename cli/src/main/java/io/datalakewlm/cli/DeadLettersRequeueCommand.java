package io.datalakewlm.cli;

import io.datalakewlm.workers.queue.DeadLetterOutcome;
import io.datalakewlm.workers.queue.DeadLetters;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code wlm dead-letters requeue}: puts dead letters back QUEUED with no attempt spent, in their
 * place in their dataset's lane (their priority level and enqueue time), counted on the lane
 * before they go back so the next selection takes them. Running it again skips what it requeued.
 */
@Command(
    name = "requeue",
    mixinStandardHelpOptions = true,
    description = {
      "Put dead letters back in the queue with attempts reset to 0, in their place in their dataset's lane.",
      "Select them with --all, --dataset TEAM-DATASET or --key OBJECT_KEY (repeatable). Prints what was",
      "requeued and what was skipped and why; repeating it is harmless. Exit 2 for bad options, 1 if DynamoDB fails."
    })
final class DeadLettersRequeueCommand extends DeadLetterChange {

  @Override
  String name() {
    return "requeue";
  }

  @Override
  String done() {
    return "Requeued";
  }

  @Override
  DeadLetterOutcome change(DeadLetters deadLetters, List<String> objectKeys) {
    return deadLetters.requeue(objectKeys);
  }
}
