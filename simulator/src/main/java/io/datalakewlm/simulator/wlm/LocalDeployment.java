package io.datalakewlm.simulator.wlm;

import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.workers.store.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The state machines of the deployment, parsed from the very files {@code sam deploy} ships, with
 * the template's parameter defaults, the caller's overrides (the knobs under test) and the ARNs
 * and table names the template would substitute (activities, the dependency stage, the intake's
 * tables).
 */
public final class LocalDeployment {
  /** The deployed state machines: local name → definition file on the classpath. */
  public static final Map<String, String> FILES = Map.of(
      "dispatcher", "/statemachines/dispatcher.asl.json",
      "worker", "/statemachines/worker.asl.json",
      "crawl", "/statemachines/crawl.asl.json",
      "reaper", "/statemachines/reaper.asl.json",
      "intake", "/statemachines/intake.asl.json",
      "dependency-stage", "/stageA/dependency-stage.asl.json",
      "daily-start", "/stageA/daily-start.asl.json");

  /** The state machines the template deploys as EXPRESS (the others are STANDARD). */
  public static final Set<String> EXPRESS = Set.of("intake");

  private final String region;
  private final String account;
  private final String environment;
  private final Activities activities;
  private final Map<String, String> substitutions;
  private final Map<String, StateMachine> machines = new LinkedHashMap<>();

  /**
   * @param overrides template parameter name → value, applied over the template's defaults
   */
  public LocalDeployment(String region, String account, String environment, Map<String, String> overrides) {
    this.region = region;
    this.account = account;
    this.environment = environment;
    this.activities = new Activities(region, account, environment);
    Map<String, String> values = new LinkedHashMap<>(TemplateParameters.fromClasspath().defaults());
    values.put("Environment", environment);
    values.putAll(overrides);
    values.putAll(activities.substitutions());
    values.put("DependencyStageArn", arn("dependency-stage"));
    values.put("WorkerStateMachineArn", arn("worker"));
    values.put("CrawlStateMachineArn", arn("crawl"));
    values.put("QueueTableName", Table.QUEUE.physicalName(environment));
    values.put("LanesTableName", Table.LANES.physicalName(environment));
    values.put("PrioritiesTableName", Table.PRIORITIES.physicalName(environment));
    values.put("DatasetsTableName", Table.DATASETS.physicalName(environment));
    values.put("IntakeRejectsTableName", Table.INTAKE_REJECTS.physicalName(environment));
    this.substitutions = Collections.unmodifiableMap(values);
    for (Map.Entry<String, String> file : FILES.entrySet()) {
      machines.put(file.getKey(), DefinitionParser.parse(read(file.getValue()), substitutions, file.getValue()));
    }
  }

  public String region() {
    return region;
  }

  public String account() {
    return account;
  }

  public Activities activities() {
    return activities;
  }

  /** Every substitution value the definitions were parsed with (knobs and ARNs). */
  public Map<String, String> substitutions() {
    return substitutions;
  }

  /** A knob's value as the definitions saw it. */
  public String parameter(String name) {
    String value = substitutions.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the template has no parameter " + name);
    }
    return value;
  }

  public StateMachine machine(String name) {
    StateMachine machine = machines.get(name);
    if (machine == null) {
      throw new IllegalArgumentException("no state machine named " + name + " (known: " + machines.keySet() + ")");
    }
    return machine;
  }

  /** The ARN the template gives a state machine: {@code wlm-<name>-<env>}. */
  public String arn(String name) {
    return "arn:aws:states:" + region + ":" + account + ":stateMachine:wlm-" + name + "-" + environment;
  }

  /** The local name of the state machine with this ARN, or null. */
  public String nameOf(String arn) {
    // every finished execution asks, so the name is cut out of the ARN rather than each ARN built
    String head = "arn:aws:states:" + region + ":" + account + ":stateMachine:wlm-";
    String tail = "-" + environment;
    if (arn.length() < head.length() + tail.length() || !arn.startsWith(head) || !arn.endsWith(tail)) {
      return null;
    }
    String name = arn.substring(head.length(), arn.length() - tail.length());
    return machines.containsKey(name) ? name : null;
  }

  /**
   * The daily starter of a dependency stage that waits {@code waitSeconds} between checks. The
   * wait is a parameter of the stage's deployment, so an aggregate with another wait gets its own
   * deployment of the stage (as a second stack of the stage template would give it): named
   * {@code dependency-stage-<wait>s} and {@code daily-start-<wait>s}.
   */
  public String dailyStartFor(int waitSeconds) {
    if (Integer.toString(waitSeconds).equals(substitutions.get("DependencyWaitSeconds"))) {
      return "daily-start";
    }
    String stage = "dependency-stage-" + waitSeconds + "s";
    String starter = "daily-start-" + waitSeconds + "s";
    if (!machines.containsKey(starter)) {
      Map<String, String> values = new LinkedHashMap<>(substitutions);
      values.put("DependencyWaitSeconds", Integer.toString(waitSeconds));
      values.put("DependencyStageArn", arn(stage));
      machines.put(stage, DefinitionParser.parse(read(FILES.get("dependency-stage")), values, FILES.get("dependency-stage")));
      machines.put(starter, DefinitionParser.parse(read(FILES.get("daily-start")), values, FILES.get("daily-start")));
    }
    return starter;
  }

  /** Whether a state machine is a deployment of the dependency stage (whatever its wait). */
  public boolean isDependencyStage(String stateMachineArn) {
    String name = nameOf(stateMachineArn);
    return name != null && name.startsWith("dependency-stage");
  }

  private static String read(String resource) {
    try (InputStream in = LocalDeployment.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath (the simulator build copies it)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
