package dev.lightbox.storage.s3.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lightbox.storage.StorageException;

/**
 * An SSE-C key travels in a signed request header, and two loggers print header values at DEBUG: the AWS
 * SDK's SigV4 signer (the canonical request) and Apache HttpClient's header and wire logs. While a store
 * holds an SSE-C key, those loggers are capped at INFO (Logback, and java.util.logging for the JDK's
 * HTTP client); with a logging backend that cannot be capped, opening the store fails instead of leaking.
 */
final class SecretSafeLogging {
  private static final Logger LOG = LoggerFactory.getLogger(SecretSafeLogging.class);
  static final List<String> HEADER_LOGGERS = List.of(
      "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner",
      "software.amazon.awssdk.auth.signer.internal.AbstractAws4Signer",
      "software.amazon.awssdk.auth.signer.Aws4Signer",
      "org.apache.hc.client5.http.headers",
      "org.apache.hc.client5.http.wire",
      "org.apache.http.headers",
      "org.apache.http.wire");
  private static final String JDK_HTTP_LOGGER = "sun.net.www.protocol.http.HttpURLConnection";

  private SecretSafeLogging() {
  }

  static void protectCustomerKey(String store) {
    for (String name : HEADER_LOGGERS) {
      Logger logger = LoggerFactory.getLogger(name);
      if (logger.isDebugEnabled() && (!capAtInfo(logger) || logger.isDebugEnabled())) {
        throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "open store", store, null,
            "logger '" + name + "' is at DEBUG and would print the SSE-C key with every request; set it to INFO");
      }
    }
    java.util.logging.Logger jdk = java.util.logging.Logger.getLogger(JDK_HTTP_LOGGER);
    if (jdk.isLoggable(java.util.logging.Level.FINE)) {
      jdk.setLevel(java.util.logging.Level.INFO);
      LOG.warn("capped logger '{}' at INFO while an SSE-C key is in use: it logs request headers", JDK_HTTP_LOGGER);
    }
  }

  /** Sets a Logback logger to INFO (by reflection: Logback is the application's choice, not ours). */
  private static boolean capAtInfo(Logger logger) {
    try {
      Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", false, logger.getClass().getClassLoader());
      Object info = levelClass.getField("INFO").get(null);
      logger.getClass().getMethod("setLevel", levelClass).invoke(logger, info);
      LOG.warn("capped logger '{}' at INFO while an SSE-C key is in use: at DEBUG it prints request headers",
          logger.getName());
      return true;
    } catch (ReflectiveOperationException | LinkageError notLogback) {
      return false;
    }
  }
}
