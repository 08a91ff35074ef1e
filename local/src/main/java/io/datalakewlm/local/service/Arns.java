package io.datalakewlm.local.service;

import io.datalakewlm.local.protocol.ErrorCode;

/**
 * The ARNs and names of one account and region, as Step Functions forms and checks them:
 * {@code arn:aws:states:<region>:<account>:stateMachine:<name>}, {@code …:activity:<name>},
 * {@code …:execution:<state machine name>:<execution name>}.
 *
 * <p>A name is 1 to 80 characters with no white space, brackets ({@code < > { } [ ]}), wildcards
 * ({@code ? *}), control characters or any of {@code " # % \ ^ | ~ ` $ & , ; : /}
 * ({@code InvalidName}). An ARN that is not of the expected shape or resource type is
 * {@code InvalidArn}; a well-formed ARN of another region or account names nothing here, so its
 * lookup answers the resource's "does not exist" error.
 */
final class Arns {
  static final int MAX_NAME = 80;
  static final int MAX_ARN = 256;
  private static final String FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

  private final String region;
  private final String account;

  Arns(String region, String account) {
    this.region = region;
    this.account = account;
  }

  String region() {
    return region;
  }

  String account() {
    return account;
  }

  String stateMachine(String name) {
    return prefix() + "stateMachine:" + name;
  }

  String activity(String name) {
    return prefix() + "activity:" + name;
  }

  String execution(String stateMachineName, String executionName) {
    return prefix() + "execution:" + stateMachineName + ":" + executionName;
  }

  /** The last part of an ARN: a state machine's name, or {@code parent/label} for a Map Run's child machine. */
  static String lastPart(String arn) {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  /** Refuses a name Step Functions would refuse ({@code InvalidName}). */
  static void checkName(String name) {
    if (!isValidName(name)) {
      throw ErrorCode.INVALID_NAME.exception("Invalid Name: '" + name + "'");
    }
  }

  /** Whether Step Functions accepts {@code name} for a state machine, an activity or an execution. */
  static boolean isValidName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c <= 0x1F || (c >= 0x7F && c <= 0x9F)
          || FORBIDDEN.indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The parts of an ARN of {@code resourceType}: {@code [region, account, name…]}, with as many
   * name parts as {@code nameParts}; {@code InvalidArn} for anything else.
   */
  static String[] parse(String arn, String resourceType, int nameParts) {
    String[] parts = arn.split(":", -1);
    if (parts.length < 6 || !parts[0].equals("arn") || !parts[1].startsWith("aws") || !parts[2].equals("states")) {
      throw invalid(arn, "Invalid ARN prefix: " + arn);
    }
    if (!parts[5].equals(resourceType)) {
      throw invalid(arn, "Resource type not valid in this context: " + parts[5]);
    }
    if (parts.length != 6 + nameParts || parts[3].isEmpty() || parts[4].isEmpty()) {
      throw invalid(arn, "Invalid " + resourceType + " ARN: " + arn);
    }
    String[] result = new String[2 + nameParts];
    result[0] = parts[3];
    result[1] = parts[4];
    for (int i = 0; i < nameParts; i++) {
      if (parts[6 + i].isEmpty()) {
        throw invalid(arn, "Invalid " + resourceType + " ARN: " + arn);
      }
      result[2 + i] = parts[6 + i];
    }
    return result;
  }

  // InvalidArn with AWS's wording.
  private static io.datalakewlm.local.protocol.ApiException invalid(String arn, String reason) {
    return ErrorCode.INVALID_ARN.exception("Invalid Arn: '" + reason + "'");
  }

  // arn:aws:states:<region>:<account>:
  private String prefix() {
    return "arn:aws:states:" + region + ":" + account + ":";
  }
}
