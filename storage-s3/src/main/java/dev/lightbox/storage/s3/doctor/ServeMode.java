package dev.lightbox.storage.s3.doctor;

/** How the server hands media out: a 302 to a presigned URL, or streamed through the server. */
public enum ServeMode {
  REDIRECT, PROXY;

  public static ServeMode parse(String value) {
    for (ServeMode m : values()) {
      if (m.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("serve mode must be redirect or proxy, was '" + value + "'");
  }
}
