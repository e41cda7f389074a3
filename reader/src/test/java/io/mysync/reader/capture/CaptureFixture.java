package io.mysync.reader.capture;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.common.position.ReaderState;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MappingConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.SchemaChangePolicy;
import io.mysync.reader.backfill.Backfills;
import io.mysync.reader.publish.EventPublisher;
import io.mysync.reader.publish.InflightTransactions;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.common.sql.ServerFlavor;
import io.mysync.common.sql.SourceDialect;
import io.mysync.reader.source.ServerInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The source the capture tests read: source {@code shop}, server_id 1, one mapped table {@code shop.orders}. */
final class CaptureFixture {

    static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    static final MySyncConfig CONFIG = new ConfigLoader(Map.of()).read("t.yaml", """
            source: { id: shop, url: "mysql://u@h:1", server_id: 99 }
            kafka: { bootstrap: "h:1" }
            sinks: { memo: { url: "memo://h" } }
            mappings: [ { table: shop.orders, memo: { key: "order:{id}" } } ]
            """);

    private CaptureFixture() {
    }

    static ServerInfo server(ServerFlavor flavor) {
        SourceDialect dialect = SourceDialect.ofVersion(flavor == ServerFlavor.MARIADB ? "10.11.6-MariaDB" : "8.0.36");
        return new ServerInfo(dialect, 1, UUID, true, Map.of(255, StandardCharsets.UTF_8));
    }

    static TableSchemaFactory schemas(ServerInfo server) {
        return new TableSchemaFactory(server, CONFIG::captures);
    }

    static SchemaChanges schemaChanges(TableSchemaFactory schemas, Backfills backfills) {
        return new SchemaChanges((db, table) -> CONFIG.mappingOf(db, table).map(MappingConfig::schemaChanges)
                .orElse(SchemaChangePolicy.DEFAULT), schemas::captureFilter, backfills);
    }

    /** Keeps what it is given to publish, and the next seq at each transaction's end. */
    static final class RecordingPublisher implements EventPublisher {
        final List<ChangeEvent> events = new ArrayList<>();
        final List<Long> transactionEnds = new ArrayList<>();

        @Override
        public void publish(ChangeEvent event, InflightTransactions.Txn txn) {
            events.add(event);
        }

        @Override
        public void endOfTransaction(ReaderState end, long commitTimeMs) {
            transactionEnds.add(end.nextSeq());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
