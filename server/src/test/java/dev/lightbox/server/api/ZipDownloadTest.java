package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.server.testing.ZipTools;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** POST/GET /api/downloads/zip over real HTTP: the archive's bytes, names, length and refusals. */
class ZipDownloadTest {
  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;

    @Test
    void aSelectionArrivesAsAStoredZipWithItsExactLengthAndUniqueNames() throws Exception {
      try (LightboxServer server = TestServer.on(database, dir).start()) {
        Http anonymous = new Http(server.baseUri());
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        Map<String, byte[]> uploaded = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (String[] f : new String[][] {{"photo/immich_picasa_tags.jpg", "holiday.jpg"},
            {"photo/exiftool_Google_Pixel8Pro_8x8.jpg", "holiday.jpg"}, {"photo/immich_density_plot.png",
            "../../plot \u202Egnp.png"}, {"photo/immich_thompson-springs_gps.jpg", "HOLIDAY.JPG"}}) {
          byte[] bytes = Files.readAllBytes(Media.file(f[0]));
          HttpResponse<byte[]> up = alice.uploadMultipart(f[1], bytes);
          assertThat(up.statusCode()).as(Http.text(up)).isEqualTo(201);
          ids.add(json(up).get("id").asText());
          uploaded.put(f[0], bytes);
        }
        List<byte[]> contents = List.copyOf(uploaded.values());

        HttpResponse<byte[]> r = alice.postJson("/api/downloads/zip", "{\"assetIds\":[\"" + String.join("\",\"", ids)
            + "\",\"" + ids.getFirst() + "\"],\"name\":\"Trip: 2024\"}");
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"Trip_ 2024.zip\"");
        assertThat(r.headers().firstValueAsLong("Content-Length")).as("announced exactly")
            .hasValue(r.body().length);
        Path zip = dir.resolve("selection.zip");
        Files.write(zip, r.body());
        List<String> names = List.of("holiday.jpg", "holiday (1).jpg", "plot gnp.png", "HOLIDAY (2).JPG");
        try (ZipFile z = new ZipFile(zip.toFile())) {
          assertThat(z.stream().map(ZipEntry::getName).toList()).as("the repeated id is in it once")
              .containsExactlyElementsOf(names);
          for (int i = 0; i < names.size(); i++) {
            ZipEntry e = z.getEntry(names.get(i));
            assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
            try (InputStream in = z.getInputStream(e)) {
              assertThat(in.readAllBytes()).isEqualTo(contents.get(i));
            }
          }
        }
        assertThat(ZipTools.python(zip)).extracting(ZipTools.PyEntry::name).containsExactlyElementsOf(names);
        ZipTools.unzipTest(zip);

        HttpResponse<byte[]> link = alice.get("/api/downloads/zip?ids=" + ids.get(0) + "," + ids.get(2)
            + "&name=two");
        assertThat(link.statusCode()).as(Http.text(link)).isEqualTo(200);
        assertThat(link.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"two.zip\"");
        assertThat(link.headers().firstValueAsLong("Content-Length")).hasValue(link.body().length);
        HttpResponse<byte[]> head = alice.head("/api/downloads/zip?ids=" + ids.get(0) + "," + ids.get(2));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(link.body().length);
        assertThat(head.body()).isEmpty();
      }
    }

    @Test
    void anAssetThatIsNotTheCallersRefusesTheWholeArchive() throws Exception {
      try (LightboxServer server = TestServer.on(database, dir).start()) {
        Http anonymous = new Http(server.baseUri());
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        Http bob = Users.userWithApiKey(anonymous, "bob@example.com");
        byte[] photo = Files.readAllBytes(Media.file("photo/immich_picasa_tags.jpg"));
        String mine = json(alice.uploadMultipart("mine.jpg", photo)).get("id").asText();
        String his = json(bob.uploadMultipart("his.jpg", photo)).get("id").asText();

        HttpResponse<byte[]> r = alice.postJson("/api/downloads/zip",
            "{\"assetIds\":[\"" + mine + "\",\"" + his + "\",\"no-such-id\"]}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(r).get("detail").asText()).startsWith("2 of the 3 assets asked for (")
            .contains(his, "no-such-id").doesNotContain(mine);
        assertThat(alice.postJson("/api/downloads/zip", "{\"assetIds\":[]}").statusCode()).isEqualTo(400);
        assertThat(alice.postJson("/api/downloads/zip", "{\"assetIds\":[7]}").statusCode()).isEqualTo(400);
        assertThat(alice.postJson("/api/downloads/zip", "{}").statusCode()).isEqualTo(400);
        assertThat(alice.get("/api/downloads/zip").statusCode()).isEqualTo(400);
        assertThat(bob.get("/api/downloads/zip?ids=" + mine).statusCode()).isEqualTo(404);
      }
    }

    @Test
    void theGallerysFormPostWorksWithTheSessionButNotFromAnotherSite() throws Exception {
      try (LightboxServer server = TestServer.on(database, dir).start()) {
        Http anonymous = new Http(server.baseUri());
        Users.userWithApiKey(anonymous, "alice@example.com");
        Http session = Users.login(anonymous, "alice@example.com", "password-alice@example.com");
        byte[] photo = Files.readAllBytes(Media.file("photo/immich_picasa_tags.jpg"));
        String id = json(session.send("POST", "/api/assets?filename=a.jpg", HttpRequest.BodyPublishers.ofByteArray(
            photo), "Content-Type", "image/jpeg", "Origin", server.baseUri().toString())).get("id").asText();
        String form = "assetIds=" + id + "&name=" + URLEncoder.encode("caf\u00e9 photos", StandardCharsets.UTF_8);

        HttpResponse<byte[]> own = session.send("POST", "/api/downloads/zip",
            HttpRequest.BodyPublishers.ofString(form), "Content-Type", "application/x-www-form-urlencoded",
            "Sec-Fetch-Site", "same-origin");
        assertThat(own.statusCode()).as(Http.text(own)).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Disposition")).hasValue(
            "attachment; filename=\"caf_ photos.zip\"; filename*=UTF-8''caf%C3%A9%20photos.zip");
        Path zip = dir.resolve("form.zip");
        Files.write(zip, own.body());
        try (ZipFile z = new ZipFile(zip.toFile())) {
          assertThat(z.getInputStream(z.getEntry("a.jpg")).readAllBytes()).isEqualTo(photo);
        }

        HttpResponse<byte[]> cross = session.send("POST", "/api/downloads/zip",
            HttpRequest.BodyPublishers.ofString(form), "Content-Type", "application/x-www-form-urlencoded",
            "Sec-Fetch-Site", "same-site");
        assertThat(cross.statusCode()).isEqualTo(403);
      }
    }
  }
}
