package dev.lightbox.storage.s3.internal;

import dev.lightbox.storage.SseMode;
import dev.lightbox.storage.s3.Encryption;
import dev.lightbox.storage.s3.SseCustomerKey;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Puts the store's encryption on each kind of request, as S3 wants it: SSE-S3 and SSE-KMS only where an
 * object is written (S3 refuses them on reads); an SSE-C key on every request that touches the object's
 * bytes, reads and heads included, and on both sides of a copy.
 */
final class SseHeaders {
  private static final String AES256 = "AES256";
  private final Encryption encryption;

  SseHeaders(Encryption encryption) {
    this.encryption = encryption;
  }

  private SseCustomerKey customerKey() {
    return encryption.isCustomerKey() ? encryption.customerKey() : null;
  }

  void put(PutObjectRequest.Builder b) {
    SseCustomerKey k = customerKey();
    if (k != null) {
      b.sseCustomerAlgorithm(AES256).sseCustomerKey(k.base64()).sseCustomerKeyMD5(k.md5Base64());
    } else if (encryption.mode() == SseMode.SSE_S3) {
      b.serverSideEncryption(ServerSideEncryption.AES256);
    } else if (encryption.mode() == SseMode.SSE_KMS) {
      b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(encryption.kmsKeyId());
    }
  }

  void create(CreateMultipartUploadRequest.Builder b) {
    SseCustomerKey k = customerKey();
    if (k != null) {
      b.sseCustomerAlgorithm(AES256).sseCustomerKey(k.base64()).sseCustomerKeyMD5(k.md5Base64());
    } else if (encryption.mode() == SseMode.SSE_S3) {
      b.serverSideEncryption(ServerSideEncryption.AES256);
    } else if (encryption.mode() == SseMode.SSE_KMS) {
      b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(encryption.kmsKeyId());
    }
  }

  void part(UploadPartRequest.Builder b) {
    SseCustomerKey k = customerKey();
    if (k != null) {
      b.sseCustomerAlgorithm(AES256).sseCustomerKey(k.base64()).sseCustomerKeyMD5(k.md5Base64());
    }
  }

  void complete(CompleteMultipartUploadRequest.Builder b) {
    SseCustomerKey k = customerKey();
    if (k != null) {
      b.sseCustomerAlgorithm(AES256).sseCustomerKey(k.base64()).sseCustomerKeyMD5(k.md5Base64());
    }
  }

  void get(GetObjectRequest.Builder b) {
    SseCustomerKey k = customerKey();
    if (k != null) {
      b.sseCustomerAlgorithm(AES256).sseCustomerKey(k.base64()).sseCustomerKeyMD5(k.md5Base64());
    }
  }

  void head(HeadObjectRequest.Builder b) {
    SseCustomerKey k = customerKey();
    if (k != null) {
      b.sseCustomerAlgorithm(AES256).sseCustomerKey(k.base64()).sseCustomerKeyMD5(k.md5Base64());
    }
  }

  void copy(CopyObjectRequest.Builder b) {
    SseCustomerKey k = customerKey();
    if (k != null) {
      b.sseCustomerAlgorithm(AES256).sseCustomerKey(k.base64()).sseCustomerKeyMD5(k.md5Base64())
          .copySourceSSECustomerAlgorithm(AES256).copySourceSSECustomerKey(k.base64())
          .copySourceSSECustomerKeyMD5(k.md5Base64());
    } else if (encryption.mode() == SseMode.SSE_S3) {
      b.serverSideEncryption(ServerSideEncryption.AES256);
    } else if (encryption.mode() == SseMode.SSE_KMS) {
      b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(encryption.kmsKeyId());
    }
  }

  void partCopy(UploadPartCopyRequest.Builder b) {
    SseCustomerKey k = customerKey();
    if (k != null) {
      b.sseCustomerAlgorithm(AES256).sseCustomerKey(k.base64()).sseCustomerKeyMD5(k.md5Base64())
          .copySourceSSECustomerAlgorithm(AES256).copySourceSSECustomerKey(k.base64())
          .copySourceSSECustomerKeyMD5(k.md5Base64());
    }
  }
}
