package io.datalakewlm.asl.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local folder standing in for S3: each subfolder of the root is a bucket and each file under
 * it an object, its key the file's path inside the bucket with {@code /} between folders. So
 * {@code ROOT/lake/in/a.csv} is object {@code in/a.csv} of bucket {@code lake}.
 *
 * <p>Caveats: a folder is never an object (S3's zero-byte "folder" keys do not exist here), keys
 * are listed in the order of their UTF-8 bytes as S3 lists them, the ETag is the MD5 of the
 * content (what S3 gives an object written in one part), LastModified is the file's modification
 * time, and a key that would leave its bucket ({@code ..}, an absolute path) is refused.
 */
public final class FolderBuckets implements Buckets {
  private final Path root;

  public FolderBuckets(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public String describe() {
    return "the folder " + root;
  }

  @Override
  public byte[] get(String bucket, String key) throws StorageException {
    Path file = object(bucket, key);
    try {
      if (Files.isDirectory(file)) {
        throw new StorageException(StorageException.Reason.NO_SUCH_KEY,
            "no object s3://" + bucket + "/" + key + " in " + describe() + ": " + file + " is a folder, not a file");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new StorageException(StorageException.Reason.NO_SUCH_KEY,
          "no object s3://" + bucket + "/" + key + " in " + describe() + " (no file " + file + ")");
    } catch (IOException e) {
      throw new StorageException(StorageException.Reason.IO_FAILURE,
          "cannot read s3://" + bucket + "/" + key + " from " + file + ": " + reason(e));
    }
  }

  @Override
  public List<StoredObject> list(String bucket, String prefix) throws StorageException {
    Path folder = bucket(bucket);
    String start = prefix == null ? "" : prefix;
    List<StoredObject> objects = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String key = keyOf(folder, file);
        if (key.startsWith(start)) {
          byte[] content = Files.readAllBytes(file);
          objects.add(new StoredObject(key, content.length, Files.getLastModifiedTime(file).toInstant(), etag(content),
              "STANDARD"));
        }
      }
    } catch (IOException e) {
      throw new StorageException(StorageException.Reason.IO_FAILURE,
          "cannot list s3://" + bucket + "/" + start + " in " + folder + ": " + reason(e));
    }
    objects.sort(Comparator.comparing(StoredObject::key, FolderBuckets::compareUtf8));
    return objects;
  }

  @Override
  public void put(String bucket, String key, byte[] content) throws StorageException {
    Path file = object(bucket, key);
    try {
      Files.createDirectories(file.getParent());
      // Written aside and moved in, so a reader never sees half an object.
      Path partial = Files.createTempFile(file.getParent(), ".put-", ".partial");
      Files.write(partial, content);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException(StorageException.Reason.IO_FAILURE,
          "cannot write s3://" + bucket + "/" + key + " to " + file + ": " + reason(e));
    }
  }

  // The bucket's folder, which must exist.
  private Path bucket(String bucket) throws StorageException {
    if (bucket == null || bucket.isEmpty() || bucket.contains("/") || bucket.contains("\\") || bucket.equals(".")
        || bucket.equals("..")) {
      throw new StorageException(StorageException.Reason.INVALID_NAME,
          "'" + bucket + "' is not a bucket name (a bucket is a folder directly under " + root + ")");
    }
    Path folder = root.resolve(bucket);
    if (!Files.isDirectory(folder)) {
      throw new StorageException(StorageException.Reason.NO_SUCH_BUCKET,
          "no bucket '" + bucket + "' in " + describe() + " (no folder " + folder + ")");
    }
    return folder;
  }

  // The file of an object, inside its bucket's folder.
  private Path object(String bucket, String key) throws StorageException {
    Path folder = bucket(bucket);
    if (key == null || key.isEmpty() || key.startsWith("/")) {
      throw new StorageException(StorageException.Reason.INVALID_NAME, "'" + key + "' is not an object key");
    }
    Path file = folder.resolve(key).normalize();
    if (!file.startsWith(folder) || file.equals(folder)) {
      throw new StorageException(StorageException.Reason.INVALID_NAME,
          "the key '" + key + "' leaves bucket '" + bucket + "'; keys with .. are not served from a folder");
    }
    return file;
  }

  private static String keyOf(Path folder, Path file) {
    return folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static String etag(byte[] content) {
    try {
      return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  private static int compareUtf8(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return message == null ? "an I/O error" : message;
  }
}
