package io.mysync.dev.bench;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.mysync.common.position.Position;
import io.mysync.reader.source.BinlogClients;
import io.mysync.config.model.SourceConfig;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling: the binlog client alone, connected as the reader connects (same TLS, same exact row decoding),
 * deserializing rows between two positions and doing nothing else.
 */
public final class BareBinlogRead {

    private BareBinlogRead() {
    }

    /** @return rows read per second */
    public static double rowsPerSecond(SourceConfig source, Position from, Position to, long serverId)
            throws Exception {
        BinaryLogClient client = BinlogClients.create(source); // the reader's connection: TLS, exact row decoding
        client.setServerId(serverId);
        client.setBinlogFilename(from.binlogFile());
        client.setBinlogPosition(from.binlogPosition());
        AtomicLong rows = new AtomicLong();
        String[] file = {from.binlogFile()};
        long[] done = {0};
        client.registerEventListener(event -> {
            EventType type = event.getHeader().getEventType();
            if (type == EventType.ROTATE) {
                file[0] = ((RotateEventData) event.getData()).getBinlogFilename();
            } else if (EventType.isWrite(type)) {
                rows.addAndGet(((WriteRowsEventData) event.getData()).getRows().size());
            } else if (EventType.isUpdate(type)) {
                rows.addAndGet(((UpdateRowsEventData) event.getData()).getRows().size());
            } else if (EventType.isDelete(type)) {
                rows.addAndGet(((DeleteRowsEventData) event.getData()).getRows().size());
            }
            long next = ((EventHeaderV4) event.getHeader()).getNextPosition();
            int files = file[0].compareTo(to.binlogFile());
            if (done[0] == 0 && (files > 0 || (files == 0 && next >= to.binlogPosition()))) {
                done[0] = System.nanoTime();
                new Thread(() -> {
                    try {
                        client.disconnect();
                    } catch (java.io.IOException ignored) {
                        // finished anyway
                    }
                }).start();
            }
        });
        long start = System.nanoTime();
        client.connect();
        long end = done[0] == 0 ? System.nanoTime() : done[0];
        return rows.get() / ((end - start) / 1e9);
    }
}
