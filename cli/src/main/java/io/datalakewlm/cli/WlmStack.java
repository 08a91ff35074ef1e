package io.datalakewlm.cli;

import io.datalakewlm.asl.parse.Substitutions;
import io.datalakewlm.simulator.wlm.LocalDeployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code sam deploy} creates in Step Functions for one environment: the workers' activities
 * ({@code wlm-<Handler>-<env>}) and the state machines ({@code wlm-<name>-<env>}) with their
 * definitions as shipped, the template parameters substituted (the template's defaults, then the
 * caller's overrides, then the ARNs of the activities and of the dependency stage). The
 * substitution values are the simulator's {@link LocalDeployment}, so the local endpoint runs
 * the very definitions the simulator runs.
 */
final class WlmStack {
  private final LocalDeployment deployment;
  private final String environment;

  /**
   * @param overrides template parameter name → value, over the template's defaults
   * @throws io.datalakewlm.asl.parse.InvalidDefinitionException when a definition does not parse
   *     with these values (a parameter without a default and without an override)
   */
  WlmStack(String region, String account, String environment, Map<String, String> overrides) {
    this.deployment = new LocalDeployment(region, account, environment, overrides);
    this.environment = environment;
  }

  /** The activity names, e.g. {@code wlm-Enqueue-dev}. */
  List<String> activityNames() {
    List<String> names = new ArrayList<>();
    for (String arn : new TreeMap<>(deployment.activities().substitutions()).values()) {
      names.add(arn.substring(arn.lastIndexOf(':') + 1));
    }
    return names;
  }

  /** State machine name ({@code wlm-dispatcher-dev}) → definition, substitutions applied. */
  Map<String, String> stateMachines() {
    Map<String, String> machines = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : new TreeMap<>(LocalDeployment.FILES).entrySet()) {
      String text = Substitutions.apply(read(file.getValue()), deployment.substitutions()).text();
      machines.put(stateMachineName(file.getKey()), text);
    }
    return machines;
  }

  /** The type the template deploys a state machine with ({@code wlm-intake-dev} is EXPRESS). */
  String type(String deployedName) {
    for (String local : LocalDeployment.EXPRESS) {
      if (stateMachineName(local).equals(deployedName)) {
        return "EXPRESS";
      }
    }
    return "STANDARD";
  }

  /** The deployed name of a state machine: {@code dispatcher} → {@code wlm-dispatcher-<env>}. */
  String stateMachineName(String localName) {
    return "wlm-" + localName + "-" + environment;
  }

  /** The ARN of an activity or state machine in this deployment's region and account. */
  String stateMachineArn(String localName) {
    return deployment.arn(localName);
  }

  /** A template parameter as the definitions saw it. */
  String parameter(String name) {
    return deployment.parameter(name);
  }

  // A shipped definition's text, from the classpath.
  private static String read(String resource) {
    try (InputStream in = WlmStack.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath (the simulator jar carries it)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
