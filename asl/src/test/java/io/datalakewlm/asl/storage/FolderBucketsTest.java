package io.datalakewlm.asl.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder as S3: buckets are folders, keys paths, listed in S3's order; nothing escapes a bucket. */
class FolderBucketsTest {
  @TempDir Path root;

  @Test
  void anObjectPutIsReadBackAndListedUnderItsPrefixInUtf8ByteOrder() throws Exception {
    Files.createDirectories(root.resolve("b"));
    FolderBuckets buckets = new FolderBuckets(root);
    for (String key : List.of("in/z", "in/B", "in/a/1", "in/é", "other")) {
      buckets.put("b", key, key.getBytes(StandardCharsets.UTF_8));
    }
    assertArrayEquals("in/a/1".getBytes(StandardCharsets.UTF_8), buckets.get("b", "in/a/1"));
    assertEquals(List.of("in/B", "in/a/1", "in/z", "in/é"), buckets.list("b", "in/").stream().map(StoredObject::key).toList());
    try (var files = Files.list(root.resolve("b/in"))) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")), "no partial file is left");
    }
  }

  @Test
  void missingBucketsAndKeysAndKeysLeavingTheBucketAreRefusedWithS3sReason() throws IOException {
    Files.createDirectories(root.resolve("b/dir"));
    FolderBuckets buckets = new FolderBuckets(root);
    assertEquals(StorageException.Reason.NO_SUCH_BUCKET, assertThrows(StorageException.class, () -> buckets.get("nope", "k")).reason());
    assertEquals(StorageException.Reason.NO_SUCH_KEY, assertThrows(StorageException.class, () -> buckets.get("b", "k")).reason());
    assertEquals(StorageException.Reason.NO_SUCH_KEY, assertThrows(StorageException.class, () -> buckets.get("b", "dir")).reason());
    assertEquals(StorageException.Reason.INVALID_NAME,
        assertThrows(StorageException.class, () -> buckets.put("b", "../escape", new byte[0])).reason());
    assertEquals(StorageException.Reason.INVALID_NAME, assertThrows(StorageException.class, () -> buckets.list("..", "")).reason());
    assertTrue(Files.notExists(root.resolve("escape")));
  }
}
