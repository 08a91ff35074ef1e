package io.datalakewlm.asl.task;

/**
 * What kind of resource a Task state calls, which decides the family of history events it writes
 * (activity, Lambda function, or service integration) and how {@code resourceType}/{@code resource}
 * appear in them.
 *
 * <p>{@code arn:aws:states:us-east-1:123:activity:wlm-select} is an activity;
 * {@code arn:aws:lambda:…:function:f} a Lambda function called directly;
 * {@code arn:aws:states:::glue:startJobRun.sync} an optimized integration with resource type
 * {@code glue}, resource {@code startJobRun.sync} and pattern {@link Pattern#SYNC};
 * {@code arn:aws:states:::aws-sdk:glue:startCrawler} an SDK integration with resource type
 * {@code aws-sdk:glue}.
 */
public record ResourceArn(Kind kind, String resourceType, String resource, Pattern pattern) {

  public enum Kind {
    ACTIVITY,
    LAMBDA,
    SERVICE
  }

  /** The service integration pattern, from the resource's suffix. */
  public enum Pattern {
    REQUEST_RESPONSE,
    SYNC,
    WAIT_FOR_TASK_TOKEN
  }

  public static ResourceArn of(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length == 6 && "states".equals(parts[2]) && parts[5].startsWith("activity:")) {
      return new ResourceArn(Kind.ACTIVITY, "activity", arn, Pattern.REQUEST_RESPONSE);
    }
    if (parts.length == 6 && "lambda".equals(parts[2]) && parts[5].startsWith("function:")) {
      return new ResourceArn(Kind.LAMBDA, "lambda", arn, Pattern.REQUEST_RESPONSE);
    }
    if (parts.length == 6 && "states".equals(parts[2]) && parts[3].isEmpty() && parts[4].isEmpty()) {
      String rest = parts[5];
      Pattern pattern = Pattern.REQUEST_RESPONSE;
      if (rest.endsWith(".sync") || rest.contains(".sync:")) {
        pattern = Pattern.SYNC;
      } else if (rest.endsWith(".waitForTaskToken")) {
        pattern = Pattern.WAIT_FOR_TASK_TOKEN;
      }
      if (rest.startsWith("aws-sdk:")) {
        int cut = rest.indexOf(':', "aws-sdk:".length());
        if (cut > 0) {
          return new ResourceArn(Kind.SERVICE, rest.substring(0, cut), rest.substring(cut + 1), pattern);
        }
      }
      int cut = rest.indexOf(':');
      if (cut > 0) {
        return new ResourceArn(Kind.SERVICE, rest.substring(0, cut), rest.substring(cut + 1), pattern);
      }
    }
    return new ResourceArn(Kind.SERVICE, "unknown", arn, Pattern.REQUEST_RESPONSE);
  }
}
