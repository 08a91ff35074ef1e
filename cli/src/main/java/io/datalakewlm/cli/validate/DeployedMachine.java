package io.datalakewlm.cli.validate;

import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.task.ResourceArn;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A state machine of the template together with its definition file: the text as written, the
 * values put in for its {@code ${Name}} placeholders, the line of every JSON pointer of the
 * definition, and the parsed model when the definition is valid.
 *
 * @param model null when the definition has errors (they are reported on their own)
 */
record DeployedMachine(SamTemplate.Resource resource, Path file, String displayName, String text,
                       Map<String, String> values, JsonLines lines, StateMachine model) {

  /** Activities the workers serve are named {@code wlm-<Handler>-<environment>}. */
  private static final Pattern WORKER_ACTIVITY = Pattern.compile(":activity:wlm-([A-Za-z]+)-[^:]+$");

  DeployedMachine {
    values = Map.copyOf(values);
  }

  String logicalId() {
    return resource.logicalId();
  }

  /** A problem at a JSON pointer of the definition. */
  Problem problem(String pointer, String message, String fix) {
    return new Problem(displayName, lines.line(pointer), pointer, message, fix);
  }

  /** The worker handler a Task resource calls ({@code AcquireSlot} for {@code ...:activity:wlm-AcquireSlot-dev}). */
  static Optional<String> handlerOf(String taskResource) {
    if (ResourceArn.of(taskResource).kind() != ResourceArn.Kind.ACTIVITY) {
      return Optional.empty();
    }
    Matcher m = WORKER_ACTIVITY.matcher(taskResource);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
