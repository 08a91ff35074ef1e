package io.datalakewlm.asl.storage;

import java.util.List;

/**
 * The S3 buckets a local run reads items from and writes map run results to: objects named by
 * bucket and key, as an ItemReader's {@code getObject} and {@code listObjectsV2} and a
 * ResultWriter's {@code putObject} see them.
 */
public interface Buckets {
  /** The bytes of one object. */
  byte[] get(String bucket, String key) throws StorageException;

  /** The objects of {@code bucket} whose keys start with {@code prefix}, in S3's key order. */
  List<StoredObject> list(String bucket, String prefix) throws StorageException;

  /** Writes one object, replacing any object of the same key. */
  void put(String bucket, String key, byte[] content) throws StorageException;

  /** Where the buckets are, in words for a failure's cause (a folder, an endpoint). */
  String describe();
}
