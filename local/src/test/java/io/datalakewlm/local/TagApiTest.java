package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TagResource, UntagResource, ListTagsForResource, and tags given at creation. */
class TagApiTest {
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

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static Map<String, String> tagsOf(String arn) {
    return sfn.listTagsForResource(b -> b.resourceArn(arn)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private static List<Tag> numbered(int from, int count) {
    List<Tag> tags = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      tags.add(tag("k" + i, "v" + i));
    }
    return tags;
  }

  @Test
  void tagsGivenAtCreationAreKeptAndARepeatedCreateIgnoresNewOnes() {
    String machine = sfn.createStateMachine(b -> b.name("tagged-machine").roleArn(StateMachineApiTest.ROLE)
        .definition(ExecutionApiTest.ADD_ONE).tags(tag("team", "ingest"), tag("env", "dev"))).stateMachineArn();
    assertEquals(Map.of("team", "ingest", "env", "dev"), tagsOf(machine));
    sfn.createStateMachine(b -> b.name("tagged-machine").roleArn(StateMachineApiTest.ROLE)
        .definition(ExecutionApiTest.ADD_ONE).tags(tag("other", "x")));
    assertEquals(Map.of("team", "ingest", "env", "dev"), tagsOf(machine));
    String activity = sfn.createActivity(b -> b.name("tagged-activity").tags(tag("owner", "ops"))).activityArn();
    assertEquals(Map.of("owner", "ops"), tagsOf(activity));
    assertEquals(List.of(), sfn.listTagsForResource(b -> b.resourceArn(
        sfn.createActivity(c -> c.name("untagged-activity")).activityArn())).tags());
  }

  @Test
  void tagsAreAddedReplacedAndRemoved() {
    String activity = sfn.createActivity(b -> b.name("retagged")).activityArn();
    sfn.tagResource(b -> b.resourceArn(activity).tags(tag("a", "1"), tag("b", "2")));
    sfn.tagResource(b -> b.resourceArn(activity).tags(tag("b", "3"), tag("c", "")));
    assertEquals(List.of(tag("a", "1"), tag("b", "3"), tag("c", "")),
        sfn.listTagsForResource(b -> b.resourceArn(activity)).tags());
    sfn.untagResource(b -> b.resourceArn(activity).tagKeys("a", "never-set"));
    assertEquals(Map.of("b", "3", "c", ""), tagsOf(activity));
  }

  @Test
  void aResourceHasAtMostFiftyTags() {
    String activity = sfn.createActivity(b -> b.name("fifty-tags").tags(numbered(0, 49))).activityArn();
    sfn.tagResource(b -> b.resourceArn(activity).tags(tag("k0", "replaced"), tag("k49", "v49")));
    assertEquals(50, tagsOf(activity).size());
    TooManyTagsException tooMany = assertThrows(TooManyTagsException.class,
        () -> sfn.tagResource(b -> b.resourceArn(activity).tags(tag("k50", "v50"))));
    assertEquals("TooManyTags", tooMany.awsErrorDetails().errorCode());
    assertEquals(activity, tooMany.resourceName());
    assertEquals(50, tagsOf(activity).size());
    assertThrows(TooManyTagsException.class, () -> sfn.createStateMachine(b -> b.name("too-many-tags")
        .roleArn(StateMachineApiTest.ROLE).definition(ExecutionApiTest.ADD_ONE).tags(numbered(0, 51))));
    assertThrows(software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException.class,
        () -> sfn.describeStateMachine(b -> b.stateMachineArn(
            "arn:aws:states:us-east-1:123456789012:stateMachine:too-many-tags")));
  }

  @Test
  void badTagsAndUnknownResourcesGetAwsErrors() {
    String activity = sfn.createActivity(b -> b.name("tag-errors")).activityArn();
    ValidationException tooLong = assertThrows(ValidationException.class, () -> sfn.tagResource(b -> b
        .resourceArn(activity).tags(tag("k".repeat(129), "v"), tag("ok", "v".repeat(257)))));
    String message = tooLong.awsErrorDetails().errorMessage();
    assertTrue(message.startsWith("2 validation errors detected"), message);
    assertTrue(message.contains("at 'tags.1.member.key' failed to satisfy constraint: Member must have length less "
        + "than or equal to 128"), message);
    assertTrue(message.contains("at 'tags.2.member.value'"), message);
    assertThrows(ValidationException.class, () -> sfn.tagResource(b -> b.resourceArn(activity).tags(tag("", "v"))));
    assertThrows(ValidationException.class, () -> sfn.tagResource(b -> b.resourceArn(activity).tags(tag("a#b", "v"))));
    assertThrows(ValidationException.class, () -> sfn.untagResource(b -> b.resourceArn(activity)));
    String missing = "arn:aws:states:us-east-1:123456789012:stateMachine:not-there";
    ResourceNotFoundException notFound = assertThrows(ResourceNotFoundException.class,
        () -> sfn.listTagsForResource(b -> b.resourceArn(missing)));
    assertEquals(missing, notFound.resourceName());
    assertThrows(ResourceNotFoundException.class, () -> sfn.tagResource(b -> b.resourceArn(missing).tags(tag("a", "b"))));
    assertThrows(ResourceNotFoundException.class, () -> sfn.untagResource(b -> b.resourceArn(missing).tagKeys("a")));
    assertThrows(InvalidArnException.class, () -> sfn.listTagsForResource(b -> b.resourceArn("not-an-arn")));
    assertThrows(InvalidArnException.class, () -> sfn.listTagsForResource(b -> b.resourceArn(
        "arn:aws:states:us-east-1:123456789012:execution:m:e")));
    sfn.deleteActivity(b -> b.activityArn(activity));
    assertThrows(ResourceNotFoundException.class, () -> sfn.listTagsForResource(b -> b.resourceArn(activity)));
  }
}
