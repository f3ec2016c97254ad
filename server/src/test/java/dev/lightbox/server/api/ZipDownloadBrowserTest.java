package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.BrowserPage;
import dev.lightbox.server.testing.Chromium;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery's selection mode in real Chromium: select two files by keyboard, "Download ZIP" posts the form
 * (with the session cookie, past the cross-site guard) and the browser saves the archive to disk while the
 * gallery stays where it was.
 */
class ZipDownloadBrowserTest {
  @TempDir
  Path dir;

  @Test
  void twoFilesSelectedByKeyboardArriveAsOneZip() throws Exception {
    Path chromium = Chromium.find();
    assumeTrue(chromium != null, "Chromium is not installed (apt-get install -y chromium): the browser test of"
        + " the ZIP download is skipped");
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start();
        Chromium browser = Chromium.launch(chromium, Files.createDirectories(dir.resolve("chromium")))) {
      Http admin = Users.admin(new Http(server.baseUri()));
      byte[] first = Files.readAllBytes(Media.file("photo/immich_picasa_tags.jpg"));
      byte[] second = Files.readAllBytes(Media.file("photo/immich_density_plot.png"));
      for (var upload : List.of(List.of("older.jpg", first), List.of("newer.png", second))) {
        HttpResponse<byte[]> r = admin.uploadMultipart((String) upload.get(0), (byte[]) upload.get(1));
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
      }
      assertThat(json(admin.get("/api/assets")).get("items")).hasSize(2);
      Path downloads = Files.createDirectories(dir.resolve("downloads"));
      browser.allowDownloads(downloads);

      BrowserPage page = browser.newPage();
      page.navigate(server.baseUri() + "/");
      page.waitFor("document.activeElement.id === 'login-email'", "the login form");
      page.type(TestServer.ADMIN_EMAIL);
      page.focus("#login-password");
      page.type(TestServer.ADMIN_PASSWORD);
      page.press("Enter");
      page.waitFor("document.querySelectorAll('#grid button.tile').length === 2", "two tiles");

      page.focus("#select-toggle");
      page.press("Enter");
      page.waitFor("!document.getElementById('zip-form').hidden", "the selection bar");
      assertThat(page.text("document.getElementById('zip-download').disabled")).isEqualTo("true");
      page.focus("#grid button.tile[tabindex='0']");
      page.press("Enter");
      page.press("ArrowRight");
      page.press("Enter");
      page.waitFor("document.querySelectorAll('#grid button.tile[aria-pressed=\"true\"]').length === 2"
          + " && document.getElementById('selection-count').textContent === '2 selected'", "two selected tiles");
      assertThat(page.text("document.getElementById('detail').open")).as("selecting opens nothing").isEqualTo("false");

      page.click("#zip-download");
      Path zip = awaitDownload(downloads);
      assertThat(zip.getFileName().toString()).isEqualTo("lightbox.zip");
      try (ZipFile z = new ZipFile(zip.toFile())) {
        assertThat(z.stream().map(ZipEntry::getName).toList()).containsExactly("newer.png", "older.jpg");
        try (InputStream in = z.getInputStream(z.getEntry("older.jpg"))) {
          assertThat(in.readAllBytes()).isEqualTo(first);
        }
      }
      assertThat(page.text("location.pathname")).as("the gallery stayed").isEqualTo("/");
      assertThat(page.text("document.getElementById('selection-count').textContent")).isEqualTo("2 selected");
      page.click("#selection-done");
      page.waitFor("document.querySelectorAll('#grid button.tile[aria-pressed]').length === 0"
          + " && document.getElementById('zip-form').hidden", "selection mode off");
      assertThat(browser.problems()).as("script errors or policy violations").isEmpty();
    }
  }

  /** The finished download (Chromium writes a .crdownload file first), waiting up to two minutes. */
  private static Path awaitDownload(Path downloads) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(downloads)) {
        List<Path> done = files.filter(f -> f.getFileName().toString().endsWith(".zip")).toList();
        if (!done.isEmpty()) {
          return done.getFirst();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no ZIP arrived in " + downloads + " within two minutes");
  }
}
