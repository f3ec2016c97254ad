package dev.lightbox.server.library.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files of a library are assets, which are provenance manifests, and which are other tools' by-products,
 * from the keys alone (the listing of the whole library):
 * <ul>
 *   <li>InvokeAI ({@code outputs/images/<name>.png} beside {@code outputs/thumbnails/<name>.webp}): files under a
 *       {@code thumbnails/} folder whose parent also holds an {@code images/} folder are InvokeAI's own
 *       thumbnails, not catalogued;</li>
 *   <li>genblaze ({@code assets/ab/cd/<sha256>.<ext>}): provenance manifests named
 *       {@code <asset file>.manifest.json} (or {@code <asset name without extension>.manifest.json}) beside the
 *       asset, or {@code manifests/<sha256>.json} naming the asset by its content hash, are attached to their
 *       asset as provenance (the genblaze S3 backend's source does not fix one manifest key, so both usual
 *       shapes are recognised);</li>
 *   <li>comfyui-cloud-storage ({@code comfyui/images/YYYY-MM/...}) and plain folders: every image and video is an
 *       asset.</li>
 * </ul>
 * Everything else (sidecars, JSON, text, hidden files) is skipped with the reason.
 */
public final class Layouts {
  public static final String NOT_MEDIA = "not an image or video";
  public static final String INVOKEAI_THUMBNAIL = "InvokeAI thumbnail (its image is in images/)";
  private static final Set<String> MEDIA_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "png", "webp", "gif", "tif",
      "tiff", "heic", "heif", "avif", "mp4", "m4v", "mov", "webm", "mkv");
  private static final String MANIFEST_SUFFIX = ".manifest.json";
  private static final Pattern SHA_MANIFEST = Pattern.compile("(^|.*/)manifests/([0-9a-f]{64})\\.json$");

  public enum Role { MEDIA, MANIFEST, SKIPPED }

  private final Set<String> imageRoots = new HashSet<>();
  private final Set<String> keys = new HashSet<>();
  private final Map<String, String> byStem = new HashMap<>();

  /** Learns the whole listing first: a thumbnail is recognised by its sibling images/ folder. */
  public void learn(String key) {
    keys.add(key);
    int i = key.indexOf("images/");
    while (i >= 0) {
      if (i == 0 || key.charAt(i - 1) == '/') {
        imageRoots.add(key.substring(0, i));
      }
      i = key.indexOf("images/", i + 1);
    }
    int dot = key.lastIndexOf('.');
    if (dot > key.lastIndexOf('/') + 1) {
      byStem.putIfAbsent(key.substring(0, dot), key);
    }
  }

  public Role role(String key) {
    if (isManifest(key)) {
      return Role.MANIFEST;
    }
    return skipReason(key) == null ? Role.MEDIA : Role.SKIPPED;
  }

  /** Why the file is not catalogued, or null when it is an image or video to catalogue. */
  public String skipReason(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!MEDIA_EXTENSIONS.contains(ext)) {
      return NOT_MEDIA;
    }
    int from = 0;
    while (true) {
      int at = key.indexOf("thumbnails/", from);
      if (at < 0) {
        return null;
      }
      if ((at == 0 || key.charAt(at - 1) == '/') && imageRoots.contains(key.substring(0, at))) {
        return INVOKEAI_THUMBNAIL;
      }
      from = at + 1;
    }
  }

  public static boolean isManifest(String key) {
    return key.endsWith(MANIFEST_SUFFIX) || SHA_MANIFEST.matcher(key).matches();
  }

  /** The SHA-256 a {@code manifests/<sha256>.json} names, or null. */
  public static String manifestSha256(String key) {
    var m = SHA_MANIFEST.matcher(key);
    return m.matches() ? m.group(2) : null;
  }

  /** The key of the file a {@code <file>.manifest.json} describes, when the listing has it; else null. */
  public String manifestTarget(String key) {
    if (!key.endsWith(MANIFEST_SUFFIX)) {
      return null;
    }
    String stem = key.substring(0, key.length() - MANIFEST_SUFFIX.length());
    if (keys.contains(stem)) {
      return stem;
    }
    String sibling = byStem.get(stem);
    return sibling != null && !isManifest(sibling) ? sibling : null;
  }
}
