package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Library.ids;
import static dev.lightbox.server.testing.Library.upload;
import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.BrowserPage;
import dev.lightbox.server.testing.Chromium;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery's favourite toggle and rating, the Albums view (create, add from the detail view, open) and the
 * Trash view (restore, empty) in a real headless Chromium, with no script error or policy violation.
 */
class AlbumsTrashBrowserTest {
  private static final String GRID_TILES = "document.querySelectorAll('#grid button.tile').length";

  @TempDir
  Path dir;

  @Test
  void favouriteAlbumTrashRestoreAndEmptyInChromium() throws Exception {
    Path chromium = Chromium.find();
    assumeTrue(chromium != null, "Chromium is not installed: the browser test of the gallery is skipped");
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start();
        Chromium browser = Chromium.launch(chromium, Files.createDirectories(dir.resolve("chromium")))) {
      Http admin = Users.admin(new Http(server.baseUri()));
      String first = upload(admin, "first");
      String second = upload(admin, "second");
      BrowserPage page = browser.newPage();
      page.navigate(server.baseUri() + "/");
      page.waitFor("!document.getElementById('login-view').hidden", "the login form");
      page.focus("#login-email");
      page.type(TestServer.ADMIN_EMAIL);
      page.focus("#login-password");
      page.type(TestServer.ADMIN_PASSWORD);
      page.press("Enter");
      page.waitFor(GRID_TILES + " === 2", "the two files");

      // Favourite and rating from the detail view.
      page.eval("document.querySelector('#grid button.tile[data-id=\"" + first + "\"]').click()");
      page.waitFor("document.getElementById('detail').open && document.getElementById('detail-rating').value === '0'",
          "the detail view");
      page.click("#detail-favorite");
      page.waitFor("document.getElementById('detail-favorite').getAttribute('aria-pressed') === 'true'",
          "the favourite toggle on");
      page.eval("(() => { const s = document.getElementById('detail-rating'); s.value = '4';"
          + " s.dispatchEvent(new Event('change')); })()");
      page.waitFor("document.getElementById('status').textContent === 'Rated 4 of 5'", "the rating saved");
      assertThat(json(admin.get("/api/assets/" + first)).get("rating").asInt()).isEqualTo(4);
      page.press("Escape");
      page.click("nav.views button[data-view=favorites]");
      page.waitFor(GRID_TILES + " === 1 && document.querySelector('#grid button.tile').dataset.id === '" + first + "'",
          "only the favourite");

      // Create an album in the Albums view, add the file to it from the detail view, open the album.
      page.click("nav.views button[data-view=albums]");
      page.waitFor("!document.getElementById('albums-none').hidden", "no albums yet");
      page.focus("#album-name");
      page.type("Holidays");
      page.press("Enter");
      page.waitFor("document.querySelectorAll('#album-list button.album').length === 1", "the new album");
      page.click("nav.views button[data-view=library]");
      page.waitFor(GRID_TILES + " === 2", "the library");
      page.eval("document.querySelector('#grid button.tile[data-id=\"" + second + "\"]').click()");
      page.waitFor("document.getElementById('detail').open && document.getElementById('detail-album').options.length"
          + " === 2", "the album choice");
      page.eval("document.getElementById('detail-album').selectedIndex = 1");
      page.click("#detail-album-add");
      page.waitFor("document.getElementById('status').textContent === 'Added to Holidays'", "added to the album");
      page.press("Escape");
      page.click("nav.views button[data-view=albums]");
      page.waitFor("document.querySelector('#album-list button.album') && document.querySelector('#album-list"
          + " button.album').textContent.includes('1 item')", "the album with one item");
      page.click("#album-list button.album");
      page.waitFor(GRID_TILES + " === 1 && document.getElementById('view-title').textContent === 'Album: Holidays'",
          "the album's file in the grid");

      // Delete moves to the trash; the Trash view restores; emptying deletes for good.
      page.click("nav.views button[data-view=library]");
      page.waitFor(GRID_TILES + " === 2", "the library");
      page.eval("document.querySelector('#grid button.tile[data-id=\"" + second + "\"]').click()");
      page.waitFor("document.getElementById('detail').open", "the detail view");
      page.press("Delete");
      page.waitFor("document.getElementById('confirm-delete').open", "the confirmation");
      assertThat(page.text("document.getElementById('confirm-text').textContent")).contains("trash");
      page.click("#confirm-ok");
      page.waitFor("!document.getElementById('detail').open && " + GRID_TILES + " === 1", "the tile to go");
      page.click("nav.views button[data-view=trash]");
      page.waitFor("document.querySelectorAll('#trash-list button[data-restore]').length === 1", "one in the trash");
      page.click("#trash-list button[data-restore]");
      page.waitFor("!document.getElementById('trash-none').hidden", "the trash empty after restoring");
      assertThat(ids(admin, "/api/assets")).containsExactlyInAnyOrder(first, second);

      admin.delete("/api/assets/" + second);
      page.click("nav.views button[data-view=library]");
      page.click("nav.views button[data-view=trash]");
      page.waitFor("document.querySelectorAll('#trash-list button[data-restore]').length === 1", "one in the trash");
      page.click("#trash-empty");
      page.waitFor("!document.getElementById('trash-empty-confirm').hidden", "the confirmation");
      page.click("#trash-empty-confirm");
      page.waitFor("!document.getElementById('trash-none').hidden", "the trash emptied");
      assertThat(admin.get("/api/assets/" + second).statusCode()).isEqualTo(404);
      assertThat(browser.problems()).as("script errors or policy violations; chromium log:\n" + browser.log())
          .isEmpty();
    }
  }
}
