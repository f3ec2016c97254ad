package dev.lightbox.server.serving;

import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.ObjectKind;

/**
 * A request for one object of an asset: who asks, which object, and the HTTP headers that shape the answer
 * (each null when absent).
 *
 * @param head a HEAD: the answer's headers without its body
 * @param download {@code ?download=1}: served as an attachment
 */
public record ContentRequest(User user, String assetId, ObjectKind kind, boolean head, boolean download,
    String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince, String ifRange,
    String range) {

  boolean conditional() {
    return ifMatch != null || ifNoneMatch != null || ifModifiedSince != null || ifUnmodifiedSince != null;
  }
}
