package dev.lightbox.storage.s3.doctor;

/** The names of the doctor's rows, in the order it probes them. */
public final class Feature {
  public static final String AUTH = "auth";
  public static final String WRITES = "write access";
  public static final String PUT_GET = "put and get";
  public static final String LIST = "list";
  public static final String RANGE = "ranged get";
  public static final String MULTIPART = "multipart upload";
  public static final String PRESIGNED_GET = "presigned GET";
  public static final String PRESIGNED_PUT = "presigned PUT";
  public static final String BATCH_DELETE = "batch delete";
  public static final String CHECKSUM = "checksum header";
  public static final String SSE_S3 = "SSE-S3";
  public static final String SSE_KMS = "SSE-KMS";
  public static final String SSE_C = "SSE-C";
  public static final String SSE_C_REDIRECT = "SSE-C with redirects";
  public static final String OBJECT_LOCK = "Object Lock";
  public static final String CORS = "CORS";
  public static final String LIFECYCLE = "lifecycle rules";

  private Feature() {
  }
}
