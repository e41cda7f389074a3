package io.mysync.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.runtime.monitor.AlertLevel;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import io.mysync.common.schema.ColumnDefinition;
import io.mysync.common.schema.SchemaHistory;
import io.mysync.common.schema.TableDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void aCheckpointWithoutSchemaHistorySaysNamesComeFromTableMaps() throws Exception {
        List<SourceStatus> sources = status("");

        assertThat(StatusView.text(sources, NOW)).contains("mysql-bin.000003:4711",
                "schema       column names from the binlog's table maps (no schema history kept)");
        assertThat(json(sources).at("/reader/checkpoint/schema_history").isNull()).isTrue();
    }

    @Test
    void aCheckpointsSchemaHistoryIsShownByVersionTablesAndSize() throws Exception {
        SchemaHistory history = SchemaHistory.of(Map.of(
                new SchemaHistory.TableId("shop", "items"), new TableDefinition(List.of(
                        new ColumnDefinition("id", "int"), new ColumnDefinition("name", "varchar(20)")), List.of("id")),
                new SchemaHistory.TableId("shop", "logs"), new TableDefinition(List.of(
                        new ColumnDefinition("id", "bigint")), List.of("id"))));
        history.remove("shop", "logs");
        history.define("shop", "orders", new TableDefinition(List.of(new ColumnDefinition("id", "int")),
                List.of("id")));
        String text = history.text();
        List<SourceStatus> sources = status(text);

        assertThat(StatusView.text(sources, NOW)).contains("schema       schema history version 3, 2 tables, "
                + text.length() + " bytes in the checkpoint");
        JsonNode node = json(sources).at("/reader/checkpoint/schema_history");
        assertThat(node.get("version").asLong()).isEqualTo(3);
        assertThat(node.get("tables").asInt()).isEqualTo(2);
        assertThat(node.get("bytes").asInt()).isEqualTo(text.length());
    }

    @Test
    void aDamagedSchemaHistoryIsNamedNotThrown() throws Exception {
        List<SourceStatus> sources = status("bm90IGRlZmxhdGVk");

        assertThat(StatusView.text(sources, NOW)).contains("schema history damaged: ");
        assertThat(json(sources).at("/reader/checkpoint/schema_history/damaged").asText()).isNotEmpty();
    }

    private static List<SourceStatus> status(String schemaHistory) {
        Position position = new Position("mysql-bin.000003", 4711, "", 1, "");
        Checkpoint checkpoint = new Checkpoint("shop", new ReaderState(position, 42).withSchemaHistory(schemaHistory),
                NOW.minusSeconds(3));
        ReaderStatus reader = new ReaderStatus(false, List.of(), Optional.of(checkpoint), "file checkpoints",
                Optional.of(position), 0, AlertLevel.OK, "");
        return List.of(new SourceStatus("shop", "mariadb 127.0.0.1:23306", reader, List.of()));
    }

    private static JsonNode json(List<SourceStatus> sources) throws Exception {
        return new ObjectMapper().readTree(StatusView.json(sources)).get(0);
    }
}
