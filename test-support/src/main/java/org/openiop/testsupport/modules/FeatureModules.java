package org.openiop.testsupport.modules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.all;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import com.tngtech.archunit.library.freeze.TextFileBasedViolationStore;
import com.tngtech.archunit.library.freeze.ViolationStore;

/**
 * A service's feature packages as modules, verified in its tests (issue 16):
 * <ul>
 * <li>no dependency cycle between feature packages ({@link #noCycles()});</li>
 * <li>each table is named in SQL only by the feature package that owns it ({@link #tablesOnlyInOwningModule()}),
 * ownership declared by the service's test for every table its migrations create;</li>
 * <li>a package may instead publish read-only views of its tables (a migration's {@code CREATE VIEW}, declared owned by
 * it like a table): any package may name a published view, and the view itself may read only its owner's tables
 * ({@link #ownershipProblems()}). Views with no declared owner are not checked.</li>
 * <li>the module diagram in the service's README, written from the same import graph ({@link #writeDiagram}).</li>
 * </ul>
 * Every module declares both rules {@link #strict strict} today: they run unfrozen and every violation fails. A rule
 * not declared strict is frozen with ArchUnit's {@link FreezingArchRule} on a baseline in the service's
 * {@code src/test/resources/archunit_store} (how issue 16 brought the rules in over existing violations): the stored
 * violations pass, any new one fails, a fixed one leaves the store by itself, and a strict rule's entry must be gone.
 * Run from the module's directory (Maven's default working directory for tests).
 */
public final class FeatureModules {

    /** Set to true once (then commit the store) to record a rule's violations for the first time. */
    public static final String BASELINE_PROPERTY = "modules.freeze.baseline";
    public static final String DIAGRAM_BEGIN = "<!-- feature-modules:begin -->";
    public static final String DIAGRAM_END = "<!-- feature-modules:end -->";

    private final String rootPackage;
    private final JavaClasses classes;
    private final Path moduleDir;
    private final Path sourceRoot;
    private final SortedMap<String, String> owners;
    private final SortedSet<String> tables;
    private final SortedMap<String, SortedSet<String>> viewReads;
    private final Set<Rule> strict;

    /** The two rules {@link #verify()} checks. */
    public enum Rule {
        /** {@link #noCycles()} */
        CYCLES,
        /** {@link #tablesOnlyInOwningModule()} */
        TABLES
    }

    private FeatureModules(String rootPackage, JavaClasses classes, Path moduleDir, Path sourceRoot,
            SortedSet<String> tables, SortedMap<String, SortedSet<String>> viewReads, Map<String, String> owners,
            Set<Rule> strict) {
        this.rootPackage = rootPackage;
        this.classes = classes;
        this.moduleDir = moduleDir;
        this.sourceRoot = sourceRoot;
        this.owners = new TreeMap<>(owners);
        this.tables = tables;
        this.viewReads = viewReads;
        this.strict = strict.isEmpty() ? EnumSet.noneOf(Rule.class) : EnumSet.copyOf(strict);
    }

    private FeatureModules(String rootPackage, JavaClasses classes, Path moduleDir, Path sourceRoot, Path migrations,
            Map<String, String> owners) {
        this(rootPackage, classes, moduleDir, sourceRoot, SqlTables.declaredIn(migrations), migrations, owners);
    }

    private FeatureModules(String rootPackage, JavaClasses classes, Path moduleDir, Path sourceRoot,
            SortedSet<String> tables, Path migrations, Map<String, String> owners) {
        this(rootPackage, classes, moduleDir, sourceRoot, tables, SqlTables.viewReads(migrations, tables), owners,
                Set.of());
    }

    /**
     * The same modules with {@code rules} unfrozen: {@link #verify()} fails on every violation of them, and refuses a
     * store entry left for them (a service whose frozen violations of a rule are all gone declares it strict, so no
     * baseline can ever be recorded for it again).
     */
    public FeatureModules strict(Rule... rules) {
        Set<Rule> all = EnumSet.noneOf(Rule.class);
        all.addAll(strict);
        all.addAll(List.of(rules));
        return new FeatureModules(rootPackage, classes, moduleDir, sourceRoot, tables, viewReads, owners, all);
    }

    /**
     * The main (not test) classes under {@code rootPackage}, e.g. {@code org.openiop.scheduling}, with the owning
     * feature package of each table the service's migrations create ({@code table -> package}).
     */
    public static FeatureModules of(String rootPackage, Map<String, String> tableOwners) {
        // Every class of the service is imported; classes outside it are needed only by name, so ArchUnit need not
        // load Spring and the JDK behind them (seconds instead of half a minute per service).
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        Path moduleDir = Path.of("").toAbsolutePath();
        // Only this Maven module's own classes: backbone-web and backbone-messaging share the root package
        // org.openiop.backbone, and each checks its own half (the other one is a dependency on the classpath).
        Path ownClasses = moduleDir.resolve("target/classes");
        ImportOption ownOnly = location -> "file".equals(location.asURI().getScheme())
                && Path.of(location.asURI()).startsWith(ownClasses);
        JavaClasses classes;
        try {
            classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(ownOnly).importPackages(rootPackage);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
        return new FeatureModules(rootPackage, classes, moduleDir, moduleDir.resolve("src/main/java"),
                moduleDir.resolve("src/main/resources/db"), tableOwners);
    }

    /** Given classes, sources and migrations (the rules' own tests use fixtures). */
    public static FeatureModules of(String rootPackage, JavaClasses classes, Path moduleDir, Path sourceRoot,
            Path migrations, Map<String, String> tableOwners) {
        return new FeatureModules(rootPackage, classes, moduleDir, sourceRoot, migrations, tableOwners);
    }

    public JavaClasses classes() {
        return classes;
    }

    public ModuleGraph graph() {
        return ModuleGraph.of(rootPackage, classes);
    }

    /**
     * Every table the migrations create has one declared owner, every declared owner is a real package, and a view
     * declared owned by a package (published by it) reads only that package's tables.
     */
    public List<String> ownershipProblems() {
        List<String> problems = new ArrayList<>();
        SortedSet<String> modules = new TreeSet<>(graph().modules());
        for (String table : tables) {
            if (!owners.containsKey(table)) {
                problems.add("table " + table + " (created by a migration) has no owning feature package declared");
            }
        }
        owners.forEach((table, module) -> {
            if (!tables.contains(table) && !viewReads.containsKey(table)) {
                problems.add("declared table " + table + " is created by no migration");
            }
            for (String read : viewReads.getOrDefault(table, new TreeSet<>())) {
                if (!module.equals(owners.get(read))) {
                    problems.add("view " + table + " is published by " + module + " but reads table " + read
                            + ", owned by " + owners.get(read));
                }
            }
            if (!modules.contains(module) && !ownedByAnotherModule(module)) {
                problems.add("table " + table + " is declared owned by " + module + ", which is no feature package of "
                        + rootPackage + " " + modules);
            }
        });
        return problems;
    }

    /**
     * An owner written {@code <maven module>:<package>} (e.g. {@code backbone-web:audit}) is a package of another
     * Maven module whose migrations happen to live here (backbone-messaging's db/backbone predates the split): no
     * package of this module may name the table.
     */
    static boolean ownedByAnotherModule(String owner) {
        return owner.contains(":");
    }

    /** Edges between feature packages must not lie on a cycle (the rule itself, not frozen). */
    public ArchRule noCycles() {
        return all(new AbstractClassesTransformer<ModuleGraph.Edge>("dependencies between feature packages") {
            @Override
            public Iterable<ModuleGraph.Edge> doTransform(JavaClasses imported) {
                return ModuleGraph.of(rootPackage, imported).edges();
            }
        }).should(new ArchCondition<ModuleGraph.Edge>("not lie on a cycle") {
            @Override
            public void check(ModuleGraph.Edge edge, ConditionEvents events) {
                if (edge.onCycle()) {
                    events.add(SimpleConditionEvent.violated(edge, "feature package " + edge.from() + " uses "
                            + edge.to() + ", and " + edge.to() + " leads back to " + edge.from() + " (a cycle)"));
                }
            }
        }).allowEmptyShould(true).as("feature packages of " + rootPackage + " form no cycle");
    }

    /** A table is named in SQL only by classes of its owning feature package (the rule itself, not frozen). */
    public ArchRule tablesOnlyInOwningModule() {
        return all(new AbstractClassesTransformer<TableUse>("tables named in SQL") {
            @Override
            public Iterable<TableUse> doTransform(JavaClasses imported) {
                return tableUses(imported);
            }
        }).should(new ArchCondition<TableUse>("be owned by the feature package that names them") {
            @Override
            public void check(TableUse use, ConditionEvents events) {
                String owner = owners.get(use.table());
                if (owner != null && !owner.equals(use.module())) {
                    events.add(SimpleConditionEvent.violated(use, use.className() + " (" + use.module()
                            + ") names table " + use.table() + " in SQL, owned by " + owner));
                }
            }
        }).allowEmptyShould(true).as("tables of " + rootPackage + " are read and written only by their owner");
    }

    /**
     * Both rules: a {@link #strict} one unfrozen, the other frozen on its stored violations (today's pass, new ones
     * fail).
     */
    public void verify() {
        List<String> problems = ownershipProblems();
        if (!problems.isEmpty()) {
            throw new AssertionError("Table ownership of " + rootPackage + ":\n  " + String.join("\n  ", problems));
        }
        // Both rules always run, so one failure report names every new cycle edge and every new foreign table.
        List<String> failures = new ArrayList<>();
        for (Rule kind : Rule.values()) {
            ArchRule rule = kind == Rule.CYCLES ? noCycles() : tablesOnlyInOwningModule();
            try {
                if (strict.contains(kind)) {
                    requireNotFrozen(rule);
                    rule.check(classes);
                } else {
                    frozen(rule).check(classes);
                }
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    /** A strict rule has no entry in the store: a forgotten one would be a baseline waiting to be re-recorded. */
    private void requireNotFrozen(ArchRule rule) {
        Path path = moduleDir.resolve("src/test/resources/archunit_store");
        if (Files.isDirectory(path) && new ModuleStore(path, false).contains(rule)) {
            throw new AssertionError("Rule '" + rule.getDescription() + "' runs unfrozen (strict) but still has an"
                    + " entry in " + path + ": delete its line in stored.rules and its file");
        }
    }

    /** A rule frozen in this module's src/test/resources/archunit_store, one file per rule named after it. */
    public ArchRule frozen(ArchRule rule) {
        boolean baseline = Boolean.getBoolean(BASELINE_PROPERTY);
        Path path = moduleDir.resolve("src/test/resources/archunit_store");
        ViolationStore store = new ModuleStore(path, baseline);
        if (!baseline && !store.contains(rule)) {
            // Without this, a missing entry would silently accept every current violation as the baseline.
            throw new AssertionError("No frozen violations for rule '" + rule.getDescription() + "' in " + path
                    + ": run once with -D" + BASELINE_PROPERTY + "=true and commit the store");
        }
        return FreezingArchRule.freeze(rule).persistIn(store);
    }

    /**
     * ArchUnit's text-file store, kept at this module's path whatever the JVM-wide ArchUnit configuration says
     * (FreezingArchRule re-initializes its store from that configuration on every evaluation).
     */
    private static final class ModuleStore implements ViolationStore {

        private final TextFileBasedViolationStore files = new TextFileBasedViolationStore(
                description -> description.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "") + ".txt");

        ModuleStore(Path path, boolean allowCreation) {
            Properties settings = new Properties();
            settings.setProperty("default.path", path.toString());
            settings.setProperty("default.allowStoreCreation", String.valueOf(allowCreation));
            settings.setProperty("default.allowStoreUpdate", "true");
            files.initialize(settings);
        }

        @Override
        public void initialize(Properties ignored) {
        }

        @Override
        public boolean contains(ArchRule rule) {
            return files.contains(rule);
        }

        @Override
        public void save(ArchRule rule, List<String> violations) {
            files.save(rule, violations);
        }

        @Override
        public List<String> getViolations(ArchRule rule) {
            return files.getViolations(rule);
        }
    }

    /** The generated README section: the Mermaid diagram, the cycles and who owns which table. */
    public String diagram() {
        ModuleGraph graph = graph();
        StringBuilder out = new StringBuilder();
        out.append(DIAGRAM_BEGIN).append('\n');
        out.append("Written by the module's `FeatureModulesTest` from the compiled classes (ArchUnit's import graph);"
                + " do not edit by hand.\nAn arrow is \"uses\"; " + (strict.contains(Rule.CYCLES)
                        ? "no package cycle passes (the rule runs unfrozen).\n\n"
                        : "red arrows lie on a package cycle (frozen in `src/test/resources/archunit_store`: no new"
                                + " one passes).\n\n"));
        out.append("```mermaid\nflowchart LR\n");
        for (String module : graph.modules()) {
            out.append("  m_").append(module).append("[").append(module).append("]\n");
        }
        List<ModuleGraph.Edge> edges = graph.edges();
        List<String> red = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            ModuleGraph.Edge edge = edges.get(i);
            out.append("  m_").append(edge.from()).append(" --> m_").append(edge.to()).append('\n');
            if (edge.onCycle()) {
                red.add(String.valueOf(i));
            }
        }
        if (!red.isEmpty()) {
            out.append("  linkStyle ").append(String.join(",", red)).append(" stroke:#c62828,stroke-width:2px\n");
        }
        out.append("```\n\n");
        List<SortedSet<String>> cycles = graph.cycles();
        out.append(cycles.isEmpty() ? "No package cycle.\n" : "Packages in a cycle: "
                + cycles.stream().map(c -> String.join(", ", c)).collect(Collectors.joining("; ")) + ".\n");
        Map<String, SortedSet<String>> byOwner = new TreeMap<>();
        owners.forEach((table, module) -> byOwner.computeIfAbsent(module, m -> new TreeSet<>())
                .add(viewReads.containsKey(table) ? table + " (published view)" : table));
        Map<String, SortedSet<String>> foreign = new LinkedHashMap<>();
        for (TableUse use : tableUses(classes)) {
            String owner = owners.get(use.table());
            if (owner != null && !owner.equals(use.module())) {
                foreign.computeIfAbsent(use.module(), m -> new TreeSet<>()).add(use.table());
            }
        }
        out.append(strict.contains(Rule.TABLES) ? "\n| package | owns tables | also names in SQL |\n|---|---|---|\n"
                : "\n| package | owns tables | also names in SQL (frozen, to move behind the owner's API) |\n"
                        + "|---|---|---|\n");
        for (String module : graph.modules()) {
            out.append("| `").append(module).append("` | ")
                    .append(String.join(", ", byOwner.getOrDefault(module, new TreeSet<>()))).append(" | ")
                    .append(String.join(", ", foreign.getOrDefault(module, new TreeSet<>()))).append(" |\n");
        }
        out.append(DIAGRAM_END).append('\n');
        return out.toString();
    }

    /**
     * Puts {@link #diagram()} between the markers of {@code readme} (appending a section titled {@code heading} when
     * there are none). Returns whether the file changed.
     */
    public boolean writeDiagram(Path readme, String heading) {
        try {
            String text = Files.readString(readme);
            String section = diagram();
            int begin = text.indexOf(DIAGRAM_BEGIN);
            int end = text.indexOf(DIAGRAM_END);
            String updated;
            if (begin >= 0 && end > begin) {
                int after = text.indexOf('\n', end);
                updated = text.substring(0, begin) + section + (after < 0 ? "" : text.substring(after + 1));
            } else {
                updated = text + (text.endsWith("\n") ? "" : "\n") + "\n" + heading + "\n\n" + section;
            }
            if (updated.equals(text)) {
                return false;
            }
            Files.writeString(readme, updated);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<TableUse> tableUses(JavaClasses imported) {
        ModuleGraph graph = ModuleGraph.of(rootPackage, imported);
        List<TableUse> uses = new ArrayList<>();
        SortedSet<Path> seen = new TreeSet<>();
        for (JavaClass type : imported) {
            String module = graph.moduleOf(type);
            if (module == null || !type.isTopLevelClass()) {
                continue;
            }
            String fileName = type.getSource().flatMap(s -> s.getFileName()).orElse(type.getSimpleName() + ".java");
            Path source = sourceRoot.resolve(type.getPackageName().replace('.', '/'))
                    .resolve(fileName);
            if (!Files.isRegularFile(source) || !seen.add(source)) {
                continue;
            }
            try {
                for (String table : SqlTables.usedBy(Files.readString(source), tables)) {
                    uses.add(new TableUse(type.getName(), module, table));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return uses;
    }

    /** A class naming a table in its SQL. */
    public record TableUse(String className, String module, String table) {
    }
}
