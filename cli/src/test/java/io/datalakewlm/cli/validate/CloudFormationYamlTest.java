package io.datalakewlm.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Short-form intrinsic functions keep their meaning, and every value its line. */
class CloudFormationYamlTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shortFormTagsBecomeTheLongFormCloudFormationUses() throws Exception {
    LocatedTree tree = CloudFormationYaml.read("""
        A: !Ref Environment
        B: !GetAtt Queue.Arn
        C: !Sub 'wlm-${Environment}'
        D: !If [HasIt, !Ref X, 'no']
        E: !Condition HasIt
        F: plain
        """, "t.yaml");
    assertEquals(JSON.readTree("""
        {"A": {"Ref": "Environment"}, "B": {"Fn::GetAtt": ["Queue", "Arn"]}, "C": {"Fn::Sub": "wlm-${Environment}"},
         "D": {"Fn::If": ["HasIt", {"Ref": "X"}, "no"]}, "E": {"Condition": "HasIt"}, "F": "plain"}
        """), tree.root());
  }

  @Test
  void everyValueKnowsItsLineAndAnUnknownPathFallsBackToItsParent() throws Exception {
    LocatedTree tree = CloudFormationYaml.read("""
        Resources:
          Role:
            Properties:
              Action:
                - a
                - b
        """, "t.yaml");
    assertEquals(2, tree.line("Resources.Role"));
    assertEquals(4, tree.line("Resources.Role.Properties.Action"));
    assertEquals(6, tree.line("Resources.Role.Properties.Action[1]"));
    assertEquals(3, tree.line("Resources.Role.Properties.Missing"));
  }

  @Test
  void aKeyWrittenTwiceIsAProblem() throws Exception {
    LocatedTree tree = CloudFormationYaml.read("A: 1\nB: 2\nA: 3\n", "t.yaml");
    assertEquals(1, tree.problems().size());
    assertEquals("t.yaml:3: A: the key 'A' is written twice in this mapping; CloudFormation keeps only one of them "
        + "(remove or rename one of them)", tree.problems().get(0).format());
  }

  @Test
  void brokenYamlReportsItsLine() {
    CloudFormationYaml.SyntaxError e = assertThrows(CloudFormationYaml.SyntaxError.class,
        () -> CloudFormationYaml.read("A:\n  - b\n c: [", "t.yaml"));
    assertEquals(3, e.line());
  }
}
