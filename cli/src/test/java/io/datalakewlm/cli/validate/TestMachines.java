package io.datalakewlm.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A one-machine template around a definition, for the checks that look at one state machine. */
final class TestMachines {

  private TestMachines() {
  }

  /**
   * Deploys {@code definition} as the state machine {@code Machine}, whose substitutions
   * {@code ${Acquire}}, {@code ${Release}} and {@code ${Reap}} are the activities of those handlers.
   *
   * @param properties more YAML lines for the machine's Properties, indented by six spaces
   */
  static DeployedMachine deploy(Path dir, String definition, String properties) throws Exception {
    Files.writeString(dir.resolve("machine.asl.json"), definition);
    Path templateFile = dir.resolve("sam-template.yaml");
    Files.writeString(templateFile, """
        Parameters:
          Environment: {Type: String, Default: test}
        Resources:
          AcquireSlotActivity: {Type: AWS::StepFunctions::Activity, Properties: {Name: !Sub 'wlm-AcquireSlot-${Environment}'}}
          ReleaseSlotActivity: {Type: AWS::StepFunctions::Activity, Properties: {Name: !Sub 'wlm-ReleaseSlot-${Environment}'}}
          ReapActivity: {Type: AWS::StepFunctions::Activity, Properties: {Name: !Sub 'wlm-Reap-${Environment}'}}
          Machine:
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionUri: machine.asl.json
              DefinitionSubstitutions:
                Acquire: !Ref AcquireSlotActivity
                Release: !Ref ReleaseSlotActivity
                Reap: !Ref ReapActivity
        """ + properties);
    SamTemplate template = SamTemplate.read(templateFile, "sam-template.yaml");
    DefinitionCheck.Outcome outcome = DefinitionCheck.check(template, template.resource("Machine").orElseThrow(),
        p -> p.getFileName().toString());
    List<Problem> errors = outcome.problems().stream().filter(p -> p.message().contains("ERROR")).toList();
    assertEquals(List.of(), errors, "the test definition must be valid");
    return outcome.machine().orElseThrow();
  }

  /** The template the last {@link #deploy} wrote. */
  static SamTemplate template(Path dir) throws IOException, CloudFormationYaml.SyntaxError {
    return SamTemplate.read(dir.resolve("sam-template.yaml"), "sam-template.yaml");
  }
}
