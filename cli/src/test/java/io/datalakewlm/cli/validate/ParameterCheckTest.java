package io.datalakewlm.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A value is refused for the reasons CloudFormation would refuse it at deploy time. */
class ParameterCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Optional<String> refusal(String parameter, String value) throws Exception {
    return ParameterCheck.refusal(new SamTemplate.Parameter("P", JSON.readTree(parameter), "Parameters.P"), value);
  }

  @Test
  void numbersRangesListsPatternsAndAllowedValues() throws Exception {
    String number = "{\"Type\": \"Number\", \"MinValue\": 0.5, \"MaxValue\": 10}";
    assertEquals(Optional.empty(), refusal(number, "2.5"));
    assertEquals(Optional.of("'x' is not a number"), refusal(number, "x"));
    assertEquals(Optional.of("0.1 is below MinValue 0.5"), refusal(number, "0.1"));
    assertEquals(Optional.of("'3' is not one of the AllowedValues [1, 2]"),
        refusal("{\"Type\": \"Number\", \"AllowedValues\": [1, 2]}", "3"));
    assertEquals(Optional.empty(), refusal("{\"Type\": \"Number\", \"AllowedValues\": [1, 2]}", "2.0"));
    assertEquals(Optional.of("'Dev' does not match the AllowedPattern [a-z0-9]+"),
        refusal("{\"Type\": \"String\", \"AllowedPattern\": \"[a-z0-9]+\"}", "Dev"));
    assertEquals(Optional.of("'sub-1' is not an AWS::EC2::Subnet::Id"),
        refusal("{\"Type\": \"List<AWS::EC2::Subnet::Id>\"}", "subnet-0123456789abcdef0,sub-1"));
  }
}
