package io.mysync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module dependency rules (ARCHITECTURE.md "Module rules"), checked on the compiled classes (as Debezium's
 * ArchUnit rules do).
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mysync");
    }

    @Test
    void commonIsTheContractAndDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.mysync.common..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mysync.config..", "io.mysync.reader..",
                        "io.mysync.writer..", "io.mysync.sandbox..", "io.mysync.cli..")
                .check(classes);
    }

    @Test
    void theProductNeverDependsOnTheDevTooling() {
        noClasses().that().resideInAnyPackage("io.mysync.common..", "io.mysync.config..", "io.mysync.reader..",
                        "io.mysync.writer..", "io.mysync.dump..", "io.mysync.runtime..", "io.mysync.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mysync.dev..", "io.mysync.sandbox..")
                .check(classes);
    }

    @Test
    void theRuntimeWiresThePipelineAndTheCliOnlyParsesAndPrints() {
        noClasses().that().resideInAPackage("io.mysync.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mysync.cli..", "picocli..").check(classes);
        noClasses().that().resideInAnyPackage("io.mysync.reader..", "io.mysync.writer..", "io.mysync.dump..")
                .should().dependOnClassesThat().resideInAPackage("io.mysync.runtime..").check(classes);
        noClasses().that().resideInAPackage("io.mysync.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("redis.clients..", "co.elastic.clients..",
                        "org.apache.hadoop..", "org.apache.kafka..", "com.github.shyiko..")
                .check(classes);
    }

    @Test
    void readerAndWriterNeverImportEachOther() {
        noClasses().that().resideInAPackage("io.mysync.reader..")
                .should().dependOnClassesThat().resideInAPackage("io.mysync.writer..").check(classes);
        noClasses().that().resideInAPackage("io.mysync.writer..")
                .should().dependOnClassesThat().resideInAPackage("io.mysync.reader..").check(classes);
    }

    @Test
    void storeSdksStayInsideTheirSinkPackage() {
        noClasses().that().resideInAPackage("io.mysync.writer..").and().resideOutsideOfPackage("io.mysync.writer.redis..")
                .should().dependOnClassesThat().resideInAPackage("redis.clients..").check(classes);
        noClasses().that().resideInAnyPackage("io.mysync.common..", "io.mysync.config..", "io.mysync.reader..")
                .should().dependOnClassesThat().resideInAPackage("redis.clients..").check(classes);
        noClasses().that().resideInAPackage("io.mysync.writer..")
                .and().resideOutsideOfPackage("io.mysync.writer.elasticsearch..")
                .should().dependOnClassesThat().resideInAPackage("co.elastic.clients..").check(classes);
        noClasses().that().resideInAPackage("io.mysync.writer..").and().resideOutsideOfPackage("io.mysync.writer.hbase..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.hadoop..").check(classes);
        noClasses().that().resideInAnyPackage("io.mysync.common..", "io.mysync.config..", "io.mysync.reader..")
                .should().dependOnClassesThat().resideInAnyPackage("co.elastic.clients..", "org.apache.hadoop..")
                .check(classes);
        // the row-by-row comparisons the demo and the tests use live in dev (io.mysync.dev.compare); the product's
        // verify goes through each store's RowVerifier
        noClasses().that().resideInAnyPackage("io.mysync.runtime..", "io.mysync.dump..")
                .should().dependOnClassesThat().resideInAnyPackage("redis.clients..", "co.elastic.clients..",
                        "org.apache.hadoop..", "org.elasticsearch.client..")
                .check(classes);
    }

    @Test
    void everyStoreSinkExtendsTheSharedBase() {
        classes().that().resideInAPackage("io.mysync.writer..").and().implement("io.mysync.common.spi.Sink")
                .should().beAssignableTo("io.mysync.writer.RowChangeSink").check(classes);
    }

    @Test
    void inTheReaderOnlyTheEmitterMakesAndNumbersChangeEvents() {
        noClasses().that().resideInAPackage("io.mysync.reader..")
                .and().doNotHaveFullyQualifiedName("io.mysync.reader.capture.ChangeEmitter")
                .should().callMethod("io.mysync.common.event.ChangeEvent", "newBuilder")
                .orShould().callMethod("io.mysync.common.event.ChangeEvent$Builder", "setSeq", "long")
                .check(classes);
    }

    @Test
    void onlyTheReaderTouchesTheBinlogClient() {
        noClasses().that().resideOutsideOfPackages("io.mysync.reader..", "io.mysync.dev.bench..")
                .should().dependOnClassesThat().resideInAPackage("com.github.shyiko..").check(classes);
    }

    @Test
    void electionAndZooKeeperStayInTheReadersHaPackage() {
        noClasses().that().resideInAPackage("io.mysync..").and().resideOutsideOfPackage("io.mysync.reader.ha..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.curator..", "org.apache.zookeeper..")
                .check(classes);
    }
}
