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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin's "Libraries…" dialog in a real headless Chromium: opened by mouse and by keyboard (focus moves in,
 * Escape closes it and gives focus back), a folder added, its scan followed to the end, its assets in the grid,
 * a file removed from the folder and the library rescanned from the dialog (an "Offline" badge), the dialog
 * and the badge on a phone-sized screen, the library removed; a non-admin has no such button.
 */
class LibrariesBrowserTest {
  /** Scans, thumbnails and grid reloads run in the background: wait generously on a loaded machine. */
  private static final Duration BACKGROUND = Duration.ofMinutes(3);
  private static final String DIALOG = "document.getElementById('libraries')";
  private static final String ITEM = "document.querySelector('#library-list li.library')";
  private static final String TILES = "document.querySelectorAll('#grid button.tile')";
  private static final String FOCUS_IN_DIALOG = DIALOG + ".open && document.activeElement !== document.body"
      + " && " + DIALOG + ".contains(document.activeElement)";
  private static final String FOCUS_BACK = "!" + DIALOG + ".open"
      + " && document.activeElement === document.getElementById('libraries-button')";

  @TempDir
  Path dir;

  @Test
  void anAdminAddsRescansAndRemovesAFolderLibraryInTheDialog() throws Exception {
    Path chromium = Chromium.find();
    assumeTrue(chromium != null, "Chromium is not installed (apt-get install -y chromium): the browser test of"
        + " the Libraries dialog is skipped");
    Path folder = Files.createDirectories(dir.resolve("outputs"));
    Files.copy(Media.file("ai/forge-classic_text.png"), folder.resolve("render.png"));
    Files.copy(Media.file("photo/immich_picasa_tags.jpg"), folder.resolve("holiday.jpg"));
    Files.writeString(folder.resolve("notes.txt"), "not a picture\n");
    // No file-system watch and no periodic scan: the removed file is found by the dialog's Rescan.
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir)
        .media(MediaProcessors.create(MediaConfig.defaults(dir.resolve("media-tmp"))))
        .set("LIGHTBOX_LIBRARY_WATCH", "false").set("LIGHTBOX_LIBRARY_RESCAN_INTERVAL", "0");
    try (LightboxServer server = t.start();
        Chromium browser = Chromium.launch(chromium, Files.createDirectories(dir.resolve("chromium")))) {
      Http admin = Users.admin(new Http(server.baseUri()));
      BrowserPage page = browser.newPage();
      logIn(page, server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
      page.waitFor("!document.getElementById('empty').hidden", "the empty gallery");

      // By mouse: the dialog opens with the focus inside and says there is no library; Escape closes it.
      page.waitFor("!document.getElementById('libraries-button').hidden", "the Libraries button of an admin");
      page.mouseClick("#libraries-button");
      page.waitFor(FOCUS_IN_DIALOG, "the dialog open with the focus inside");
      page.waitFor("!document.getElementById('libraries-empty').hidden", "'No library yet.'");
      page.press("Escape");
      page.waitFor(FOCUS_BACK, "Escape to close the dialog and focus the button again");

      // By keyboard: Enter on the button, type the folder, Enter submits.
      page.focus("#libraries-button");
      page.press("Enter");
      page.waitFor(FOCUS_IN_DIALOG, "the dialog open (by keyboard) with the focus inside");
      page.focus("#library-name");
      page.type("Outputs");
      page.focus("#library-path");
      page.type(folder.toString());
      page.press("Enter");
      page.waitFor(ITEM + " && " + ITEM + ".querySelector('h3').textContent === 'Outputs'", "the new library listed");
      String counts = page.waitFor("(() => { const c = " + ITEM + ".querySelector('.counts').textContent;"
          + " return c.includes(' · idle · last scan') && c; })()", "the first scan to finish", BACKGROUND).asText();
      assertThat(counts).startsWith("2 online, 0 offline · idle · last scan")
          .contains(": 2 catalogued, 0 linked, 0 unchanged, 1 skipped, 0 errors").doesNotContain("undefined");
      assertThat(page.text(ITEM + ".querySelector('.where').textContent"))
          .isEqualTo("Folder " + folder + ", owner " + TestServer.ADMIN_EMAIL);
      assertThat(page.text("document.getElementById('libraries-empty').hidden")).isEqualTo("true");
      JsonNode library = json(admin.get("/api/libraries")).get("libraries").get(0);
      assertThat(library.get("lastScan").get("found").asInt()).isEqualTo(3);
      String libraryId = library.get("id").asText();

      // The grid behind the dialog shows the catalogued files, with their thumbnails.
      page.waitFor(TILES + ".length === 2", "the library's two assets in the grid", BACKGROUND);
      page.waitFor("[...document.querySelectorAll('#grid img')].every((i) => i.complete && i.naturalWidth > 0)",
          "the thumbnails to load", BACKGROUND);
      assertThat(page.text("document.querySelectorAll('#grid .badge-offline').length")).isEqualTo("0");

      // A file leaves the folder; Rescan (by mouse) finds it gone: an "Offline" badge on its tile.
      String renderId = assetId(admin, "render.png");
      Files.delete(folder.resolve("render.png"));
      page.mouseClick("#rescan-" + libraryId);
      page.waitFor("(() => { const c = " + ITEM + ".querySelector('.counts').textContent;"
          + " return c.startsWith('1 online, 1 offline · idle') && c.includes(': 0 catalogued'); })()",
          "the rescan to find the file gone", BACKGROUND);
      String offlineTile = "document.querySelector(" + quote("#grid button.tile[data-id=\"" + renderId + "\"]") + ")";
      page.waitFor(offlineTile + " && " + offlineTile + ".querySelector('.badge-offline')",
          "the Offline badge on the removed file's tile", BACKGROUND);
      assertThat(page.text(offlineTile + ".querySelector('.badge-offline').textContent")).isEqualTo("Offline");
      assertThat(page.text(offlineTile + ".title")).endsWith(", offline");
      assertThat(page.text("document.querySelectorAll('#grid .badge-offline').length")).isEqualTo("1");

      // On a phone: neither the dialog (folder or S3 form) nor the grid with its badge overflows sideways.
      page.phoneViewport(390, 844);
      page.waitFor("document.documentElement.clientWidth === 390", "the phone viewport");
      assertThat(overflowing(page, DIALOG)).as("the dialog on a phone").isEqualTo("[]");
      page.click("input[name=kind][value=s3]");
      page.waitFor("!document.querySelector('#library-form .s3-fields').hidden", "the S3 fields");
      assertThat(overflowing(page, DIALOG)).as("the dialog's S3 form on a phone").isEqualTo("[]");
      page.click("input[name=kind][value=disk]");
      page.press("Escape");
      page.waitFor(FOCUS_BACK, "Escape to close the dialog");
      assertThat(overflowing(page, "document.getElementById('gallery-view')")).as("the gallery on a phone")
          .isEqualTo("[]");
      assertThat(page.text("(() => { const b = " + offlineTile + ".querySelector('.badge-offline')"
          + ".getBoundingClientRect(); const t = " + offlineTile + ".getBoundingClientRect();"
          + " return b.left >= t.left && b.right <= t.right && b.top >= t.top && b.bottom <= t.bottom; })()"))
          .as("the badge inside its tile").isEqualTo("true");
      page.windowViewport();

      // Remove the library (after the browser's confirmation): its assets leave the grid, its files stay.
      page.focus("#libraries-button");
      page.press("Enter");
      page.waitFor(FOCUS_IN_DIALOG + " && " + ITEM, "the dialog open again, listing the library");
      String question = page.clickAndAcceptDialog("#remove-" + libraryId, BACKGROUND);
      assertThat(question).contains("Outputs").contains("files stay");
      page.waitFor("!document.getElementById('libraries-empty').hidden && !" + ITEM, "the library gone from the list",
          BACKGROUND);
      page.waitFor(TILES + ".length === 0 && !document.getElementById('empty').hidden", "an empty grid", BACKGROUND);
      assertThat(json(admin.get("/api/libraries")).get("libraries")).isEmpty();
      assertThat(folder.resolve("holiday.jpg")).as("the library's files are left alone").exists();
      page.press("Escape");
      page.waitFor(FOCUS_BACK, "Escape to close the dialog");
      assertThat(browser.problems()).as("script errors or policy violations").isEmpty();
    }
  }

  @Test
  void aUserWhoIsNotAnAdminHasNoLibrariesButton() throws Exception {
    Path chromium = Chromium.find();
    assumeTrue(chromium != null, "Chromium is not installed (apt-get install -y chromium): the browser test of"
        + " the Libraries dialog is skipped");
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start();
        Chromium browser = Chromium.launch(chromium, Files.createDirectories(dir.resolve("chromium")))) {
      Http admin = Users.admin(new Http(server.baseUri()));
      HttpResponse<byte[]> created = admin.postJson("/api/users",
          "{\"email\":\"bob@example.com\",\"name\":\"Bob\",\"password\":\"bob-password-1\"}");
      assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
      BrowserPage page = browser.newPage();
      logIn(page, server, "bob@example.com", "bob-password-1");
      page.waitFor("document.getElementById('user-name').textContent === 'Bob'", "Bob's gallery");
      assertThat(page.text("(() => { const b = document.getElementById('libraries-button');"
          + " return b.hidden && b.getClientRects().length === 0; })()")).as("no Libraries button").isEqualTo("true");
      assertThat(page.text(DIALOG + ".open")).isEqualTo("false");
      assertThat(browser.problems()).as("script errors or policy violations").isEmpty();
    }
  }

  private static void logIn(BrowserPage page, LightboxServer server, String email, String password) {
    page.navigate(server.baseUri() + "/");
    page.waitFor("document.activeElement.id === 'login-email'", "the login form");
    page.type(email);
    page.focus("#login-password");
    page.type(password);
    page.press("Enter");
    page.waitFor("!document.getElementById('gallery-view').hidden", "the gallery");
  }

  private static String assetId(Http user, String fileName) {
    for (JsonNode asset : json(user.get("/api/assets?limit=200")).get("items")) {
      if (asset.get("fileName").asText().equals(fileName)) {
        return asset.get("id").asText();
      }
    }
    throw new AssertionError("no asset named " + fileName);
  }

  /**
   * What inside {@code root} pokes out sideways (past the viewport or past the root itself, or makes the root
   * scroll sideways), as a JSON list; "[]" when nothing does.
   */
  private static String overflowing(BrowserPage page, String root) {
    return page.text("(() => { const root = " + root + "; const width = document.documentElement.clientWidth;"
        + " const box = root.getBoundingClientRect(); const bad = [];"
        + " if (box.left < -0.5 || box.right > width + 0.5) bad.push('the root: ' + box.left + '..' + box.right);"
        + " if (root.scrollWidth > root.clientWidth + 1) bad.push('scrolls sideways: ' + root.scrollWidth + ' > '"
        + " + root.clientWidth);"
        + " if (document.documentElement.scrollWidth > width + 1) bad.push('the page scrolls sideways: '"
        + " + document.documentElement.scrollWidth);"
        + " for (const e of root.querySelectorAll('*')) {"
        + "   if (e.getClientRects().length === 0 || e.closest('.visually-hidden')) continue;"
        + "   const r = e.getBoundingClientRect();"
        + "   if (r.right <= 0) continue;" // moved off to the left on purpose, as the skip link
        + "   if (r.left < Math.max(0, box.left) - 0.5 || r.right > Math.min(width, box.right) + 0.5)"
        + "     bad.push(e.tagName + (e.id ? '#' + e.id : '') + ' ' + e.className + ': ' + r.left + '..' + r.right);"
        + " }"
        + " return JSON.stringify(bad); })()");
  }
}
