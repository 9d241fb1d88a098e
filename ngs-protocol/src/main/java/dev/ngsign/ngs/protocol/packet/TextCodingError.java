package dev.ngsign.ngs.protocol.packet;

/** Finds the character that stops a text from encoding, for error messages a user can act on. */
public final class TextCodingError {
  private TextCodingError() {}

  /**
   * Describes the first character of {@code text} that {@code encoding} cannot encode, e.g. {@code
   * '😀' (U+1F600) at index 3}.
   */
  public static String firstUnencodable(String text, ContentEncoding encoding) {
    var enc = encoding.charset().newEncoder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String s = new String(Character.toChars(cp));
      if (!enc.canEncode(s)) {
        return "'" + s + "' (U+" + String.format("%04X", cp) + ") at index " + i;
      }
      i += Character.charCount(cp);
    }
    return "(unpaired surrogate)";
  }
}
