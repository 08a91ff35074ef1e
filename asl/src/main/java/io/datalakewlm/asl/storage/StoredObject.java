package io.datalakewlm.asl.storage;

import java.time.Instant;

/**
 * One object as {@code ListObjectsV2} describes it.
 *
 * @param etag S3's ETag, quotes included: the MD5 of the content for an object written in one part
 * @param storageClass always {@code STANDARD} for objects that are not archived
 */
public record StoredObject(String key, long size, Instant lastModified, String etag, String storageClass) {}
