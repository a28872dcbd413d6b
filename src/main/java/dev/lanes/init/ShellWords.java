package dev.lanes.init;

/** Quotes a word for {@code sh} so that spaces and quotes in folder names stay one argument. */
final class ShellWords {

  private ShellWords() {}

  /** The word unchanged when it is plainly safe, otherwise in single quotes. */
  static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9._/@%+=:,-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
