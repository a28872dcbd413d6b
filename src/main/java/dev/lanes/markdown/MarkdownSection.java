package dev.lanes.markdown;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A top-level level-2 heading and the top-level blocks after it, up to the next heading of level 2
 * or less. Headings inside block quotes, lists or code fences never start a section.
 */
record MarkdownSection(Heading heading, List<Node> blocks) {

  MarkdownSection {
    blocks = List.copyOf(blocks);
  }

  /** Every section whose heading text is {@code name} (case-insensitive, trimmed), in order. */
  static List<MarkdownSection> named(Document document, String name) {
    List<MarkdownSection> found = new ArrayList<>();
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof Heading && isNamed((Heading) node, 2, name)) {
        List<Node> blocks = new ArrayList<>();
        Node next = node.getNext();
        while (next != null && !(next instanceof Heading && ((Heading) next).getLevel() <= 2)) {
          blocks.add(next);
          next = next.getNext();
        }
        found.add(new MarkdownSection((Heading) node, blocks));
      }
    }
    return found;
  }

  static boolean isNamed(Heading heading, int level, String name) {
    return heading.getLevel() == level
        && heading
            .getText()
            .toString()
            .trim()
            .toLowerCase(Locale.ROOT)
            .equals(name.toLowerCase(Locale.ROOT));
  }

  /** The first table among this section's top-level blocks. */
  Optional<TableBlock> firstTable() {
    return blocks.stream()
        .filter(TableBlock.class::isInstance)
        .map(TableBlock.class::cast)
        .findFirst();
  }
}
