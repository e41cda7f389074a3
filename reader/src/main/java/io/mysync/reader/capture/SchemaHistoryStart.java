package io.mysync.reader.capture;

import io.mysync.common.position.Checkpoint;
import io.mysync.common.schema.SchemaHistory;
import io.mysync.config.model.SourceConfig;
import io.mysync.config.model.StartMode;
import io.mysync.reader.source.PreflightProblem;
import io.mysync.reader.source.ServerInfo;
import io.mysync.reader.source.SourceConnection;
import io.mysync.reader.source.SourceRefusedException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a session starts and with which schema history. A history is kept while the server writes table maps
 * without column names ({@code binlog_row_metadata} other than FULL), or once a checkpoint carries one. It is
 * trusted from two places only: the checkpoint (or a dump's hand-over) that saved it, and information_schema read
 * before and after the binlog's end was taken, with no change between the two reads. Anywhere else the session is
 * refused, naming the recovery: the tables' definitions at an older position cannot be known.
 */
public final class SchemaHistoryStart {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaHistoryStart.class);
    private static final int ATTEMPTS = 5;

    /**
     * The start and its history ({@code null}: none kept, table maps name their columns).
     */
    public record Session(StartPoint start, SchemaHistory history) {
    }

    private SchemaHistoryStart() {
    }

    public static Session resolve(SourceConfig config, SourceConnection sql, ServerInfo server,
                                  Optional<Checkpoint> checkpoint) throws SQLException {
        String metadata = sql.variable("binlog_row_metadata").orElse("");
        boolean namesInMaps = metadata.equalsIgnoreCase("FULL");
        boolean atEnd = checkpoint.isEmpty() && config.start() == StartMode.LATEST;
        if (namesInMaps || !atEnd) {
            StartPoint start = StartPositions.resolve(config, sql, server, checkpoint);
            return new Session(start, carried(config, start, namesInMaps, metadata));
        }
        for (int attempt = 1; ; attempt++) {
            SchemaHistory before = SchemaHistory.read(sql.jdbc());
            StartPoint start = StartPositions.resolve(config, sql, server, checkpoint);
            SchemaHistory after = SchemaHistory.read(sql.jdbc());
            if (before.sameTables(after)) {
                LOG.info("binlog_row_metadata is {}: column names come from a schema history, read from "
                        + "information_schema at the binlog's end {} ({} tables, {} bytes in the checkpoint)",
                        metadata, start.position(), after.size(), after.text().length());
                return new Session(start.withSchemaHistory(after.text()), after);
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("the source's tables changed while the reader read their "
                        + "definitions " + ATTEMPTS + " times in a row (DDL running without pause); retry later");
            }
            LOG.info("A DDL ran while the reader read the schema at the binlog's end; reading it again");
        }
    }

    private static SchemaHistory carried(SourceConfig config, StartPoint start, boolean namesInMaps,
                                         String metadata) {
        String text = start.state().schemaHistory();
        if (!text.isEmpty()) {
            try {
                SchemaHistory history = SchemaHistory.parse(text);
                LOG.info("Schema history from {}: {} tables, version {}", start.origin(), history.size(),
                        history.version());
                return history;
            } catch (IllegalArgumentException e) {
                throw refuse(config, "the schema history in the checkpoint", "damaged (" + e.getMessage() + ")");
            }
        }
        if (namesInMaps) {
            return null;
        }
        throw refuse(config, "binlog_row_metadata", (metadata.isEmpty() ? "(not supported by this server version)"
                : metadata) + ", so table maps carry no column names, and no schema history is known at "
                + start.origin() + " (only the binlog's end, a checkpoint or a dump's hand-over give one)");
    }

    private static SourceRefusedException refuse(SourceConfig config, String what, String found) {
        return new SourceRefusedException(config.toString(), List.of(new PreflightProblem(what, found,
                "SET GLOBAL binlog_row_metadata = 'FULL' if you can (and in the server's config file); then, as "
                        + "the rows already written carry no names, stop the reader and re-load the captured tables "
                        + "with ./mysync dump: it records the schema at its hand-over position. See docs/schema-changes.md, "
                        + "Sources with binlog_row_metadata=MINIMAL")));
    }
}
