package io.cacheman.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheman.config.ConfigException;
import io.cacheman.config.internal.PropertiesReader.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code .properties} syntax, with the line each entry starts on. */
class PropertiesReaderTest {

  private static List<Entry> read(String text) {
    return PropertiesReader.read("test", text);
  }

  @Test
  void separatorsCommentsAndBlankLines() {
    List<Entry> entries = read("""
        # a comment
        ! another comment

        a=1
          b : 2
        c 3
        d\t=\t4\t
        e
        f=
        """);
    assertEquals(List.of(
        new Entry("a", "1", 4), new Entry("b", "2", 5), new Entry("c", "3", 6),
        new Entry("d", "4", 7), new Entry("e", "", 8), new Entry("f", "", 9)), entries);
  }

  @Test
  void continuationLinesJoinAndKeepTheStartingLine() {
    List<Entry> entries = read("x = 1\nnodes = a:1, \\\n        b:2, \\\n   c:3\ny = 2\n");
    assertEquals(List.of(new Entry("x", "1", 1), new Entry("nodes", "a:1, b:2, c:3", 2), new Entry("y", "2", 5)),
        entries);
  }

  @Test
  void anEvenNumberOfBackslashesDoesNotContinue() {
    assertEquals(List.of(new Entry("a", "x\\", 1), new Entry("b", "2", 2)), read("a = x\\\\\nb = 2"));
  }

  @Test
  void aCommentEndingInABackslashDoesNotSwallowTheNextLine() {
    assertEquals(List.of(new Entry("a", "1", 2)), read("# comment \\\na = 1\n"));
  }

  @Test
  void aContinuationOnTheLastLineEndsTheValue() {
    assertEquals(List.of(new Entry("a", "1", 1)), read("a = 1\\"));
  }

  @Test
  void escapes() {
    assertEquals(List.of(new Entry("key with=odd:chars", "tab\there \u00e9 #not-a-comment", 1)),
        read("key\\ with\\=odd\\:chars = tab\\there \\u00e9 #not-a-comment"));
  }

  @Test
  void lineEndingsOfEveryKind() {
    assertEquals(List.of(new Entry("a", "1", 1), new Entry("b", "2", 2), new Entry("c", "3", 3)),
        read("a=1\r\nb=2\rc=3"));
  }

  @Test
  void unicodeEscapesNeedFourHexDigits() {
    for (String bad : new String[] {"a = \\u+123", "a = \\u12", "a = \\u-001"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> read(bad));
      assertEquals("a", e.key());
      assertEquals(1, e.line());
    }
  }

  @Test
  void repeatedKeysAreAllReturned() {
    assertEquals(2, read("a=1\na=2\n").size());
  }
}
