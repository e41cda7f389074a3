package io.mysync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * MySQL 8.4 removed {@code SHOW MASTER STATUS} and the SLAVE/MASTER replication statements that MariaDB keeps, so
 * which of them a server gets is decided in one place, {@code common.sql.SourceDialect}, from its version: no other
 * source file of the product or the sandbox names them.
 */
class SourceStatementsTest {

    private static final Pattern VERSIONED = Pattern.compile("(?i)SHOW\\s+(MASTER|BINARY\\s+LOG|BINLOG)\\s+STATUS"
            + "|SHOW\\s+(BINARY|MASTER)\\s+LOGS|SHOW\\s+(SLAVE|REPLICA)\\s+(STATUS|HOSTS)|SHOW\\s+REPLICAS"
            + "|(START|STOP|RESET)\\s+(SLAVE|REPLICA)|CHANGE\\s+(MASTER|REPLICATION\\s+SOURCE)\\s+TO"
            + "|(MASTER|SOURCE)_POS_WAIT");

    private static final List<String> ROOTS = List.of("events", "common", "config", "reader", "writer", "dump-tool",
            "runtime", "cli", "dev/sandbox", "dev/tools");

    @Test
    void onlySourceDialectNamesTheVersionedStatements() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = ROOTS.stream().map(root -> Path.of("..", root, "src", "main"))
                .filter(Files::isDirectory).flatMap(SourceStatementsTest::javaFiles)) {
            offenders = files.filter(file -> !file.getFileName().toString().equals("SourceDialect.java"))
                    .filter(file -> VERSIONED.matcher(read(file)).find()).map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
        assertThat(read(Path.of("..", "common", "src", "main", "java", "io", "mysync", "common", "sql",
                "SourceDialect.java"))).containsPattern(VERSIONED);
    }

    private static Stream<Path> javaFiles(Path root) {
        try {
            return Files.walk(root).filter(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
