package dev.lightbox.storage;

/** Server-side encryption modes a store may support. */
public enum SseMode {
  /** Keys managed by the store (SSE-S3, AES256). */
  SSE_S3,
  /** Keys in a key management service, by key id (SSE-KMS). */
  SSE_KMS,
  /** A 256-bit key the client holds and sends with every request (SSE-C). */
  SSE_C
}
