package org.openiop.testsupport.modules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The feature packages of one service and which of them use which, from ArchUnit's import of the compiled classes
 * (every dependency ArchUnit sees: calls, fields, signatures, annotations, type parameters). A feature package is the
 * first package below the service's root ({@code org.openiop.scheduling.booking..} is {@code booking}); classes
 * directly in the root package form the module {@value #ROOT}.
 */
public final class ModuleGraph {

    public static final String ROOT = "root";

    private final String rootPackage;
    private final SortedMap<String, SortedSet<String>> uses = new TreeMap<>();
    private final Map<String, Integer> component = new HashMap<>();

    private ModuleGraph(String rootPackage) {
        this.rootPackage = rootPackage;
    }

    public static ModuleGraph of(String rootPackage, JavaClasses classes) {
        ModuleGraph graph = new ModuleGraph(rootPackage);
        for (JavaClass type : classes) {
            String from = graph.moduleOf(type);
            if (from == null) {
                continue;
            }
            graph.uses.computeIfAbsent(from, m -> new TreeSet<>());
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                String to = graph.moduleOf(dependency.getTargetClass());
                if (to != null && !to.equals(from)) {
                    graph.uses.get(from).add(to);
                    graph.uses.computeIfAbsent(to, m -> new TreeSet<>());
                }
            }
        }
        graph.findCycles();
        return graph;
    }

    /** The feature package a class belongs to, or null when it lies outside the service. */
    public String moduleOf(JavaClass type) {
        String pkg = type.getPackageName();
        if (pkg.equals(rootPackage)) {
            return ROOT;
        }
        if (!pkg.startsWith(rootPackage + ".")) {
            return null;
        }
        String rest = pkg.substring(rootPackage.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    public Set<String> modules() {
        return uses.keySet();
    }

    /** Feature packages {@code module} depends on, alphabetically. */
    public SortedSet<String> uses(String module) {
        return uses.getOrDefault(module, new TreeSet<>());
    }

    /** Every dependency edge between two feature packages, alphabetically by source then target. */
    public List<Edge> edges() {
        return uses.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(to -> new Edge(e.getKey(), to, onCycle(e.getKey(), to))))
                .toList();
    }

    /** An edge lies on a cycle exactly when its two ends are in the same strongly connected component. */
    public boolean onCycle(String from, String to) {
        return uses(from).contains(to) && component.get(from).equals(component.get(to));
    }

    /** The feature packages that form cycles, one set per strongly connected component of more than one package. */
    public List<SortedSet<String>> cycles() {
        Map<Integer, SortedSet<String>> members = new TreeMap<>();
        component.forEach((module, c) -> members.computeIfAbsent(c, k -> new TreeSet<>()).add(module));
        return members.values().stream().filter(s -> s.size() > 1).sorted((a, b) -> a.first().compareTo(b.first()))
                .toList();
    }

    public record Edge(String from, String to, boolean onCycle) {
    }

    // Tarjan's strongly connected components, iterative over the small graph.
    private void findCycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        int[] counter = {0};
        for (String start : uses.keySet()) {
            if (!index.containsKey(start)) {
                strongConnect(start, index, low, stack, onStack, counter);
            }
        }
    }

    private void strongConnect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : uses(v)) {
            if (!index.containsKey(w)) {
                strongConnect(w, index, low, stack, onStack, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.put(w, index.get(v));
            } while (!w.equals(v));
        }
    }
}
