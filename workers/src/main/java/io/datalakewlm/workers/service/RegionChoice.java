package io.datalakewlm.workers.service;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Which AWS region a process talks to: the one configured, else the SDK's default chain
 * (AWS_REGION, the profile), else us-east-1 when every endpoint is local (region is then only
 * part of the request signature and of the ARNs).
 */
public final class RegionChoice {

  /** The region of local endpoints when nothing else says. */
  public static final Region LOCAL_DEFAULT = Region.US_EAST_1;

  private RegionChoice() {
  }

  /**
   * @param configured the config's or option's value, or null
   * @param allLocal whether every endpoint the process calls is overridden (no call goes to AWS)
   * @throws IllegalArgumentException when no region can be found for AWS
   */
  public static Region choose(String configured, boolean allLocal) {
    if (configured != null && !configured.isBlank()) {
      return Region.of(configured);
    }
    Optional<Region> chain = fromChain();
    if (chain.isPresent()) {
      return chain.get();
    }
    if (allLocal) {
      return LOCAL_DEFAULT;
    }
    throw new IllegalArgumentException("no AWS region: set region in the config file (or --region), or AWS_REGION");
  }

  /** The ARN partition of a region: aws, aws-cn, aws-us-gov... (aws for a region the SDK does not know). */
  public static String partition(Region region) {
    return region.metadata() == null ? "aws" : region.metadata().partition().id();
  }

  // The SDK's default region chain, if it finds one.
  private static Optional<Region> fromChain() {
    try {
      return Optional.ofNullable(new DefaultAwsRegionProviderChain().getRegion());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }
}
