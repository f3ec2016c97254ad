package dev.lightbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.serving.ContentDisposition;
import org.junit.jupiter.api.Test;

/** The one file-name sanitiser: what is stored at upload and what goes out in Content-Disposition. */
class FileNamesTest {
  @Test
  void bidirectionalControlsAreDroppedSoTheNameShowsWhatItIs() {
    assertThat(FileNames.clean("photo\u202Egnp.exe")).isEqualTo("photognp.exe");
    for (int cp : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E,
        0x200F, 0x061C}) {
      assertThat(FileNames.clean("a" + Character.toString(cp) + "b.png")).as("U+%04X", cp).isEqualTo("ab.png");
    }
  }

  @Test
  void controlAndInvisibleFormatCharactersAreDroppedAndScriptsKept() {
    assertThat(FileNames.clean("tab\there\r\n\u0000.jpg")).isEqualTo("tabhere.jpg");
    assertThat(FileNames.clean("c1\u0085\u009b.jpg")).as("C1 controls").isEqualTo("c1.jpg");
    assertThat(FileNames.clean("zero\u200Bwidth\uFEFF\u00AD.jpg")).isEqualTo("zerowidth.jpg");
    assertThat(FileNames.clean("line\u2028para\u2029.jpg")).isEqualTo("linepara.jpg");
    assertThat(FileNames.clean("lone\uD800.jpg")).as("a lone surrogate").isEqualTo("lone.jpg");
    assertThat(FileNames.clean("family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67.jpg"))
        .as("emoji joiners stay").isEqualTo("family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67.jpg");
    assertThat(FileNames.clean("می\u200Cخواهم.jpg")).as("ZWNJ in Persian stays").isEqualTo("می\u200Cخواهم.jpg");
    assertThat(FileNames.clean("日本 café.png")).isEqualTo("日本 café.png");
    assertThat(FileNames.clean("\u202E\u200F")).isEqualTo("upload");
    assertThat(FileNames.clean(null)).isEqualTo("upload");
  }

  @Test
  void contentDispositionUsesTheSameSanitiserForNamesStoredBeforeIt() {
    assertThat(ContentDisposition.of("attachment", "photo\u202Egnp.exe"))
        .isEqualTo("attachment; filename=\"photognp.exe\"");
    assertThat(ContentDisposition.of("inline", "a\u2066\u0007b\u200E.png")).isEqualTo("inline; filename=\"ab.png\"");
    assertThat(ContentDisposition.of("attachment", "dir/../x\r\nSet-Cookie: a=b.png"))
        .as("no header injection").isEqualTo("attachment; filename=\"xSet-Cookie: a=b.png\"");
  }
}
