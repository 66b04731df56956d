package dev.stackviz;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers: model (pure) under frame (what one picture shows) and machine (the switch); session
 * (the state machine) over both; view (the painter) over frame only; tui (the terminal loop) and
 * cli (the commands) on top. A picture is drawn from a frame alone.
 *
 * <p>Inside the machine: the root package is the API the rest uses (Machine, Run, TracedRun, the
 * fibers, Machines, Watchdog, Bench); three backends under it that know nothing of each other
 * (inprocess, isolated, simulated); the ptrace engine (trace), which knows no backend; and sys,
 * the only package that touches JNA, over nothing of ours but the model.
 */
@AnalyzeClasses(packages = "dev.stackviz", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("dev.stackviz.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theModelDependsOnNothingOfOurs = noClasses().that().resideInAPackage("..model..")
            .should().dependOnClassesThat().resideInAnyPackage("..frame..", "..machine..", "..session..", "..view..",
                    "..tui..", "..cli..", "..record..");

    @ArchTest
    static final ArchRule aFrameIsBuiltFromTheModelOnly = noClasses().that().resideInAPackage("..frame..")
            .should().dependOnClassesThat().resideInAnyPackage("..machine..", "..session..", "..view..", "..tui..",
                    "..cli..");

    @ArchTest
    static final ArchRule thePainterReachesNoMachineAndNoSession = noClasses().that().resideInAPackage("..view..")
            .should().dependOnClassesThat().resideInAnyPackage("..machine..", "..session..", "..tui..", "..cli..");

    @ArchTest
    static final ArchRule theMachinesKnowNothingOfTheView = noClasses().that().resideInAPackage("..machine..")
            .should().dependOnClassesThat().resideInAnyPackage("..frame..", "..session..", "..view..", "..tui..",
                    "..cli..");

    @ArchTest
    static final ArchRule theSessionHasNoLanterna = noClasses().that().resideInAnyPackage("..session..", "..frame..",
            "..model..", "..machine..").should().dependOnClassesThat().resideInAPackage("com.googlecode.lanterna..");

    @ArchTest
    static final ArchRule onlyTheCommandsUsePicocli = noClasses().that().resideOutsideOfPackage("..cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule onlyTheSystemLayerTouchesJna = noClasses().that().resideOutsideOfPackage("..machine.sys..")
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..");

    @ArchTest
    static final ArchRule outsideTheMachineOnlyItsApiIsUsed = noClasses().that()
            .resideOutsideOfPackage("dev.stackviz.machine..").should().dependOnClassesThat()
            .resideInAPackage("dev.stackviz.machine.*..");

    @ArchTest
    static final ArchRule theMachinesSubpackagesHaveNoCycles = slices().matching("dev.stackviz.machine.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theInProcessBackendStandsAlone = noClasses().that().resideInAPackage("..machine.inprocess..")
            .should().dependOnClassesThat().resideInAnyPackage("..machine.isolated..", "..machine.simulated..",
                    "..machine.trace..");

    @ArchTest
    static final ArchRule theIsolatedBackendStandsAlone = noClasses().that().resideInAPackage("..machine.isolated..")
            .should().dependOnClassesThat().resideInAnyPackage("..machine.inprocess..", "..machine.simulated..");

    @ArchTest
    static final ArchRule theSimulatedBackendStandsAlone = noClasses().that().resideInAPackage("..machine.simulated..")
            .should().dependOnClassesThat().resideInAnyPackage("..machine.inprocess..", "..machine.isolated..",
                    "..machine.trace..");

    /** The engine is reusable: it knows no backend and not the API either, only the system layer and the model. */
    @ArchTest
    static final ArchRule theTraceEngineKnowsOnlyTheSystemAndTheModel = classes().that()
            .resideInAPackage("..machine.trace..").should().onlyDependOnClassesThat().resideInAnyPackage(
                    "..machine.trace..", "..machine.sys..", "..model..", "java..");

    @ArchTest
    static final ArchRule theSystemLayerKnowsOnlyTheModel = classes().that().resideInAPackage("..machine.sys..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("..machine.sys..", "..model..", "java..",
                    "com.sun.jna..");
}
