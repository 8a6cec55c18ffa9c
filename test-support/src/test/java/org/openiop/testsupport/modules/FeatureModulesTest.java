package org.openiop.testsupport.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;

/** The module rules themselves: they find a cycle and a foreign table, and a frozen rule fails on a new one. */
class FeatureModulesTest {

    static final String FIXTURE = "org.openiop.testsupport.modules.fixture";
    static final Path SOURCES = Path.of("src/test/java");
    static final Path MIGRATIONS = Path.of("src/test/resources/modules-fixture/db");
    static final Map<String, String> OWNERS = Map.of("alpha_item", "alpha", "beta_item", "beta");

    @TempDir
    Path moduleDir;

    String baselineFlag;

    @BeforeEach
    void withoutBaselineFlag() {
        // a service's baseline run (-Dmodules.freeze.baseline=true) must not change what these tests see
        baselineFlag = System.clearProperty(FeatureModules.BASELINE_PROPERTY);
    }

    @AfterEach
    void restoreBaselineFlag() {
        if (baselineFlag != null) {
            System.setProperty(FeatureModules.BASELINE_PROPERTY, baselineFlag);
        }
    }

    @Test
    void migrationsDeclareTheTablesTheyCreateAndKeep() {
        assertThat(SqlTables.declaredIn(MIGRATIONS)).containsExactly("alpha_item", "beta_item");
    }

    @Test
    void sqlInTextBlocksAndConcatenatedStringsCountsCommentsDoNot() {
        var known = java.util.Set.of("alpha_item", "beta_item");
        assertThat(SqlTables.usedBy("""
                // select * from beta_item
                /* update beta_item */
                String a = \"""
                    select 1 from scheduling.alpha_item\""";
                String b = "delete " + "from " + "beta_item";
                char q = '"';
                """, known)).containsExactly("alpha_item", "beta_item");
        assertThat(SqlTables.usedBy("String s = \"the beta_item page\";", known)).isEmpty();
    }

    @Test
    void aCleanServicePasses() {
        FeatureModules clean = modules(FIXTURE + ".clean", classes(FIXTURE + ".clean"));
        assertThat(clean.ownershipProblems()).isEmpty();
        assertThat(clean.noCycles().evaluate(clean.classes()).hasViolation()).isFalse();
        assertThat(clean.tablesOnlyInOwningModule().evaluate(clean.classes()).hasViolation()).isFalse();
        assertThat(clean.graph().edges()).containsExactly(new ModuleGraph.Edge("alpha", "beta", false));
    }

    @Test
    void aCycleAndAForeignTableAreViolations() {
        FeatureModules tangled = modules(FIXTURE + ".tangled", classes(FIXTURE + ".tangled"));
        EvaluationResult cycles = tangled.noCycles().evaluate(tangled.classes());
        assertThat(cycles.getFailureReport().getDetails()).containsExactlyInAnyOrder(
                "feature package alpha uses beta, and beta leads back to alpha (a cycle)",
                "feature package beta uses alpha, and alpha leads back to beta (a cycle)",
                "feature package beta uses gamma, and gamma leads back to beta (a cycle)",
                "feature package gamma uses alpha, and alpha leads back to gamma (a cycle)");
        EvaluationResult tables = tangled.tablesOnlyInOwningModule().evaluate(tangled.classes());
        assertThat(tables.getFailureReport().getDetails()).containsExactlyInAnyOrder(
                FIXTURE + ".tangled.beta.BetaItems (beta) names table alpha_item in SQL, owned by alpha",
                FIXTURE + ".tangled.gamma.GammaItems (gamma) names table beta_item in SQL, owned by beta");
        assertThat(tangled.graph().cycles()).hasSize(1);
        assertThat(tangled.diagram()).contains("m_alpha --> m_beta", "linkStyle 0,1,2,3 stroke:#c62828",
                "Packages in a cycle: alpha, beta, gamma.");
    }

    @Test
    void frozenRulesPassOnRecordedViolationsAndFailOnNewOnes() throws Exception {
        // round 1: alpha and beta only (alpha <-> beta is a cycle, beta reads alpha's table); recorded as baseline
        FeatureModules before = modules(FIXTURE + ".tangled", classes(FIXTURE + ".tangled.alpha",
                FIXTURE + ".tangled.beta"));
        // no store and no baseline flag: refused, so a lost store can never accept today's violations silently
        assertThatThrownBy(() -> before.frozen(before.noCycles())).hasMessageContaining("allowStoreCreation");
        System.setProperty(FeatureModules.BASELINE_PROPERTY, "true");
        try {
            before.frozen(before.noCycles()).check(before.classes());
            before.frozen(before.tablesOnlyInOwningModule()).check(before.classes());
        } finally {
            System.clearProperty(FeatureModules.BASELINE_PROPERTY);
        }
        assertThat(Files.list(moduleDir.resolve("src/test/resources/archunit_store")).map(p -> p.getFileName()
                .toString()).toList()).contains("stored.rules",
                        "feature-packages-of-org-openiop-testsupport-modules-fixture-tangled-form-no-cycle.txt");
        // the same classes pass against the store; a rule missing from an existing store is refused too
        assertThatThrownBy(() -> before.frozen(before.noCycles().as("another rule")))
                .hasMessageContaining("No frozen violations for rule 'another rule'");
        before.frozen(before.noCycles()).check(before.classes());
        before.frozen(before.tablesOnlyInOwningModule()).check(before.classes());

        // round 2: gamma arrives, uses alpha (closing beta -> gamma -> alpha -> beta) and writes beta's table
        FeatureModules after = modules(FIXTURE + ".tangled", classes(FIXTURE + ".tangled"));
        assertThatThrownBy(() -> after.frozen(after.noCycles()).check(after.classes()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("feature package gamma uses alpha, and alpha leads back to gamma (a cycle)")
                .hasMessageNotContaining("feature package alpha uses beta");
        assertThatThrownBy(() -> after.frozen(after.tablesOnlyInOwningModule()).check(after.classes()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GammaItems (gamma) names table beta_item in SQL, owned by beta")
                .hasMessageNotContaining("BetaItems");
    }

    @Test
    void strictRulesRunUnfrozenAndRefuseAStoreEntry() {
        // no store at all: a clean service passes, a tangled one fails on every violation
        FeatureModules clean = modules(FIXTURE + ".clean", classes(FIXTURE + ".clean"));
        clean.strict(FeatureModules.Rule.CYCLES, FeatureModules.Rule.TABLES).verify();
        FeatureModules tangled = modules(FIXTURE + ".tangled", classes(FIXTURE + ".tangled"))
                .strict(FeatureModules.Rule.CYCLES, FeatureModules.Rule.TABLES);
        assertThatThrownBy(tangled::verify).isInstanceOf(AssertionError.class)
                .hasMessageContaining("feature package alpha uses beta, and beta leads back to alpha (a cycle)")
                .hasMessageContaining("BetaItems (beta) names table alpha_item in SQL, owned by alpha");
        // a store entry left for a strict rule is refused, even when its classes are clean
        System.setProperty(FeatureModules.BASELINE_PROPERTY, "true");
        try {
            clean.frozen(clean.noCycles()).check(clean.classes());
        } finally {
            System.clearProperty(FeatureModules.BASELINE_PROPERTY);
        }
        assertThatThrownBy(() -> clean.strict(FeatureModules.Rule.CYCLES, FeatureModules.Rule.TABLES).verify())
                .hasMessageContaining("runs unfrozen (strict) but still has an entry");
    }

    @Test
    void undeclaredTablesAndUnknownOwnersAreReported() {
        FeatureModules modules = FeatureModules.of(FIXTURE + ".clean", classes(FIXTURE + ".clean"), moduleDir,
                SOURCES, MIGRATIONS, Map.of("alpha_item", "alpha", "gone_item", "delta"));
        assertThat(modules.ownershipProblems()).containsExactlyInAnyOrder(
                "table beta_item (created by a migration) has no owning feature package declared",
                "declared table gone_item is created by no migration",
                "table gone_item is declared owned by delta, which is no feature package of " + FIXTURE
                        + ".clean [alpha, beta]");
        assertThatThrownBy(modules::verify).hasMessageContaining("beta_item");
    }

    @Test
    void anotherPackagesPublishedViewMayBeNamedButNotItsTableAndAViewReadsOnlyItsOwnersTables() {
        Path migrations = Path.of("src/test/resources/modules-fixture-views/db");
        assertThat(SqlTables.declaredIn(migrations)).containsExactly("alpha_item", "beta_item");
        assertThat(SqlTables.viewsDeclaredIn(migrations)).containsExactly("alpha_item_published",
                "beta_item_published");
        FeatureModules views = FeatureModules.of(FIXTURE + ".views", classes(FIXTURE + ".views"), moduleDir, SOURCES,
                migrations, Map.of("alpha_item", "alpha", "beta_item", "beta", "alpha_item_published", "alpha",
                        "beta_item_published", "beta"));
        assertThat(views.ownershipProblems()).containsExactly(
                "view beta_item_published is published by beta but reads table alpha_item, owned by alpha");
        assertThat(views.tablesOnlyInOwningModule().evaluate(views.classes()).getFailureReport().getDetails())
                .containsExactly(FIXTURE + ".views.beta.BetaItems (beta) names table alpha_item in SQL, owned by alpha");
        assertThat(views.diagram()).contains("| `alpha` | alpha_item, alpha_item_published (published view) |  |");
    }

    @Test
    void theDiagramIsWrittenBetweenItsMarkersAndRewrittenInPlace() throws Exception {
        FeatureModules clean = modules(FIXTURE + ".clean", classes(FIXTURE + ".clean"));
        Path readme = moduleDir.resolve("README.md");
        Files.writeString(readme, "# A service\n\nText.\n");
        assertThat(clean.writeDiagram(readme, "## Feature modules")).isTrue();
        String first = Files.readString(readme);
        assertThat(first).startsWith("# A service\n\nText.\n\n## Feature modules\n\n" + FeatureModules.DIAGRAM_BEGIN)
                .contains("m_alpha --> m_beta", "No package cycle.", "| `alpha` | alpha_item |  |")
                .endsWith(FeatureModules.DIAGRAM_END + "\n");
        Files.writeString(readme, first + "\n## Later section\n");
        assertThat(clean.writeDiagram(readme, "## Feature modules")).isFalse();
        assertThat(Files.readString(readme)).isEqualTo(first + "\n## Later section\n");
    }

    private FeatureModules modules(String root, JavaClasses classes) {
        return FeatureModules.of(root, classes, moduleDir, SOURCES, MIGRATIONS, OWNERS);
    }

    private static JavaClasses classes(String... packages) {
        return new ClassFileImporter().importPackages(List.of(packages));
    }
}
