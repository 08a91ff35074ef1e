package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * What the properties of each resource type of a template may be: their names, which are
 * required, their types and, where the specification lists them, their allowed values.
 *
 * <p>CloudFormation's types ({@code AWS::...}) come from the resource specification of the npm
 * package {@code @aws-cdk/aws-service-spec}, pruned by {@code tools/cfn-spec/prune.js} into
 * {@code cloudformation-spec.json.gz} beside this class (its version is in the file's
 * {@code source}). SAM's types ({@code AWS::Serverless::...}) and their event sources are written
 * by hand from SAM's resource reference in {@code sam-spec.json}; a SAM property that CloudFormation
 * passes through (a state machine's {@code Logging}) names the CloudFormation property type.
 *
 * <p>A type is a name ({@code string}, {@code integer}, {@code number}, {@code boolean},
 * {@code date-time}, {@code tag}, {@code json} for anything) or an object: {@code {"array": T}},
 * {@code {"map": T}}, {@code {"ref": "AWS::S::R.Name"}}, {@code {"union": [T...]}},
 * {@code {"enum": [values], "of": scalar}} and, for SAM, {@code {"events": "AWS::Serverless::X"}}.
 * Caveat: the specification does not say which properties exclude each other, nor the allowed
 * values of most strings; those are left to CloudFormation.
 */
final class ResourceSpecification {

  private static final ResourceSpecification INSTANCE = new ResourceSpecification(
      read("cloudformation-spec.json.gz", true), read("sam-spec.json", false));

  private final JsonNode cloudFormation;
  private final JsonNode sam;

  private ResourceSpecification(JsonNode cloudFormation, JsonNode sam) {
    this.cloudFormation = cloudFormation;
    this.sam = sam;
  }

  /** The specification shipped with the command. */
  static ResourceSpecification shipped() {
    return INSTANCE;
  }

  /** The properties of a resource type (name to {@code {type, required}}), if the type is known. */
  Optional<JsonNode> resource(String type) {
    JsonNode properties = (isSam(type) ? sam : cloudFormation).path("resources").get(type);
    return Optional.ofNullable(properties);
  }

  /** The known resource types of the family of {@code type} (SAM's or CloudFormation's). */
  Set<String> resourceTypes(String type) {
    Set<String> names = new TreeSet<>();
    (isSam(type) ? sam : cloudFormation).path("resources").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The properties of a CloudFormation property type such as {@code AWS::Events::Rule.Target}. */
  JsonNode propertyType(String name) {
    return cloudFormation.path("types").path(name);
  }

  /** The event source types that a SAM resource type's {@code Events} take. */
  Set<String> eventTypes(String resourceType) {
    Set<String> names = new TreeSet<>();
    sam.path("events").path(resourceType).fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The properties of one event source type; the text {@code json} when any are accepted. */
  JsonNode eventType(String resourceType, String eventType) {
    return sam.path("events").path(resourceType).path(eventType);
  }

  /** Where the CloudFormation part comes from: package and version. */
  String source() {
    JsonNode source = cloudFormation.path("source");
    return source.path("package").asText() + " " + source.path("version").asText();
  }

  // SAM's resource types are expanded by its transform; CloudFormation's by CloudFormation.
  private static boolean isSam(String type) {
    return type.startsWith("AWS::Serverless::");
  }

  // One resource beside this class, gzip-compressed or not.
  private static JsonNode read(String name, boolean gzip) {
    try (InputStream raw = ResourceSpecification.class.getResourceAsStream(name)) {
      if (raw == null) {
        throw new IllegalStateException("the resource specification " + name + " is missing from the build");
      }
      return new ObjectMapper().readTree(gzip ? new GZIPInputStream(raw) : raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
