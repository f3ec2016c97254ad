package dev.lightbox.server.downloads.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArchiveNamesTest {
  @Test
  void repeatedNamesGetANumberBeforeTheExtension() {
    ArchiveNames names = new ArchiveNames();
    assertThat(names.unique("cat.png")).isEqualTo("cat.png");
    assertThat(names.unique("cat.png")).isEqualTo("cat (1).png");
    assertThat(names.unique("CAT.PNG")).as("case-insensitive filesystems").isEqualTo("CAT (2).PNG");
    assertThat(names.unique("cat (3).png")).isEqualTo("cat (3).png");
    assertThat(names.unique("cat.png")).isEqualTo("cat (4).png");
    assertThat(names.unique("README")).isEqualTo("README");
    assertThat(names.unique("README")).isEqualTo("README (1)");
    assertThat(names.unique("caf\u00e9.jpg")).isEqualTo("caf\u00e9.jpg");
    assertThat(names.unique("cafe\u0301.jpg")).as("NFD of the same name").isEqualTo("caf\u00e9 (1).jpg");
  }

  @Test
  void namesAreMadeSafe() {
    assertThat(ArchiveNames.safe("../../etc/passwd")).isEqualTo("passwd");
    assertThat(ArchiveNames.safe("C:\\Users\\x\\photo.jpg")).isEqualTo("photo.jpg");
    assertThat(ArchiveNames.safe("..")).isEqualTo("file");
    assertThat(ArchiveNames.safe("")).isEqualTo("file");
    assertThat(ArchiveNames.safe(null)).isEqualTo("file");
    assertThat(ArchiveNames.safe(".hidden")).isEqualTo("hidden");
    assertThat(ArchiveNames.safe("evil\u202Egpj.exe")).isEqualTo("evilgpj.exe");
    assertThat(ArchiveNames.safe("a\u0000b\nc\u007f.png")).isEqualTo("abc.png");
    assertThat(ArchiveNames.safe("what?<>:|*\".png")).isEqualTo("what_______.png");
    assertThat(ArchiveNames.safe("trailing. . ")).isEqualTo("trailing");
    assertThat(ArchiveNames.safe("CON.txt")).isEqualTo("_CON.txt");
    String longName = "\u732b".repeat(300) + ".jpeg";
    String cut = ArchiveNames.safe(longName);
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
    assertThat(cut).endsWith(".jpeg");
  }
}
