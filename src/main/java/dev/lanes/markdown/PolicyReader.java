package dev.lanes.markdown;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.lanes.plan.Position;
import dev.lanes.policy.AgentSpec;
import dev.lanes.policy.BootstrapCheck;
import dev.lanes.policy.Gate;
import dev.lanes.policy.Policy;
import dev.lanes.policy.PolicySection;
import dev.lanes.policy.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads AGENTS.md into a {@link Policy}: level-2 headings are sections, list items {@code - key:
 * value} under them are settings, and the first tables under {@code ## Gates} and {@code ## Agents}
 * are the gate ladder and the agents. It never throws on bad input: every problem is collected with
 * its line and column.
 */
public final class PolicyReader {
  private static final Parser PARSER = parser();
  private static final Pattern SETTING =
      Pattern.compile("([A-Za-z][A-Za-z0-9-]*)\\s*:(?!//)\\s*(.*)", Pattern.DOTALL);
  private static final Pattern COMMENTS = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

  /** A level-2 heading and the top-level blocks under it, up to the next level-1 or 2 heading. */
  private record Block(String heading, Heading node, List<Node> children, int end) {}

  private PolicyReader() {}

  public static PolicyRead read(String text) {
    Objects.requireNonNull(text, "text");
    // flexmark reads a byte-order mark as text, which would hide a first heading.
    String source = text.startsWith("\uFEFF") ? text.substring(1) : text;
    PolicyProblems problems = new PolicyProblems(new PolicyLines(source));
    Optional<Position> tooDeep = NestingDepth.tooDeep(text);
    if (tooDeep.isPresent()) {
      problems.add(tooDeep.get(), NestingDepth.message());
      return new PolicyRead(
          new Policy(List.of(), List.of(), List.of(), List.of()), problems.all(), false);
    }
    Document document = PARSER.parse(source);

    List<Block> blocks = blocks(document, source.length());
    List<PolicySection> sections = new ArrayList<>();
    List<Setting> settings = new ArrayList<>();
    for (Block block : blocks) {
      String under = source.substring(block.node().getEndOffset(), block.end());
      boolean empty = COMMENTS.matcher(under).replaceAll("").isBlank();
      sections.add(
          new PolicySection(block.heading(), problems.at(block.node().getStartOffset()), empty));
      for (Node child : block.children()) {
        settings(child, block.heading(), settings, problems);
      }
    }
    duplicates(sections, problems);
    for (Setting setting : settings) {
      PolicySettingRules.problem(setting).ifPresent(m -> problems.add(setting.position(), m));
    }

    List<Gate> gates =
        firstTable(blocks, "Gates")
            .map(t -> PolicyGateRows.read(PolicyTable.of(t, problems), problems))
            .orElse(List.of());
    List<AgentSpec> agents =
        firstTable(blocks, "Agents")
            .map(t -> PolicyAgentRows.read(PolicyTable.of(t, problems), problems))
            .orElse(List.of());
    return new PolicyRead(new Policy(sections, settings, gates, agents), problems.all());
  }

  /**
   * A required heading given twice is an error at the second: lanes reads the first table and
   * setting of each, so a second {@code ## Gates} would be silently ignored (its gates never run).
   */
  private static void duplicates(List<PolicySection> sections, PolicyProblems problems) {
    for (String heading : BootstrapCheck.REQUIRED) {
      List<PolicySection> same = sections.stream().filter(s -> s.is(heading)).toList();
      for (PolicySection again : same.subList(Math.min(1, same.size()), same.size())) {
        problems.add(
            again.position(),
            "a second `## "
                + heading
                + "` heading (the first is on line "
                + same.get(0).position().line()
                + "); lanes reads only the first: merge them into one");
      }
    }
  }

  private static Parser parser() {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    return ThematicBreaks.parser(options).build();
  }

  private static List<Block> blocks(Document document, int length) {
    List<Block> blocks = new ArrayList<>();
    Heading open = null;
    List<Node> children = new ArrayList<>();
    for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Heading h && h.getLevel() <= 2) {
        if (open != null) {
          blocks.add(block(open, children, h.getStartOffset()));
        }
        open = h.getLevel() == 2 ? h : null;
        children = new ArrayList<>();
      } else if (open != null) {
        children.add(n);
      }
    }
    if (open != null) {
      blocks.add(block(open, children, length));
    }
    return blocks;
  }

  private static Block block(Heading heading, List<Node> children, int end) {
    String title = PolicyInline.plain(heading.getText(), false).trim();
    return new Block(title, heading, List.copyOf(children), Math.max(end, heading.getEndOffset()));
  }

  /**
   * Collects {@code key: value} list items at any depth. Code blocks are leaves in flexmark's tree,
   * so nothing inside a fence is ever taken for a setting.
   */
  private static void settings(
      Node node, String heading, List<Setting> out, PolicyProblems problems) {
    if (node instanceof ListItem item && item.getFirstChild() instanceof Paragraph p) {
      String text = joinLines(p.getChars().toString());
      Matcher m = SETTING.matcher(text);
      if (m.matches()) {
        out.add(
            new Setting(
                heading,
                m.group(1).toLowerCase(Locale.ROOT),
                PolicyInline.plain(m.group(2), false).trim(),
                problems.at(item.getStartOffset())));
      }
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      settings(child, heading, out, problems);
    }
  }

  /** A paragraph's lines joined by single spaces, as markdown renders a soft line break. */
  private static String joinLines(String paragraph) {
    StringBuilder out = new StringBuilder();
    for (String line : paragraph.split("\r\n|\r|\n")) {
      if (!line.isBlank()) {
        out.append(out.length() == 0 ? "" : " ").append(line.trim());
      }
    }
    return out.toString();
  }

  private static Optional<TableBlock> firstTable(List<Block> blocks, String heading) {
    for (Block block : blocks) {
      if (!block.heading().equalsIgnoreCase(heading)) {
        continue;
      }
      for (Node child : block.children()) {
        Optional<TableBlock> table = firstTable(child);
        if (table.isPresent()) {
          return table;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<TableBlock> firstTable(Node node) {
    if (node instanceof TableBlock table) {
      return Optional.of(table);
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      Optional<TableBlock> table = firstTable(child);
      if (table.isPresent()) {
        return table;
      }
    }
    return Optional.empty();
  }
}
