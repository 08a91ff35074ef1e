package io.datalakewlm.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The TOML that SAM CLI writes, read with the line of every value; anything else is a problem. */
class SamConfigTest {

  @Test
  void tablesStringsArraysAndCommentsAreReadWithTheirLines() {
    SamConfig config = SamConfig.read("""
        version = 0.1  # the format
        [prod.deploy.parameters]
        stack_name = 'wlm-prod'
        confirm_changeset = true
        parameter_overrides = [
          "A=1",   # first
          "B=\\"two words\\"",
        ]
        """, "samconfig.toml");
    assertEquals(List.of(), config.problems());
    SamConfig.Table prod = config.tables().get("prod.deploy.parameters");
    assertEquals(2, prod.line());
    assertEquals("wlm-prod", prod.entries().get("stack_name").value());
    assertEquals(Boolean.TRUE, prod.entries().get("confirm_changeset").value());
    List<SamConfig.Value> overrides = prod.entries().get("parameter_overrides").strings();
    assertEquals(List.of("A=1", "B=\"two words\""), overrides.stream().map(SamConfig.Value::value).toList());
    assertEquals(List.of(6, 7), overrides.stream().map(SamConfig.Value::line).toList());
    assertEquals(0.1, config.tables().get("").entries().get("version").value());
  }

  @Test
  void whatSamCliDoesNotWriteIsReportedWithItsLineAndTheRestIsStillRead() {
    SamConfig config = SamConfig.read("""
        [dev.deploy.parameters]
        tags = {a = 1}
        stack_name = "ok"
        [[arrays]]
        """, "samconfig.toml");
    assertEquals(2, config.problems().size(), config.problems().toString());
    assertEquals(2, config.problems().get(0).line());
    assertTrue(config.problems().get(0).message().contains("inline tables"), config.problems().toString());
    assertEquals(4, config.problems().get(1).line());
    assertEquals("ok", config.tables().get("dev.deploy.parameters").entries().get("stack_name").value());
  }
}
