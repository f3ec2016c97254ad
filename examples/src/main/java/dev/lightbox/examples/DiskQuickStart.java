package dev.lightbox.examples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.disk.DiskBlobStore;

/** The README's first SDK example: store, read a range, list, delete, on local disk. */
public final class DiskQuickStart {
  private DiskQuickStart() {
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "lightbox-data/sdk-example");
    run(root);
  }

  static void run(Path root) throws IOException {
    // snippet:disk-quick-start
    try (BlobStore store = DiskBlobStore.open(root)) {
      byte[] png = "not really a png".getBytes(StandardCharsets.UTF_8);
      BlobInfo info = store.put(BlobKey.of("outputs/2026/cat.png"), new ByteArrayInputStream(png), png.length,
          PutOptions.builder().contentType("image/png").metadata("prompt", "a cat in a café").build());
      System.out.println("stored " + info.key() + " sha256=" + info.sha256());

      try (BlobStream firstBytes = store.getRange(info.key(), ByteRange.of(0, 7))) {
        System.out.println("first bytes: " + new String(firstBytes.readAllBytes(), StandardCharsets.UTF_8));
      }
      for (BlobInfo object : store.list(ListRequest.of("outputs/")).objects()) {
        System.out.println("listed " + object.key() + " (" + object.size() + " bytes)");
      }
      System.out.println("prompt: " + store.head(info.key()).userMetadata().get("prompt"));
      store.delete(info.key());
    }
    // end-snippet
  }
}
