package dev.lightbox.server.api;

import static dev.lightbox.server.testing.BrowserPage.quote;
import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.BrowserPage;
import dev.lightbox.server.testing.Chromium;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15.2 in real Chromium: a user logged in to the gallery opens a page served from another port of the
 * same host (same-site, so SameSite=Lax still sends the session cookie). That page posts an upload form, a
 * logout form and a credentialed fetch to Lightbox; the user's library and session are unchanged, while the
 * gallery's own upload and logout still work.
 */
class CrossSiteBrowserTest {
  @TempDir
  Path dir;

  @Test
  void aPageOnAnotherPortCannotUploadOrLogOutWithTheUsersCookie() throws Exception {
    Path chromium = Chromium.find();
    assumeTrue(chromium != null, "Chromium is not installed (apt-get install -y chromium): the cross-site browser"
        + " test is skipped");
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start();
        Chromium browser = Chromium.launch(chromium, Files.createDirectories(dir.resolve("chromium")))) {
      String lightbox = server.baseUri().toString();
      HttpServer evil = evilSite(server.baseUri().getHost(), lightbox);
      try {
        Http admin = Users.admin(new Http(server.baseUri()));
        BrowserPage gallery = browser.newPage();
        gallery.navigate(lightbox + "/");
        assertThat(gallery.eval(fetchStatus("/api/auth/login", "{method: 'POST', headers: {'Content-Type':"
            + " 'application/json'}, body: JSON.stringify({email: " + quote(TestServer.ADMIN_EMAIL) + ", password: "
            + quote(TestServer.ADMIN_PASSWORD) + "})}")).asInt()).as("the gallery's own login").isEqualTo(200);

        BrowserPage attacker = browser.newPage();
        attacker.navigate("http://" + server.baseUri().getHost() + ":" + evil.getAddress().getPort() + "/evil.html");
        // A refused logout fires the frame's load event; a successful one (204) would not, so the wait also
        // ends when the session is gone, and the assertions below then say what the page did.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (attacker.eval("window.attackDone").asInt() < 3
            && gallery.eval(fetchStatus("/api/me", "{}")).asInt() == 200 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }

        assertThat(gallery.eval(fetchStatus("/api/me", "{}")).asInt()).as("still logged in").isEqualTo(200);
        assertThat(json(admin.get("/api/assets")).get("items")).as("nothing was uploaded").isEmpty();
        assertThat(attacker.eval("window.attackDone").asInt()).as("all three forged requests were answered")
            .isEqualTo(3);

        assertThat(gallery.eval("(async () => { const form = new FormData(); form.append('file', new File("
            + "[new Uint8Array([0xFF, 0xD8, 0xFF, 0xD9])], 'own.jpg', {type: 'image/jpeg'}));"
            + " return (await fetch('/api/assets', {method: 'POST', body: form})).status; })()").asInt())
            .as("the gallery's own upload is not refused").isNotEqualTo(403);
        assertThat(gallery.eval(fetchStatus("/api/auth/logout", "{method: 'POST'}")).asInt()).isEqualTo(204);
        assertThat(gallery.eval(fetchStatus("/api/me", "{}")).asInt()).as("logged out by the gallery").isEqualTo(401);
      } finally {
        evil.stop(0);
      }
    }
  }

  private static String fetchStatus(String path, String options) {
    return "fetch(" + quote(path) + ", " + options + ").then(r => r.status)";
  }

  /** A page that forges an upload form, a logout form and a credentialed fetch to {@code target}. */
  private static HttpServer evilSite(String host, String target) throws java.io.IOException {
    String page = """
        <!doctype html><html><body>
        <iframe name="upload-frame"></iframe><iframe name="logout-frame"></iframe>
        <form id="upload" method="post" enctype="multipart/form-data" target="upload-frame" action="TARGET/api/assets">
        <input type="file" name="file"></form>
        <form id="logout" method="post" target="logout-frame" action="TARGET/api/auth/logout"></form>
        <script>
        window.attackDone = 0;
        const done = () => { window.attackDone++; };
        const file = new File([new Uint8Array([0xFF, 0xD8, 0xFF, 0xD9])], 'forged.jpg', {type: 'image/jpeg'});
        const picked = new DataTransfer(); picked.items.add(file);
        document.querySelector('#upload input').files = picked.files;
        document.querySelector('[name=upload-frame]').onload = () => {
          done();
          document.querySelector('[name=logout-frame]').onload = done;
          document.getElementById('logout').submit();
        };
        document.getElementById('upload').submit();
        const body = new FormData(); body.append('file', file);
        fetch('TARGET/api/assets', {method: 'POST', body, credentials: 'include', mode: 'no-cors'})
          .then(done, done);
        </script></body></html>
        """.replace("TARGET", target);
    HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 0);
    server.createContext("/evil.html", exchange -> {
      byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return server;
  }
}
