package dev.lightbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gallery's files over HTTP: types, caching, security headers, fallbacks, and the API left as it was. */
class WebAppTest {
  @TempDir
  Path dir;

  @Test
  void thePageAndItsFilesAreServedWithTypesCachingAndAStrictPolicy() {
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start()) {
      Http browser = new Http(server.baseUri());
      HttpResponse<byte[]> page = browser.get("/", "Accept", "text/html");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
      String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval", "*");
      String html = Http.text(page);
      assertThat(html).contains("<script type=\"module\" src=\"/ui/app.js\"></script>");
      assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).as("no inline script").isFalse();
      assertThat(html).doesNotContain(" style=", " onclick=", " onload=");

      HttpResponse<byte[]> script = browser.get("/ui/app.js");
      assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
      String etag = script.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).matches("\"[0-9a-f]{32}\"");
      HttpResponse<byte[]> again = browser.get("/ui/app.js", "If-None-Match", etag);
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(again.headers().firstValue("ETag")).hasValue(etag);
      assertThat(browser.get("/ui/app.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
      assertThat(browser.get("/ui/app.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
      assertThat(browser.get("/ui/icon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");

      HttpResponse<byte[]> head = browser.head("/ui/app.css");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValueAsLong("Content-Length").orElseThrow())
          .isEqualTo(browser.get("/ui/app.css").body().length);
      assertThat(browser.get("/index.html").body()).isEqualTo(page.body());
    }
  }

  @Test
  void unknownPathsFallBackAndTheApiAnswersAsBefore() {
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start()) {
      Http browser = new Http(server.baseUri());
      HttpResponse<byte[]> missingFile = browser.get("/ui/missing.js");
      assertThat(missingFile.statusCode()).isEqualTo(404);
      assertThat(missingFile.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
      assertThat(missingFile.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

      HttpResponse<byte[]> navigation = browser.get("/photos/2024", "Accept", "text/html,application/xhtml+xml");
      assertThat(navigation.statusCode()).isEqualTo(404);
      assertThat(navigation.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(Http.text(navigation)).contains("href=\"/\"");

      HttpResponse<byte[]> apiClient = browser.get("/photos/2024", "Accept", "application/json");
      assertThat(apiClient.statusCode()).isEqualTo(404);
      assertThat(apiClient.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      HttpResponse<byte[]> unknownApi = browser.get("/api/nothing-here", "Accept", "text/html");
      assertThat(unknownApi.statusCode()).isEqualTo(404);
      assertThat(unknownApi.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      HttpResponse<byte[]> protectedRoute = browser.get("/api/assets", "Accept", "text/html");
      assertThat(protectedRoute.statusCode()).as("a browser asking an API route gets the API's answer").isEqualTo(401);
      assertThat(protectedRoute.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(browser.get("/health", "Accept", "text/html").statusCode()).isEqualTo(200);
      HttpResponse<byte[]> post = browser.send("POST", "/", HttpRequest.BodyPublishers.noBody());
      assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      HttpResponse<byte[]> metrics = browser.get("/metrics", TestServer.METRICS_AUTHORIZATION);
      assertThat(Http.text(metrics)).contains("route=\"/ui\"");
    }
  }

  @Test
  void everyFileInTheWebFolderIsListedAndEveryModuleImportResolves() throws IOException, URISyntaxException {
    Path folder = Path.of(WebFiles.class.getResource("/web/index.html").toURI()).getParent();
    Set<String> present = new HashSet<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(p -> present.add(p.getFileName().toString()));
    }
    assertThat(present).containsExactlyInAnyOrderElementsOf(WebFiles.NAMES);
    Pattern imports = Pattern.compile("(?:import|from)\\s+'\\./([^']+)'");
    for (String name : WebFiles.NAMES) {
      if (name.endsWith(".js")) {
        Matcher m = imports.matcher(Files.readString(folder.resolve(name), StandardCharsets.UTF_8));
        while (m.find()) {
          assertThat(WebFiles.NAMES).as("imported by " + name).contains(m.group(1));
        }
      }
    }
  }
}
