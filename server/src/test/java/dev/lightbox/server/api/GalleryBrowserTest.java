package dev.lightbox.server.api;

import static dev.lightbox.server.testing.BrowserPage.quote;
import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.media.MediaConfig;
import dev.lightbox.media.MediaProcessors;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.BrowserPage;
import dev.lightbox.server.testing.Chromium;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web gallery in a real headless Chromium, over the DevTools protocol: log in through the form, upload
 * an AI image with the file picker and by dropping it, see its thumbnail, open it with the keyboard, read its prompt, search,
 * filter, delete, log out; with no script error and no Content-Security-Policy violation on the way.
 */
class GalleryBrowserTest {
  private static final String GRID_TILES = "document.querySelectorAll('#grid button.tile').length";

  @TempDir
  Path dir;

  @Test
  void aUserLogsInUploadsFindsOpensDeletesAndLogsOutInChromium() throws Exception {
    Path chromium = Chromium.find();
    assumeTrue(chromium != null, "Chromium is not installed (apt-get install -y chromium): the browser test of"
        + " the web gallery is skipped");
    Path png = Media.file("ai/forge-classic_text.png");
    Path notMedia = Files.writeString(dir.resolve("notes.txt"), "not a picture\n".repeat(50));
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir)
        .media(MediaProcessors.create(MediaConfig.defaults(dir.resolve("media-tmp"))));
    try (LightboxServer server = t.start();
        Chromium browser = Chromium.launch(chromium, Files.createDirectories(dir.resolve("chromium")))) {
      Http admin = Users.admin(new Http(server.baseUri()));
      BrowserPage page = browser.newPage();
      page.navigate(server.baseUri() + "/");

      // Log in through the form, by keyboard; a wrong password shows the server's own words first.
      page.waitFor("!document.getElementById('login-view').hidden && document.activeElement.id === 'login-email'",
          "the login form with the email field focused");
      page.type(TestServer.ADMIN_EMAIL);
      page.focus("#login-password");
      page.type("not-the-password");
      page.press("Enter");
      String loginError = page.waitFor("document.getElementById('login-error').textContent", "a login error")
          .asText();
      assertThat(loginError).isEqualTo(json(new Http(server.baseUri()).postJson("/api/auth/login",
          "{\"email\":\"" + TestServer.ADMIN_EMAIL + "\",\"password\":\"wrong\"}")).get("detail").asText());
      page.type(TestServer.ADMIN_PASSWORD); // the wrong password is selected, so this replaces it
      page.press("Enter");
      page.waitFor("!document.getElementById('gallery-view').hidden && !document.getElementById('empty').hidden",
          "the empty gallery");
      assertThat(page.text("document.getElementById('user-name').textContent")).isNotBlank();

      // Upload through the file picker: stored; then drop the same file (a duplicate) and a text file (refused).
      page.chooseFiles("#file-input", List.of(png));
      page.waitFor("document.querySelector('#upload-list li[data-outcome]')", "the upload to finish");
      assertThat(page.text("document.querySelector('#upload-list li').dataset.outcome"))
          .as(page.text("document.querySelector('#upload-list li').textContent") + browser.problems()).isEqualTo("stored");
      JsonNode stored = json(admin.get("/api/assets")).get("items").get(0);
      String id = stored.get("id").asText();
      String prompt = stored.get("aiPrompt").asText();
      assertThat(prompt).isNotBlank();
      page.waitFor(GRID_TILES + " === 1", "the new thumbnail in the grid");
      int thumbnailWidth = page.waitFor("(() => { const img = document.querySelector('#grid img');"
          + " return img && img.complete && img.naturalWidth; })()", "the thumbnail to load").asInt();
      assertThat(thumbnailWidth).as("a decoded thumbnail").isPositive();
      assertThat(page.text("document.querySelector('#grid img').alt")).contains(stored.get("fileName").asText());

      page.dropFiles(List.of(png, notMedia));
      page.waitFor("document.querySelectorAll('#upload-list li[data-outcome]').length === 3", "two more uploads");
      assertThat(page.text("document.querySelectorAll('#upload-list li')[1].dataset.outcome")).isEqualTo("duplicate");
      assertThat(page.text("document.querySelectorAll('#upload-list .upload-status')[1].textContent"))
          .isEqualTo("Already in your library");
      String refused = page.text("document.querySelector('#upload-list li[data-outcome=failed] .upload-status')"
          + ".textContent");
      assertThat(refused).isEqualTo(json(admin.uploadRaw("/api/assets?filename=notes.txt", notMedia))
          .get("detail").asText());
      assertThat(page.eval(GRID_TILES).asInt()).as("a duplicate adds no tile").isEqualTo(1);

      // Open it from the grid with the keyboard, read the metadata, close with Escape.
      page.focus("#grid button.tile[tabindex='0']");
      page.press("Enter");
      page.waitFor("document.getElementById('detail').open && document.querySelector('#detail-ai-meta"
          + " [data-field=prompt]')", "the detail view with the prompt");
      assertThat(page.text("document.querySelector('#detail-ai-meta [data-field=prompt]').textContent"))
          .isEqualTo(prompt);
      assertThat(page.text("document.querySelector('#detail-meta [data-field=dimensions]').textContent"))
          .isEqualTo("1024 × 1024");
      assertThat(page.text("document.getElementById('detail-download').getAttribute('href')"))
          .isEqualTo("/api/assets/" + id + "/original");
      assertThat(page.waitFor("(() => { const img = document.getElementById('detail-image');"
          + " return img.complete && img.naturalWidth; })()", "the preview to load").asInt()).isPositive();
      assertThat(page.text("new URL(location.href).searchParams.get('asset')")).isEqualTo(id);
      page.press("Escape");
      page.waitFor("!document.getElementById('detail').open && document.activeElement.dataset.id === "
          + quote(id), "the dialog to close and the tile to have the focus again");

      // Search by a word of the prompt, then by a word that is in no prompt; filter by media type.
      String word = java.util.Arrays.stream(prompt.split("[^A-Za-z]+")).filter(w -> w.length() > 3)
          .findFirst().orElseThrow();
      search(page, word);
      page.waitFor("new URL(location.href).searchParams.get('q') === " + quote(word) + " && " + GRID_TILES
          + " === 1", "one result for '" + word + "'");
      search(page, "zzqqxxnothing");
      page.waitFor("!document.getElementById('empty').hidden && " + GRID_TILES + " === 0", "no result");
      search(page, "");
      page.waitFor(GRID_TILES + " === 1", "the whole library again");
      page.eval("(() => { const s = document.getElementById('media-type'); s.value = 'video';"
          + " s.dispatchEvent(new Event('change')); })()");
      page.waitFor("!document.getElementById('empty').hidden && " + GRID_TILES + " === 0", "no videos");
      page.eval("(() => { const s = document.getElementById('media-type'); s.value = 'image';"
          + " s.dispatchEvent(new Event('change')); })()");
      page.waitFor(GRID_TILES + " === 1", "the image under the image filter");

      // Delete it: the Delete key asks first, then it is gone from the page and the library.
      page.click("#grid button.tile");
      page.waitFor("document.getElementById('detail').open && document.getElementById('detail-title').textContent === "
          + quote(stored.get("fileName").asText()), "the detail view again");
      page.press("Delete");
      page.waitFor("document.getElementById('confirm-delete').open", "the confirmation");
      page.click("#confirm-ok");
      page.waitFor("!document.getElementById('detail').open && " + GRID_TILES + " === 0", "the tile to go");
      assertThat(Http.text(admin.get("/api/assets"))).as("out of the library").doesNotContain(id);
      assertThat(Http.text(admin.get("/api/trash"))).as("in the trash, restorable").contains(id);

      // Log out: the login form is back and the session no longer works.
      page.click("#logout");
      page.waitFor("!document.getElementById('login-view').hidden", "the login form after logging out");
      assertThat(page.eval("fetch('/api/me').then(r => r.status)").asInt()).isEqualTo(401);

      assertThat(browser.problems()).as("script errors or policy violations; chromium log:\n" + browser.log())
          .isEmpty();
    }
  }

  @Test
  void aDeepLinkSurvivesTheLoginAndTheGridPagesAndMovesByKeyboard() throws Exception {
    Path chromium = Chromium.find();
    assumeTrue(chromium != null, "Chromium is not installed (apt-get install -y chromium): the browser test of"
        + " the web gallery is skipped");
    byte[] tiny = Files.readAllBytes(Media.file("ai/sdparsers_a1111_1x1.png"));
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start();
        Chromium browser = Chromium.launch(chromium, Files.createDirectories(dir.resolve("chromium")))) {
      Http admin = Users.admin(new Http(server.baseUri()));
      int count = 65; // more than one page of 60
      try (var uploads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
          byte[] distinct = java.util.Arrays.copyOf(tiny, tiny.length + 4);
          java.nio.ByteBuffer.wrap(distinct, tiny.length, 4).putInt(i);
          Path file = Files.write(dir.resolve("p-" + i + ".png"), distinct);
          String path = "/api/assets?filename=p-" + i + ".png";
          statuses.add(uploads.submit(() -> admin.uploadRaw(path, file).statusCode()));
        }
        for (var status : statuses) {
          assertThat(status.get()).isEqualTo(201);
        }
      }
      JsonNode firstPage = json(admin.get("/api/assets?limit=3")).get("items");
      String second = firstPage.get(1).get("id").asText();

      BrowserPage page = browser.newPage();
      page.navigate(server.baseUri() + "/?asset=" + second);
      page.waitFor("document.activeElement.id === 'login-email'", "the login form");
      page.type(TestServer.ADMIN_EMAIL);
      page.focus("#login-password");
      page.type(TestServer.ADMIN_PASSWORD);
      page.press("Enter");
      page.waitFor("document.getElementById('detail').open && document.getElementById('detail-title').textContent"
          + " === " + quote(firstPage.get(1).get("fileName").asText()) + " && !document.getElementById('detail-next')"
          + ".disabled", "the linked asset after logging in, with a next one");
      page.press("ArrowRight");
      page.waitFor("document.getElementById('detail-title').textContent === "
          + quote(firstPage.get(2).get("fileName").asText()), "the next asset after ArrowRight");
      page.press("Escape");
      page.waitFor("!document.getElementById('detail').open && document.activeElement.dataset.id === "
          + quote(firstPage.get(2).get("id").asText()), "the focus on the last viewed tile");

      page.waitFor(GRID_TILES + " >= 60", "the first page");
      page.eval("window.scrollTo(0, document.body.scrollHeight)");
      page.waitFor(GRID_TILES + " === " + count + " && document.getElementById('load-more').hidden",
          "the second page as the end of the grid comes into view");
      assertThat(page.eval("document.querySelectorAll('#grid button.tile[tabindex=\"0\"]').length").asInt())
          .as("the grid is one tab stop").isEqualTo(1);
      page.press("Home");
      page.waitFor("document.activeElement === document.querySelector('#grid button.tile')", "the first tile");
      page.press("ArrowRight");
      page.waitFor("document.activeElement === document.querySelectorAll('#grid button.tile')[1]", "the second tile");
      int columns = page.eval("(() => { const t = [...document.querySelectorAll('#grid button.tile')];"
          + " return t.filter(b => b.getBoundingClientRect().top === t[0].getBoundingClientRect().top).length; })()")
          .asInt();
      page.press("ArrowDown");
      page.waitFor("document.activeElement === document.querySelectorAll('#grid button.tile')[" + (1 + columns) + "]",
          "the tile below");
      page.press("End");
      page.waitFor("document.activeElement === document.querySelectorAll('#grid button.tile')[" + (count - 1) + "]",
          "the last tile");
      assertThat(browser.problems()).as("script errors or policy violations").isEmpty();
    }
  }

  private static void search(BrowserPage page, String text) {
    page.focus("#search");
    page.eval("document.getElementById('search').select()");
    if (text.isEmpty()) {
      page.eval("(() => { const s = document.getElementById('search'); s.value = '';"
          + " s.dispatchEvent(new Event('input')); })()");
    } else {
      page.type(text);
    }
  }
}
