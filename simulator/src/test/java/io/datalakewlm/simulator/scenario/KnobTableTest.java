package io.datalakewlm.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's knob table and the schema file's knob definitions are what the catalogue makes
 * ({@link Knobs}, with sam-template.yaml for the wlm parameters). Run with {@code -Dknobs.write=true}
 * to rewrite both from the catalogue.
 */
class KnobTableTest {
  static final String REGENERATE = "mvn -o -B -pl simulator test -Dtest=KnobTableTest -Dknobs.write=true";
  private static final Path README = Path.of("README.md");
  private static final Path SCHEMA = Path.of("src/main/resources" + SchemaCheck.RESOURCE);
  private static final boolean WRITE = Boolean.getBoolean("knobs.write");

  @Test
  void theReadmeTableIsTheGeneratedOne() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int begin = readme.indexOf(KnobTable.BEGIN);
    int end = readme.indexOf(KnobTable.END);
    assertTrue(begin >= 0 && end > begin, "simulator/README.md has no " + KnobTable.BEGIN + " … " + KnobTable.END
        + " block (in its Knobs section)");
    String generated = "\n" + KnobTable.markdown();
    String current = readme.substring(begin + KnobTable.BEGIN.length(), end);
    if (WRITE && !current.equals(generated)) {
      Files.writeString(README, readme.substring(0, begin + KnobTable.BEGIN.length()) + generated
          + readme.substring(end), StandardCharsets.UTF_8);
      return;
    }
    assertEquals(generated, current, "simulator/README.md's knob table differs from the knob catalogue"
        + " (Knobs.java, sam-template.yaml); regenerate it with: " + REGENERATE);
  }

  @Test
  void theSchemaFileHoldsTheCataloguesKnobs() throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode file = json.readTree(SCHEMA.toFile());
    ObjectNode generated = (ObjectNode) file.deepCopy();
    KnobSchema.apply(generated);
    if (WRITE && !generated.equals(file)) {
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("")
          .withArrayEmptySeparator(""));
      printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
      printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
      Files.writeString(SCHEMA, json.writer(printer).writeValueAsString(generated), StandardCharsets.UTF_8);
      return;
    }
    List<String> stale = new ArrayList<>();
    generated.path("$defs").fieldNames().forEachRemaining(name -> {
      if (!generated.path("$defs").path(name).equals(file.path("$defs").path(name))) {
        stale.add(name);
      }
    });
    assertTrue(generated.equals(file), SCHEMA + ": $defs " + stale + " differ from the knob catalogue (Knobs.java,"
        + " sam-template.yaml); regenerate them with: " + REGENERATE);
  }
}
