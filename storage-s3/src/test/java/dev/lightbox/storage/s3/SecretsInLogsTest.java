package dev.lightbox.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.testkit.S3MockServer;

/**
 * A full workload and a doctor run with every logger at DEBUG (the SDK's and the HTTP client's included),
 * captured, and scanned for the secret key, the SSE-C key and the presigned signatures. S3Mock runs as another process,
 * so only this process's own logging is captured.
 */
class SecretsInLogsTest {
  @Test
  void noSecretReachesTheLogsOrAnyMessage() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> messages = new ArrayList<>();
    List<String> signatures = new ArrayList<>();
    SseCustomerKey key = SseCustomerKey.random();
    String secret;
    try (S3MockServer server = S3MockServer.start(); var capture = DebugCapture.start(captured)) {
      secret = server.info().secretKey();
      S3Config config = S3Stores.config(server).keyPrefix("secrets").encryption(Encryption.sseC(key)).build();
      messages.add(config.toString());
      try (S3BlobStore store = S3BlobStore.open(config); HttpClient http = HttpClient.newHttpClient()) {
        messages.add(store.toString());
        Workload.run(store, http, messages, signatures);
      }
      var report = dev.lightbox.storage.s3.doctor.BucketDoctor.run(dev.lightbox.storage.s3.doctor.DoctorOptions.of(
          config, dev.lightbox.storage.s3.doctor.ServeMode.REDIRECT).withKmsKeyId(S3MockServer.KMS_KEY_ID)
          .withOrigins(List.of("https://a.example")));
      messages.add(dev.lightbox.storage.s3.doctor.DoctorTable.render(report));
      messages.add(report.toString());
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "secrets-in-logs-debug.log"), log);
    assertThat(log).as("DEBUG logging was captured").contains("DEBUG");
    List<String> secrets = new ArrayList<>(List.of(secret, key.base64(), HexFormat.of().formatHex(
        java.util.Base64.getDecoder().decode(key.base64()))));
    secrets.addAll(signatures);
    for (String s : secrets) {
      assertThat(log.lines().filter(line -> line.contains(s)).map(line -> line.replace(s, "<SECRET>")).toList())
          .as("log lines carrying a secret").isEmpty();
      assertThat(messages).as("messages and toString()").noneMatch(m -> m.contains(s));
    }
  }

  /** Everything a server does with a store, errors included; collects messages and presigned signatures. */
  static final class Workload {
    private static final Pattern SIGNATURE = Pattern.compile("X-Amz-Signature=([0-9a-f]+)");

    static void run(S3BlobStore store, HttpClient http, List<String> messages, List<String> signatures)
        throws Exception {
      byte[] small = new byte[1000];
      byte[] large = new byte[5 * 1024 * 1024 + 1];
      store.put(BlobKey.of("a.bin"), new ByteArrayInputStream(small), small.length,
          PutOptions.builder().metadata("caption", "café").build());
      store.put(BlobKey.of("b.bin"), new ByteArrayInputStream(large), -1, PutOptions.DEFAULTS);
      try (BlobStream in = store.get(BlobKey.of("a.bin"))) {
        in.readAllBytes();
      }
      try (BlobStream in = store.getRange(BlobKey.of("b.bin"), ByteRange.of(5, 10))) {
        in.readAllBytes();
      }
      messages.add(store.head(BlobKey.of("b.bin")).toString());
      store.copy(BlobKey.of("a.bin"), BlobKey.of("c.bin"));
      store.move(BlobKey.of("c.bin"), BlobKey.of("d.bin"));
      messages.add(store.list(ListRequest.of("")).toString());
      for (PresignedUrl url : List.of(store.presignGet(BlobKey.of("a.bin"), PresignRequest.expiringIn(Duration.ofMinutes(1))),
          store.presignPut(BlobKey.of("e.bin"), PresignRequest.expiringIn(Duration.ofMinutes(1))))) {
        messages.add(url.toString());
        Matcher m = SIGNATURE.matcher(url.url().toString());
        assertThat(m.find()).isTrue();
        signatures.add(m.group(1));
        HttpRequest.Builder request = HttpRequest.newBuilder(url.url());
        url.requiredHeaders().forEach(request::header);
        request.method(url.method(), url.method().equals("PUT") ? HttpRequest.BodyPublishers.ofByteArray(small)
            : HttpRequest.BodyPublishers.noBody());
        http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      }
      for (Runnable failing : List.<Runnable>of(
          () -> store.get(BlobKey.of("missing.bin")),
          () -> store.getRange(BlobKey.of("a.bin"), ByteRange.of(5000, 10)),
          () -> store.put(BlobKey.of("x.bin"), new ByteArrayInputStream(small), 999, PutOptions.DEFAULTS))) {
        try {
          failing.run();
        } catch (StorageException e) {
          messages.add(e.getMessage());
          messages.add(String.valueOf(e.getCause()));
        }
      }
      messages.add(store.applyLifecycleDefaults(LifecycleDefaults.recommended()).toString());
      messages.add(store.applyCors(CorsPolicy.forOrigins(List.of("https://a.example"))).toString());
      messages.add(store.deleteMany(List.of(BlobKey.of("a.bin"), BlobKey.of("b.bin"))).toString());
      messages.add(store.deletePrefix("d", false).toString());
    }
  }

  /** Root logger at DEBUG into a buffer until closed. */
  static final class DebugCapture implements AutoCloseable {
    private final Logger root;
    private final Level before;
    private final OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender;

    private DebugCapture(ByteArrayOutputStream out) {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      before = root.getLevel();
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern("%level %logger - %msg%n%ex");
      encoder.start();
      appender = new OutputStreamAppender<>();
      appender.setContext(context);
      appender.setEncoder(encoder);
      appender.setOutputStream(out);
      appender.start();
      root.addAppender(appender);
      root.setLevel(Level.DEBUG);
    }

    static DebugCapture start(ByteArrayOutputStream out) {
      return new DebugCapture(out);
    }

    @Override
    public void close() {
      root.setLevel(before);
      root.detachAppender(appender);
      appender.stop();
    }
  }
}
