package spd.compiler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, enforced on the compiled classes of the compiler and the runtime: no package
 * cycle anywhere, compiler packages depend only on the layers below them, sym and numeric on nothing of spd above
 * them, and the runtime never on the compiler.
 */
class ArchitectureTest {
    private static final JavaClasses SPD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("spd");

    /** Every package of spd is a slice; no slice may reach itself through others. */
    private static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("spd.(**)").should().beFreeOfCycles();

    /**
     * The compiler's packages from the bottom up; a package may depend on the tiers below its own, never on its own
     * tier's other packages or on a tier above.
     */
    private static final List<List<String>> COMPILER_TIERS = List.of(
            List.of("numeric"),
            List.of("sym"),
            List.of("source"),
            List.of("diag"),
            List.of("ast"),
            List.of("lang"),
            List.of("parse"),
            List.of("resolve"),
            List.of("check"),
            List.of("model"),
            List.of("driver"),
            List.of("penalty"),
            List.of("report", "codegen", "sweep"),
            List.of("bench"),
            List.of("cli"));

    @Test
    void noPackageCycleInTheCompilerOrTheRuntime() {
        NO_PACKAGE_CYCLES.check(SPD);
    }

    @Test
    void aPackageCycleFailsTheRule() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("spd.compiler.archfixture");
        AssertionError error = assertThrows(AssertionError.class, () -> NO_PACKAGE_CYCLES.check(cyclic));
        assertTrue(error.getMessage().contains("Cycle detected"), error.getMessage());
    }

    @Test
    void compilerPackagesDependOnlyOnLowerTiers() {
        for (int tier = 0; tier < COMPILER_TIERS.size(); tier++) {
            List<String> forbidden = new ArrayList<>();
            for (int other = tier; other < COMPILER_TIERS.size(); other++) {
                forbidden.addAll(COMPILER_TIERS.get(other));
            }
            for (String layer : COMPILER_TIERS.get(tier)) {
                List<String> targets = forbidden.stream()
                        .filter(p -> !p.equals(layer))
                        .map(p -> "spd.compiler." + p + "..")
                        .toList();
                if (!targets.isEmpty()) {
                    noClasses()
                            .that()
                            .resideInAPackage("spd.compiler." + layer + "..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(targets.toArray(String[]::new))
                            .because("the front end feeds the model and the model the back ends (docs/architecture.md)")
                            .check(SPD);
                }
            }
        }
    }

    @Test
    void symAndNumericDependOnNothingOfSpdAboveThem() {
        noClasses()
                .that()
                .resideInAnyPackage("spd.compiler.sym..", "spd.compiler.numeric..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "spd.runtime..",
                        "spd.grammar..",
                        "spd.compiler.source..",
                        "spd.compiler.diag..",
                        "spd.compiler.ast..",
                        "spd.compiler.lang..",
                        "spd.compiler.parse..",
                        "spd.compiler.resolve..",
                        "spd.compiler.check..",
                        "spd.compiler.model..",
                        "spd.compiler.driver..",
                        "spd.compiler.penalty..",
                        "spd.compiler.report..",
                        "spd.compiler.codegen..",
                        "spd.compiler.sweep..",
                        "spd.compiler.bench..",
                        "spd.compiler.cli..")
                .check(SPD);
    }

    @Test
    void runtimeNeverDependsOnTheCompiler() {
        noClasses()
                .that()
                .resideInAPackage("spd.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("spd.compiler..", "spd.grammar..")
                .check(SPD);
    }

    @Test
    void theChartStackDependsOnNothingOfSpd() {
        noClasses()
                .that()
                .resideInAPackage("spd.plot..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("spd.compiler..", "spd.runtime..", "spd.grammar..")
                .check(SPD);
    }

    @Test
    void everyPackageOfTheCompilerHasATier() {
        List<String> known = COMPILER_TIERS.stream()
                .flatMap(List::stream)
                .map(p -> "spd.compiler." + p)
                .toList();
        List<String> untiered = SPD.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith("spd.compiler."))
                .map(p -> p.split("\\.").length > 3
                        ? String.join(".", List.of(p.split("\\.")).subList(0, 3))
                        : p)
                .distinct()
                .filter(p -> !known.contains(p))
                .toList();
        assertTrue(untiered.isEmpty(), "packages without a tier in ArchitectureTest: " + untiered);
    }
}
