package io.cacheman.samples.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheman.samples.console.ConsoleSession.ConsoleException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed lines split into words as a POSIX shell would split them. */
class CommandWordsTest {

  @Test
  void whitespaceSeparatesWords() {
    assertEquals(List.of("get", "a", "b"), CommandWords.split("  get\ta   b  "));
    assertEquals(List.of(), CommandWords.split("   "));
  }

  @Test
  void doubleQuotesKeepSpacesAndUndoTheirEscapes() {
    assertEquals(List.of("set", "k", "hello world"), CommandWords.split("set k \"hello world\""));
    assertEquals(List.of("set", "k", "say \"hi\""), CommandWords.split("set k \"say \\\"hi\\\"\""));
    assertEquals(List.of("set", "k", "a\\b", "c\\nd"), CommandWords.split("set k \"a\\\\b\" \"c\\nd\""));
  }

  @Test
  void singleQuotesKeepEverythingAsWritten() {
    assertEquals(List.of("set", "k", "say \"hi\" \\n"), CommandWords.split("set k 'say \"hi\" \\n'"));
  }

  @Test
  void aBackslashOutsideQuotesTakesTheNextCharacter() {
    assertEquals(List.of("set", "k", "it's a b"), CommandWords.split("set k it\\'s\\ a\\ b"));
  }

  @Test
  void adjacentPartsFormOneWordAndEmptyQuotesAnEmptyWord() {
    assertEquals(List.of("set", "k", "ab cd"), CommandWords.split("set k a\"b c\"'d'"));
    assertEquals(List.of("set", "k", "", "60"), CommandWords.split("set k \"\" 60"));
  }

  @Test
  void anUnclosedQuoteOrTrailingBackslashIsOneSentence() {
    ConsoleException open = assertThrows(ConsoleException.class, () -> CommandWords.split("set k \"open"));
    assertEquals("unclosed double quote in: set k \"open", open.getMessage());
    ConsoleException single = assertThrows(ConsoleException.class, () -> CommandWords.split("set k 'open"));
    assertEquals("unclosed single quote in: set k 'open", single.getMessage());
    ConsoleException trailing = assertThrows(ConsoleException.class, () -> CommandWords.split("set k v\\"));
    assertEquals("a backslash at the end of the line escapes nothing: set k v\\", trailing.getMessage());
  }
}
