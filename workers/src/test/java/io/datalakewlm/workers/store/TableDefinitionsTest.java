package io.datalakewlm.workers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables come from sam-template.yaml, CloudFormation short-form tags and all. */
class TableDefinitionsTest {

  @Test
  void thePackagedTemplateDefinesEveryTableWithItsKeysAndIndexes() {
    TableDefinitions defs = TableDefinitions.fromClasspath();
    TableDefinition queue = defs.get(Table.QUEUE);
    assertEquals(new KeyAttribute("objectKey", "S"), queue.partition());
    assertNull(queue.sort());
    assertEquals(List.of("lane-index", "owner-index", "lease-index"),
        queue.indexes().stream().map(IndexDefinition::name).toList());
    assertEquals(new KeyAttribute("leaseExpiry", "N"), queue.index("lease-index").sort());
    assertEquals(new KeyAttribute("stageDay", "S"), defs.get(Table.STAGE_STATUS).sort());
    assertEquals("QueueTable", queue.logicalId());
    assertEquals(Table.values().length, defs.all().size());
  }

  @Test
  void aTemplateWithoutATableIsRefusedNamingIt() {
    String yaml = """
        Resources:
          Prio:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: !Sub 'octagon-wlm-${Environment}'
              AttributeDefinitions: [{AttributeName: name, AttributeType: S}]
              KeySchema: [{AttributeName: name, KeyType: HASH}]
          Role:
            Type: AWS::IAM::Role
            Properties:
              RoleName: !Ref Something
        """;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableDefinitions.parse(yaml, "t.yaml"));
    assertTrue(e.getMessage().startsWith("t.yaml: no AWS::DynamoDB::Table named 'octagon-Dataset-${Environment}'"),
        e.getMessage());
  }

  @Test
  void aKeyWithoutAnAttributeDefinitionIsRefused() {
    String yaml = """
        Resources:
          Prio:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: !Sub 'octagon-wlm-${Environment}'
              KeySchema: [{AttributeName: name, KeyType: HASH}]
        """;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableDefinitions.parse(yaml, "t.yaml"));
    assertEquals("t.yaml: Resources.Prio.Properties.KeySchema: key attribute name is missing from AttributeDefinitions",
        e.getMessage());
  }
}
