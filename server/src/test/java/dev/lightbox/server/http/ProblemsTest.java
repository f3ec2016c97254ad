package dev.lightbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.ingest.UploadSpooler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The error mappings: a broken-off multipart body, Jetty's own protocol errors, their titles and details. */
class ProblemsTest {
  @TempDir
  Path dir;

  @Test
  void aMultipartBodyThatBreaksOffIsTheClientsErrorAndLeavesNoTempFile() throws Exception {
    UploadSpooler spooler = new UploadSpooler(dir, 1 << 20);
    String head = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n";
    InputStream brokenOff = new SequenceInputStream(new ByteArrayInputStream((head + "x".repeat(5_000))
        .getBytes(StandardCharsets.US_ASCII)), new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("Early EOF"); // what Jetty's body stream throws when the client goes away
          }
        });
    assertThatThrownBy(() -> MultipartUpload.read("multipart/form-data; boundary=b", brokenOff, spooler))
        .isInstanceOfSatisfying(ServerException.class, e -> {
          assertThat(e.kind()).isEqualTo(ServerException.Kind.INVALID_INPUT);
          assertThat(Problems.status(e.kind())).isEqualTo(400);
          assertThat(e.getMessage()).contains("ended early", "send the file again");
        });
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).as("the spooled part is removed").isEmpty();
    }
  }

  @Test
  void jettysProtocolErrorsAreTitledAndExplainedForWhatTheyAre() throws Exception {
    JsonNode version = new ObjectMapper().readTree(Problems.body(505, Problems.protocolDetail(505, "Unknown Version")));
    assertThat(version.get("title").asText()).isEqualTo("HTTP Version Not Supported");
    assertThat(version.get("detail").asText()).contains("HTTP/1.1").doesNotContain("log");
    assertThat(Problems.title(431)).isEqualTo("Request Header Fields Too Large");
    assertThat(Problems.title(414)).isEqualTo("URI Too Long");
    assertThat(Problems.title(500)).isEqualTo("Internal Server Error");
    assertThat(Problems.protocolDetail(400, "Bad Request Line")).isEqualTo("the request could not be read: Bad Request Line");
    assertThat(Problems.protocolDetail(500, null)).contains("in its log");
  }

  @Test
  void everyKindHasAStatusWithATitleOfItsOwn() {
    for (ServerException.Kind kind : ServerException.Kind.values()) {
      int status = Problems.status(kind);
      assertThat(Problems.title(status)).as(kind + " -> " + status).isNotIn("Error", "Server Error");
    }
    assertThat(Problems.status(ServerException.Kind.RANGE_NOT_SATISFIABLE)).isEqualTo(416);
  }
}
