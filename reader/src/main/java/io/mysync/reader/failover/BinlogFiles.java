package io.mysync.reader.failover;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.EventType;
import io.mysync.config.model.SourceConfig;
import io.mysync.reader.source.BinlogClients;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads single binlog files of a server with short binlog sessions of their own, beside the reader's stream. */
public final class BinlogFiles {

    /** A binlog file of the server and its size when listed. */
    public record BinlogFile(String name, long size) {
    }

    private final SourceConfig source;

    public BinlogFiles(SourceConfig source) {
        this.source = source;
    }

    /** A session that reads {@code file} from its first event; the caller registers listeners and connects. */
    BinaryLogClient client(String file) {
        BinaryLogClient client = BinlogClients.create(source);
        client.setHeartbeatInterval(500);
        client.setBinlogFilename(file);
        client.setBinlogPosition(4);
        return client;
    }

    /** When the server began writing {@code file}: the time of its format description event. */
    public Instant startedAt(String file) throws IOException, TimeoutException {
        BinaryLogClient client = client(file);
        CompletableFuture<Long> first = new CompletableFuture<>();
        client.registerEventListener(event -> {
            if (event.getHeader().getEventType() == EventType.FORMAT_DESCRIPTION) {
                first.complete(event.getHeader().getTimestamp());
            }
        });
        client.connect(source.connectTimeout().toMillis());
        try {
            return Instant.ofEpochMilli(first.get(source.connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            throw new IOException("cannot read the start of " + file, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the start of " + file, e);
        } finally {
            client.disconnect();
        }
    }

    /** The newest of {@code files} (oldest first) that the server began before {@code time}. */
    public Optional<BinlogFile> newestStartedBefore(List<BinlogFile> files, Instant time)
            throws IOException, TimeoutException {
        for (int i = files.size() - 1; i >= 0; i--) {
            if (!startedAt(files.get(i).name()).isAfter(time)) {
                return Optional.of(files.get(i));
            }
        }
        return Optional.empty();
    }
}
