package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidLoggingConfigurationException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionSeverity;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** CreateStateMachine, UpdateStateMachine, DescribeStateMachine, ListStateMachines, DeleteStateMachine, ValidateStateMachineDefinition. */
class StateMachineApiTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/StatesRole";
  static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

  private static LocalEndpoint local;
  private static SfnClient sfn;

  @BeforeAll
  static void start() {
    local = LocalEndpoint.start(1000);
    sfn = local.sfn;
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void createdStateMachineIsDescribedAsWritten() {
    CreateStateMachineResponse created = sfn.createStateMachine(b -> b.name("describe-me").roleArn(ROLE)
        .definition(PASS).type(StateMachineType.EXPRESS));
    assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:describe-me", created.stateMachineArn());
    DescribeStateMachineResponse described = sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
    assertEquals("describe-me", described.name());
    assertEquals(PASS, described.definition());
    assertEquals(ROLE, described.roleArn());
    assertEquals(StateMachineType.EXPRESS, described.type());
    assertEquals("ACTIVE", described.statusAsString());
    assertEquals(created.creationDate(), described.creationDate());
    assertEquals(LogLevel.OFF, described.loggingConfiguration().level());
    assertFalse(described.tracingConfiguration().enabled());
    assertNotNull(described.revisionId());
  }

  @Test
  void creatingTheSameStateMachineAgainAnswersTheFirstAndADifferentOneIsRefused() {
    CreateStateMachineResponse first = sfn.createStateMachine(b -> b.name("twice").roleArn(ROLE).definition(PASS));
    CreateStateMachineResponse again = sfn.createStateMachine(b -> b.name("twice").roleArn(ROLE).definition(PASS));
    assertEquals(first.stateMachineArn(), again.stateMachineArn());
    assertEquals(first.creationDate(), again.creationDate());
    String other = "{\"StartAt\":\"Q\",\"States\":{\"Q\":{\"Type\":\"Succeed\"}}}";
    StateMachineAlreadyExistsException refused = assertThrows(StateMachineAlreadyExistsException.class,
        () -> sfn.createStateMachine(b -> b.name("twice").roleArn(ROLE).definition(other)));
    assertEquals("StateMachineAlreadyExists", refused.awsErrorDetails().errorCode());
    assertTrue(refused.awsErrorDetails().errorMessage().contains(first.stateMachineArn()));
    assertThrows(StateMachineAlreadyExistsException.class, () -> sfn.createStateMachine(b -> b.name("twice").roleArn(ROLE)
        .definition(PASS).tracingConfiguration(t -> t.enabled(true))));
  }

  @Test
  void anInvalidDefinitionIsRefusedWithTheValidatorsCodeAndPlace() {
    String broken = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"Nope\"}}}";
    InvalidDefinitionException refused = assertThrows(InvalidDefinitionException.class,
        () -> sfn.createStateMachine(b -> b.name("broken").roleArn(ROLE).definition(broken)));
    assertTrue(refused.awsErrorDetails().errorMessage().startsWith("Invalid State Machine Definition: '"),
        refused.awsErrorDetails().errorMessage());
    assertTrue(refused.awsErrorDetails().errorMessage().contains("MISSING_TRANSITION_TARGET"));
    assertTrue(refused.awsErrorDetails().errorMessage().contains("/States/P/Next"));
    assertThrows(InvalidDefinitionException.class,
        () -> sfn.createStateMachine(b -> b.name("not-json").roleArn(ROLE).definition("{\"StartAt\":")));
  }

  @Test
  void aPlaceholderInsideAStringIsPlainTextAsOnAws() {
    String definition = "{\"Comment\":\"costs ${Budget}\",\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    assertNotNull(sfn.createStateMachine(b -> b.name("dollar-text").roleArn(ROLE).definition(definition))
        .stateMachineArn());
  }

  @Test
  void expressStateMachinesRefuseActivitiesAndSyncIntegrations() {
    String withActivity = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"End\":true}}}";
    InvalidDefinitionException refused = assertThrows(InvalidDefinitionException.class,
        () -> sfn.createStateMachine(b -> b.name("express-activity").roleArn(ROLE).definition(withActivity)
            .type(StateMachineType.EXPRESS)));
    assertTrue(refused.awsErrorDetails().errorMessage().contains("/States/T/Resource"));
    assertNotNull(sfn.createStateMachine(b -> b.name("standard-activity").roleArn(ROLE).definition(withActivity))
        .stateMachineArn());
  }

  @Test
  void badNamesArnsAndMissingMembersGetAwsErrors() {
    assertEquals("InvalidName", assertThrows(InvalidNameException.class,
        () -> sfn.createStateMachine(b -> b.name("has space").roleArn(ROLE).definition(PASS)))
        .awsErrorDetails().errorCode());
    assertThrows(InvalidNameException.class,
        () -> sfn.createStateMachine(b -> b.name("a:b").roleArn(ROLE).definition(PASS)));
    ValidationException tooLong = assertThrows(ValidationException.class,
        () -> sfn.createStateMachine(b -> b.name("n".repeat(81)).roleArn(ROLE).definition(PASS)));
    assertTrue(tooLong.awsErrorDetails().errorMessage().startsWith("1 validation error detected: Value '"),
        tooLong.awsErrorDetails().errorMessage());
    assertTrue(tooLong.awsErrorDetails().errorMessage().endsWith(
        "at 'name' failed to satisfy constraint: Member must have length less than or equal to 80"));
    ValidationException missing = assertThrows(ValidationException.class,
        () -> sfn.createStateMachine(b -> b.name("no-definition")));
    assertTrue(missing.awsErrorDetails().errorMessage().startsWith("2 validation errors detected: "),
        missing.awsErrorDetails().errorMessage());
    assertTrue(missing.awsErrorDetails().errorMessage().contains(
        "Value null at 'definition' failed to satisfy constraint: Member must not be null"));
    assertThrows(InvalidArnException.class,
        () -> sfn.createStateMachine(b -> b.name("bad-role").roleArn("role").definition(PASS)));
    InvalidArnException badArn = assertThrows(InvalidArnException.class,
        () -> sfn.describeStateMachine(b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789012:activity:x")));
    assertEquals("Invalid Arn: 'Resource type not valid in this context: activity'",
        badArn.awsErrorDetails().errorMessage());
    StateMachineDoesNotExistException absent = assertThrows(StateMachineDoesNotExistException.class,
        () -> sfn.describeStateMachine(b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:none")));
    assertEquals("State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:none'",
        absent.awsErrorDetails().errorMessage());
    assertThrows(InvalidLoggingConfigurationException.class, () -> sfn.createStateMachine(b -> b.name("logs")
        .roleArn(ROLE).definition(PASS).loggingConfiguration(l -> l.level(LogLevel.ALL))));
    assertThrows(ValidationException.class,
        () -> sfn.createStateMachine(b -> b.name("versioned").roleArn(ROLE).definition(PASS).publish(true)));
  }

  @Test
  void anUpdateChangesTheDefinitionAndTheRevision() {
    String arn = sfn.createStateMachine(b -> b.name("updated").roleArn(ROLE).definition(PASS)).stateMachineArn();
    String before = sfn.describeStateMachine(b -> b.stateMachineArn(arn)).revisionId();
    String succeed = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}";
    String revision = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(succeed)).revisionId();
    DescribeStateMachineResponse after = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
    assertEquals(succeed, after.definition());
    assertEquals(revision, after.revisionId());
    assertNotEquals(before, revision);
    assertThrows(MissingRequiredParameterException.class, () -> sfn.updateStateMachine(b -> b.stateMachineArn(arn)));
    assertThrows(InvalidDefinitionException.class,
        () -> sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition("{}")));
    assertEquals(succeed, sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition());
  }

  @Test
  void listingPagesThroughEveryStateMachineOnce() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String name = "paged-" + i;
      created.add(sfn.createStateMachine(b -> b.name(name).roleArn(ROLE).definition(PASS)).stateMachineArn());
    }
    List<String> listed = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ListStateMachinesResponse page = sfn.listStateMachines(b -> b.maxResults(3).nextToken(next));
      assertTrue(page.stateMachines().size() <= 3);
      page.stateMachines().stream().map(StateMachineListItem::stateMachineArn).forEach(listed::add);
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertTrue(pages >= 3);
    assertEquals(listed.size(), listed.stream().distinct().count());
    assertTrue(listed.containsAll(created));
    List<String> viaPaginator = sfn.listStateMachinesPaginator(b -> b.maxResults(2)).stateMachines().stream()
        .map(StateMachineListItem::stateMachineArn).toList();
    assertEquals(listed, viaPaginator);
    assertEquals("InvalidToken", assertThrows(software.amazon.awssdk.services.sfn.model.InvalidTokenException.class,
        () -> sfn.listStateMachines(b -> b.nextToken("bogus"))).awsErrorDetails().errorCode());
  }

  @Test
  void deletingRemovesTheStateMachineAndDeletingTwiceSucceeds() {
    String arn = sfn.createStateMachine(b -> b.name("deleted").roleArn(ROLE).definition(PASS)).stateMachineArn();
    sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
    assertThrows(StateMachineDoesNotExistException.class, () -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)));
    sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
    assertFalse(sfn.listStateMachinesPaginator(b -> { }).stateMachines().stream()
        .anyMatch(item -> item.stateMachineArn().equals(arn)));
  }

  @Test
  void validationAnswersTheParsersDiagnostics() {
    ValidateStateMachineDefinitionResponse ok = sfn.validateStateMachineDefinition(b -> b.definition(PASS));
    assertEquals(ValidateStateMachineDefinitionResultCode.OK, ok.result());
    assertTrue(ok.diagnostics().isEmpty());
    String broken = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"Nope\"},"
        + "\"Q\":{\"Type\":\"Pass\",\"Parameters\":{\"a\":\"$.x\"},\"End\":true}}}";
    ValidateStateMachineDefinitionResponse failed = sfn.validateStateMachineDefinition(b -> b.definition(broken));
    assertEquals(ValidateStateMachineDefinitionResultCode.FAIL, failed.result());
    assertTrue(failed.diagnostics().stream().anyMatch(d -> d.code().equals("MISSING_TRANSITION_TARGET")
        && d.location().equals("/States/P/Next") && d.severityAsString().equals("ERROR")));
    assertTrue(failed.diagnostics().stream().noneMatch(d -> d.severityAsString().equals("WARNING")));
    ValidateStateMachineDefinitionResponse withWarnings = sfn.validateStateMachineDefinition(b -> b.definition(broken)
        .severity(ValidateStateMachineDefinitionSeverity.WARNING));
    assertTrue(withWarnings.diagnostics().stream().anyMatch(d -> d.severityAsString().equals("WARNING")));
    ValidateStateMachineDefinitionResponse truncated = sfn.validateStateMachineDefinition(b -> b.definition(broken)
        .severity(ValidateStateMachineDefinitionSeverity.WARNING).maxResults(1));
    assertEquals(1, truncated.diagnostics().size());
    assertTrue(truncated.truncated());
    assertFalse(ok.truncated());
  }
}
