package dev.lightbox.cli;

/** Placeholder. */
public final class LightboxCommand {
  public static void main(String[] args) {
  }
}
