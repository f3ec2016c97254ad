package dev.lightbox.media.internal.meta;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoding that reports bad bytes instead of silently replacing them. */
public final class Utf8 {
  private Utf8() {
  }

  public static String decodeStrict(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text is not valid UTF-8");
    }
  }

  /** Latin-1 text as the PNG spec says, unless the bytes are valid UTF-8 (as many AI tools write them). */
  public static String decodeLenient(byte[] bytes) {
    try {
      return decodeStrict(bytes);
    } catch (IllegalArgumentException notUtf8) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }
}
