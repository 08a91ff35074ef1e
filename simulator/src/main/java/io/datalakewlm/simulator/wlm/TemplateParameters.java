package io.datalakewlm.simulator.wlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of {@code sam-template.yaml} with their defaults: the tuning knobs of the
 * deployment. The simulator starts from the same defaults {@code sam deploy} uses, so a knob tuned
 * locally is the parameter to set in {@code samconfig.toml}.
 */
public final class TemplateParameters {
  /**
   * One parameter as the template declares it; {@code minValue} and {@code maxValue} are null
   * where the template sets none, and {@code defaultValue} where it has no default.
   */
  public record Parameter(String name, String defaultValue, Double minValue, Double maxValue, String description) {}

  private final Map<String, String> defaults;
  private final Map<String, Parameter> parameters;

  private TemplateParameters(Map<String, String> defaults, Map<String, Parameter> parameters) {
    this.defaults = Collections.unmodifiableMap(defaults);
    this.parameters = Collections.unmodifiableMap(parameters);
  }

  /** The template packaged with the workers (copied from the repository root by the build). */
  public static TemplateParameters fromClasspath() {
    try (InputStream in = TemplateParameters.class.getResourceAsStream("/sam-template.yaml")) {
      if (in == null) {
        throw new IllegalStateException("sam-template.yaml is missing from the classpath (the workers build copies it)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TemplateParameters parse(String yaml) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    Map<String, String> defaults = new LinkedHashMap<>();
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    root.path("Parameters").fields().forEachRemaining(entry -> {
      JsonNode declared = entry.getValue();
      JsonNode value = declared.path("Default");
      String defaultValue = value.isMissingNode() || value.isNull() ? null : value.asText();
      if (defaultValue != null) {
        defaults.put(entry.getKey(), defaultValue);
      }
      parameters.put(entry.getKey(), new Parameter(entry.getKey(), defaultValue, bound(declared.path("MinValue")),
          bound(declared.path("MaxValue")), declared.path("Description").asText("")));
    });
    return new TemplateParameters(defaults, parameters);
  }

  private static Double bound(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? null : Double.valueOf(value.asText());
  }

  /** Every parameter by name, in template order. */
  public Map<String, Parameter> parameters() {
    return parameters;
  }

  /** Parameter name → default value, in template order (parameters without a default left out). */
  public Map<String, String> defaults() {
    return defaults;
  }
}
