package dev.lanes.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a captured patch, as a handoff entry records it: the integrator lands a stored
 * patch only when its bytes still give the digest recorded when lanes captured it, because the
 * patch file itself lies where any worker can write.
 */
public final class PatchDigest {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private PatchDigest() {}

  /** The lower-case hex SHA-256 of {@code bytes}; lanes' one digest, for plans and state too. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Whether {@code text} reads as a digest {@link #sha256} gives. */
  public static boolean isDigest(String text) {
    return HEX.matcher(text).matches();
  }

  /** The first 12 hex digits, enough to tell two digests apart in a sentence. */
  public static String brief(String digest) {
    return digest.length() > 12 ? digest.substring(0, 12) : digest;
  }
}
