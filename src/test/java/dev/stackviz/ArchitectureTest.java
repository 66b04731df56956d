package dev.stackviz;

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
}
