package io.mysync.reader.failover;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.mysync.config.model.SourceConfig;
import io.mysync.reader.failover.BinlogFiles.BinlogFile;
import io.mysync.reader.schema.TableSchema;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.reader.source.ServerInfo;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for a failover marker in a server's binlogs, newest file first, and returns the point right after the
 * transaction that wrote it. Each file is read with a binlog session of its own up to its size at the time of the
 * search; the marker of a recent checkpoint is near the end of the newest file.
 */
public final class AnchorSearch {

    private static final Logger LOG = LoggerFactory.getLogger(AnchorSearch.class);
    private static final long FILE_TIMEOUT_MS = 600_000;

    /** Where the marker's transaction ends on the searched server. */
    public record Found(String file, long position, int filesRead) {
    }

    private final SourceConfig source;
    private final ServerInfo server;

    public AnchorSearch(SourceConfig source, ServerInfo server) {
        this.source = source;
        this.server = server;
    }

    /** @param files the server's binlogs, oldest first */
    public Optional<Found> find(long marker, List<BinlogFile> files) throws IOException, TimeoutException {
        int read = 0;
        for (int i = files.size() - 1; i >= 0; i--) {
            BinlogFile file = files.get(i);
            read++;
            long t0 = System.nanoTime();
            Optional<Long> end = scan(file, marker);
            LOG.info("Searched {} ({} bytes) for marker {} in {} ms: {}", file.name(), file.size(),
                    Long.toHexString(marker), (System.nanoTime() - t0) / 1_000_000,
                    end.map(p -> "found, its transaction ends at " + p).orElse("not there"));
            if (end.isPresent()) {
                return Optional.of(new Found(file.name(), end.get(), read));
            }
        }
        return Optional.empty();
    }

    private Optional<Long> scan(BinlogFile file, long marker) throws IOException, TimeoutException {
        BinaryLogClient client = new BinlogFiles(source).client(file.name());
        FileScan scan = new FileScan(file, marker, new TableSchemaFactory(server, (db, table) -> false));
        client.registerEventListener(event -> {
            // events keep arriving until the disconnect below: only the first end counts
            if (scan.done.getCount() > 0 && scan.accept(event)) {
                scan.done.countDown();
            }
        });
        client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
                scan.failure = ex;
                scan.done.countDown();
            }

            @Override
            public void onDisconnect(BinaryLogClient c) {
                scan.done.countDown();
            }
        });
        client.connect(source.connectTimeout().toMillis());
        try {
            if (!scan.done.await(FILE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("reading " + file.name() + " for the failover marker took over "
                        + FILE_TIMEOUT_MS / 1000 + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while searching " + file.name(), e);
        } finally {
            client.disconnect();
        }
        if (scan.failure != null && scan.end == null) {
            throw new IOException("reading " + file.name() + " for the failover marker failed: "
                    + scan.failure.getMessage(), scan.failure);
        }
        return Optional.ofNullable(scan.end);
    }

    /** Follows one file's events: anchor table maps, the marker's row, its transaction's end. */
    private final class FileScan {
        final CountDownLatch done = new CountDownLatch(1);
        final BinlogFile file;
        final long marker;
        final TableSchemaFactory schemas;
        final Map<Long, TableSchema> anchorTables = new HashMap<>();
        volatile Exception failure;
        volatile Long end;
        boolean seen;

        FileScan(BinlogFile file, long marker, TableSchemaFactory schemas) {
            this.file = file;
            this.marker = marker;
            this.schemas = schemas;
        }

        /** @return true when the scan of this file is over */
        boolean accept(Event event) {
            EventHeaderV4 header = event.getHeader();
            switch (header.getEventType()) {
                case ROTATE -> {
                    if (!((RotateEventData) event.getData()).getBinlogFilename().equals(file.name())) {
                        return true; // the file ended
                    }
                }
                case TABLE_MAP -> {
                    TableMapEventData map = event.getData();
                    if (AnchorRows.isAnchorTable(map.getDatabase(), map.getTable())) {
                        anchorTables.put(map.getTableId(), schemas.create(map));
                    }
                }
                case WRITE_ROWS, EXT_WRITE_ROWS -> {
                    WriteRowsEventData data = event.getData();
                    look(data.getTableId(), data.getRows());
                }
                case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                    UpdateRowsEventData data = event.getData();
                    look(data.getTableId(), data.getRows().stream().map(Map.Entry::getValue).toList());
                }
                case XID -> {
                    if (seen) {
                        end = header.getNextPosition();
                        return true;
                    }
                }
                case QUERY -> {
                    String sql = ((QueryEventData) event.getData()).getSql().trim();
                    if (seen && sql.equalsIgnoreCase("COMMIT")) {
                        end = header.getNextPosition();
                        return true;
                    }
                }
                case HEARTBEAT -> {
                    return true; // the server has nothing more to send: the end of the newest file
                }
                default -> {
                }
            }
            return header.getNextPosition() >= file.size() && !seen;
        }

        private void look(long tableId, List<Serializable[]> rows) {
            TableSchema schema = anchorTables.get(tableId);
            if (schema == null) {
                return;
            }
            for (Serializable[] cells : rows) {
                if (AnchorRows.marker(schema, cells, source.id()).orElse(-1) == marker) {
                    seen = true;
                }
            }
        }
    }
}
