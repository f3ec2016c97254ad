package dev.lightbox.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-media corpus (../shared/media), named by the lightbox.media.dir system property. */
public final class Media {
  private Media() {
  }

  public static Path file(String relative) {
    String dir = System.getProperty("lightbox.media.dir");
    assumeTrue(dir != null, "lightbox.media.dir is not set; run the tests through Maven");
    Path p = Path.of(dir).resolve(relative);
    assumeTrue(Files.isRegularFile(p), "shared media file " + p + " is missing; check out shared/ beside the repo");
    return p;
  }
}
