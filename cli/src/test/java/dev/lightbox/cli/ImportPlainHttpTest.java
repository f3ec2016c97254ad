package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The import's HTTP client: no default TLS context for an http:// server, and redirects never followed. */
class ImportPlainHttpTest {
  @Test
  void httpServerGetsItsOwnTlsContextAndHttpsTheDefault() throws Exception {
    HttpClient plain = PlainHttp.client(URI.create("http://127.0.0.1:2283/"));
    assertThat(plain.sslContext()).isNotSameAs(SSLContext.getDefault());
    assertThat(plain.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(plain.proxy()).isEmpty();

    HttpClient tls = PlainHttp.client(URI.create("https://photos.example/"));
    assertThat(tls.sslContext()).isSameAs(SSLContext.getDefault());
    assertThat(tls.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
  }

  @Test
  void aRedirectToHttpsIsAnsweredNotFollowed() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Location", "https://127.0.0.1:1/api/assets/check");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      HttpResponse<String> r = PlainHttp.client(base).send(HttpRequest.newBuilder(base.resolve("/api/assets/check"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(302);
    } finally {
      server.stop(0);
    }
  }
}
