package org.natca.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package of lib's main code depends, through any chain, on a package that depends on it: a shared
 * helper (such as {@code migration} or {@code input}) must sit below all its users. Dependencies are read from the
 * sources: imports, static imports and fully qualified names of project classes.
 */
class PackageCyclesTest {
  static final Path SOURCES = Path.of("src/main/java");
  static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
  /** A project package followed by a class name (capitalised), in an import or in code. */
  static final Pattern REFERENCE = Pattern.compile("\\b(org\\.natca\\.intercom(?:\\.[a-z]\\w*)*)\\.[A-Z]");

  @Test
  void libHasNoPackageCycles() {
    Map<String, Set<String>> graph = dependencies(SOURCES);
    assertTrue(graph.size() >= 15, "read the sources: " + graph.keySet());
    assertTrue(graph.get("org.natca.intercom.operations").contains("org.natca.intercom.migration"), graph.toString());
    assertEquals(List.of(), cycles(graph), "package cycles in lib");
  }

  @Test
  void theSharedHelpers_dependOnNoUserOfThem() {
    Map<String, Set<String>> graph = dependencies(SOURCES);
    assertEquals(Set.of("org.natca.intercom.member"), graph.get("org.natca.intercom.migration"));
    assertEquals(Set.of(), graph.get("org.natca.intercom.input"));
    assertTrue(graph.get("org.natca.intercom.tags").contains("org.natca.intercom.input"), graph.toString());
  }

  @Test
  void cycles_findsEveryCycleOfAGraph_andNoneInATree() {
    Map<String, Set<String>> g = new TreeMap<>();
    g.put("a", Set.of("b"));
    g.put("b", Set.of("c", "d"));
    g.put("c", Set.of("a"));
    g.put("d", Set.of("e"));
    g.put("e", Set.of("d"));
    g.put("f", Set.of("a"));
    assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e")), cycles(g));

    assertEquals(List.of(), cycles(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of())));
  }

  /** Package to the other project packages its classes name. */
  static Map<String, Set<String>> dependencies(Path root) {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String source = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find()) {
          continue;
        }
        Set<String> uses = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
        Matcher ref = REFERENCE.matcher(source.substring(pkg.end()));
        while (ref.find()) {
          if (!ref.group(1).equals(pkg.group(1))) {
            uses.add(ref.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
  }

  /** The strongly connected components of more than one package (Tarjan), each sorted, in order. */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> found = new ArrayList<>();
    for (String v : new TreeSet<>(graph.keySet())) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, onStack, found);
      }
    }
    found.sort((x, y) -> x.get(0).compareTo(y.get(0)));
    return found;
  }

  private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> found) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, onStack, found);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        component.sort(String::compareTo);
        found.add(component);
      }
    }
  }
}
