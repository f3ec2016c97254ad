package dev.lightbox.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every setting the loader knows, with its default. */
class ConfigurationDocTest {
  @Test
  void everySettingIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    for (Setting s : Setting.ALL) {
      assertThat(doc).as(s.name()).contains("| `" + s.name() + "` |");
    }
  }
}
