package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.local.protocol.ErrorCode;
import io.datalakewlm.local.protocol.Operation;
import io.datalakewlm.local.protocol.Request;
import java.util.List;
import java.util.Map;

/**
 * The tagging actions: TagResource, UntagResource and ListTagsForResource, on state machines and
 * activities (the resources Step Functions tags), with the limits of {@link Tags}. Any other kind
 * of ARN is {@code InvalidArn}; a state machine or activity that does not exist is
 * {@code ResourceNotFound} (with its {@code resourceName}). Removing a key the resource does not
 * have is not an error. Tags are kept, listed and dropped with their resource; nothing else reads
 * them locally (there is no IAM to condition on them).
 */
final class TagOperations {
  private final Account account;

  TagOperations(Account account) {
    this.account = account;
  }

  void register(Map<String, Operation> operations) {
    operations.put("TagResource", this::tag);
    operations.put("UntagResource", this::untag);
    operations.put("ListTagsForResource", this::list);
  }

  // TagResource: adds or replaces tags, within the quota.
  private JsonNode tag(Request request) {
    String arn = request.requiredString("resourceArn", 1, Arns.MAX_ARN);
    Map<String, String> added = Tags.read(request, true);
    request.validate();
    return account.loop.call(() -> {
      Tags.add(tagsOf(arn), added, arn);
      return account.empty();
    });
  }

  // UntagResource: removes the keys it names.
  private JsonNode untag(Request request) {
    String arn = request.requiredString("resourceArn", 1, Arns.MAX_ARN);
    List<String> keys = Tags.readKeys(request);
    request.validate();
    return account.loop.call(() -> {
      tagsOf(arn).keySet().removeAll(keys);
      return account.empty();
    });
  }

  // ListTagsForResource: every tag, in the order they were first set.
  private JsonNode list(Request request) {
    String arn = request.requiredString("resourceArn", 1, Arns.MAX_ARN);
    request.validate();
    return account.loop.call(() -> {
      ObjectNode response = account.empty();
      Tags.write(response.putArray("tags"), tagsOf(arn));
      return response;
    });
  }

  // The tags of the state machine or activity of arn; on the loop.
  private Map<String, String> tagsOf(String arn) {
    String[] parts = arn.split(":", -1);
    boolean machine = parts.length > 5 && parts[5].equals("stateMachine");
    Arns.parse(arn, machine ? "stateMachine" : "activity", 1);
    StateMachineRecord stateMachine = account.stateMachines.get(arn);
    ActivityRecord activity = account.activities.get(arn);
    Map<String, String> tags = stateMachine != null ? stateMachine.tags : activity != null ? activity.tags : null;
    if (tags == null) {
      throw ErrorCode.RESOURCE_NOT_FOUND.exception("Resource not found: '" + arn + "'", arn);
    }
    return tags;
  }
}
