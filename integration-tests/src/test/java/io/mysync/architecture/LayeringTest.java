package io.mysync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mysync.common.event.SensitiveColumns;
import io.mysync.config.store.InstalledStores;
import io.mysync.config.store.StoreSettings;
import io.mysync.events.EventDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module dependency rules (ARCHITECTURE.md "Module rules"), checked on the compiled classes (as Debezium's
 * ArchUnit rules do).
 */
class LayeringTest {

    /** The packages of what MySync ships; dev tooling and tests may use any store. */
    private static final String[] PRODUCT = {"io.mysync.events..", "io.mysync.common..", "io.mysync.config..",
            "io.mysync.reader..",
            "io.mysync.writer..", "io.mysync.join..", "io.mysync.dump..", "io.mysync.runtime..", "io.mysync.cli.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mysync");
    }

    /** The events module is the library other teams' consumers use: nothing of the pipeline comes with it. */
    @Test
    void theEventsLibraryStandsAlone() {
        JavaClasses events = new ClassFileImporter()
                .importUrl(EventDecoder.class.getProtectionDomain().getCodeSource().getLocation());
        assertThat(events.contain(EventDecoder.class)).isTrue();
        assertThat(events.contain(SensitiveColumns.class)).as("only the events module's classes").isFalse();
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("io.mysync.events..",
                        "io.mysync.events.v1..", "java..", "com.google.protobuf..",
                        "com.fasterxml.jackson..", "org.apache.kafka.common.header..")
                .check(events);
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName(SensitiveColumns.class.getName())
                .check(events);
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
        // no sink, no back-off, no replay in the CLI: what a command does lives in the module that does it
        noClasses().that().resideInAPackage("io.mysync.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mysync.writer.api..", "io.mysync.common.retry..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.mysync.writer.SinkFactories")
                .check(classes);
    }

    /**
     * The join stage reads change topics and writes document topics: it knows the events and the configuration, no
     * reader, writer or store; the writer knows documents only as events ({@code joined_for}); Kafka Streams stays
     * inside the join stage.
     */
    @Test
    void theJoinStageStandsBetweenTheTopicsAndTheWriters() {
        noClasses().that().resideInAPackage("io.mysync.join..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mysync.reader..", "io.mysync.writer..",
                        "io.mysync.runtime..", "io.mysync.cli..", "io.mysync.dump..").check(classes);
        noClasses().that().resideInAnyPackage("io.mysync.reader..", "io.mysync.writer..", "io.mysync.dump..",
                        "io.mysync.config..", "io.mysync.common..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mysync.join..", "org.apache.kafka.streams..")
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

    /**
     * A store is one package (the one holding its {@link StoreSettings}): the product outside it never names it, and
     * stores never use each other, so adding a store is adding a package.
     */
    @Test
    void eachStoreIsAPackageNothingElseInTheProductUses() {
        List<String> stores = storePackages();
        assertThat(stores).as("store packages").hasSizeGreaterThanOrEqualTo(3);
        for (String store : stores) {
            noClasses().that().resideInAnyPackage(PRODUCT).and().resideOutsideOfPackage(store + "..")
                    .should().dependOnClassesThat().resideInAPackage(store + "..")
                    .because("a store's package is used only through StoreSettings and SinkFactory")
                    .check(classes);
        }
    }

    /** The config module reads every store's keys through {@link StoreSettings}; it names none of them. */
    @Test
    void configNamesNoStore() throws IOException {
        Pattern names = Pattern.compile("(?i)\\b(" + String.join("|", InstalledStores.names()) + ")\\b");
        List<String> naming;
        try (Stream<Path> files = Files.walk(Path.of("..", "config", "src", "main"))) {
            naming = files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return names.matcher(Files.readString(file)).find();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertThat(InstalledStores.names()).contains("redis", "elasticsearch", "hbase");
        assertThat(naming).as("config sources naming a store").isEmpty();
    }

    private static List<String> storePackages() {
        return classes.stream().filter(c -> !c.isInterface() && c.isAssignableTo(StoreSettings.class))
                .map(JavaClass::getPackageName).distinct().sorted().toList();
    }

    @Test
    void everyStoreSinkExtendsTheSharedBase() {
        classes().that().resideInAPackage("io.mysync.writer..").and().implement("io.mysync.writer.api.Sink")
                .should().beAssignableTo("io.mysync.writer.api.RowChangeSink").check(classes);
    }

    /**
     * The sink contract (writer/api) holds what a store implements and what it is handed; it knows neither the
     * writer loop nor Kafka's clients. A store sees the contract only: the writer's loop, dead letters and metrics
     * are not its business (the build enforces the same: a store module depends on writer/api alone).
     */
    @Test
    void storesSeeTheSinkContractOnly() {
        String[] writerLoop = {"io.mysync.writer", "io.mysync.writer.deadletter..", "io.mysync.writer.metrics.."};
        noClasses().that().resideInAPackage("io.mysync.writer.api..")
                .should().dependOnClassesThat().resideInAnyPackage(writerLoop)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.clients..", "io.micrometer..")
                .check(classes);
        for (String store : storePackages()) {
            noClasses().that().resideInAPackage(store + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(writerLoop)
                    .orShould().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.clients..",
                            "io.micrometer..")
                    .check(classes);
        }
    }

    @Test
    void inTheReaderOnlyTheEmitterMakesAndNumbersChangeEvents() {
        noClasses().that().resideInAPackage("io.mysync.reader..")
                .and().doNotHaveFullyQualifiedName("io.mysync.reader.capture.ChangeEmitter")
                .should().callMethod("io.mysync.events.v1.ChangeEvent", "newBuilder")
                .orShould().callMethod("io.mysync.events.v1.ChangeEvent$Builder", "setSeq", "long")
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
