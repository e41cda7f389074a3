package io.mysync.reader.decode;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An {@link EventDeserializer} whose row deserializers read temporal cells with {@link TemporalCells} and leave
 * text as bytes (decoded later with the column's own charset).
 */
public final class ExactRowsDeserializers {

    private ExactRowsDeserializers() {
    }

    public static EventDeserializer create() {
        Map<Long, TableMapEventData> tableMaps = new HashMap<>();
        EventDeserializer deserializer = new EventDeserializer(
                new EventHeaderV4Deserializer(),
                new NullEventDataDeserializer(),
                new IdentityHashMap<>(), tableMaps);
        EventDeserializer defaults = new EventDeserializer();
        for (EventType type : EventType.values()) {
            var standard = defaults.getEventDataDeserializer(type);
            if (standard != null && !(standard instanceof NullEventDataDeserializer)) {
                deserializer.setEventDataDeserializer(type, standard);
            }
        }
        deserializer.setEventDataDeserializer(EventType.WRITE_ROWS, new Write(tableMaps));
        deserializer.setEventDataDeserializer(EventType.EXT_WRITE_ROWS, new Write(tableMaps)
                .setMayContainExtraInformation(true));
        deserializer.setEventDataDeserializer(EventType.UPDATE_ROWS, new Update(tableMaps));
        deserializer.setEventDataDeserializer(EventType.EXT_UPDATE_ROWS, new Update(tableMaps)
                .setMayContainExtraInformation(true));
        deserializer.setEventDataDeserializer(EventType.DELETE_ROWS, new Delete(tableMaps));
        deserializer.setEventDataDeserializer(EventType.EXT_DELETE_ROWS, new Delete(tableMaps)
                .setMayContainExtraInformation(true));
        deserializer.setCompatibilityMode(CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        return deserializer;
    }

    private static Serializable cell(ColumnType type, int meta, ByteArrayInputStream in) throws IOException {
        return TemporalCells.read(type.getCode(), meta, in);
    }

    private static final class Write extends WriteRowsEventDataDeserializer {
        Write(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return TemporalCells.handles(type.getCode()) ? cell(type, meta, in)
                    : super.deserializeCell(type, meta, length, in);
        }
    }

    private static final class Update extends UpdateRowsEventDataDeserializer {
        Update(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return TemporalCells.handles(type.getCode()) ? cell(type, meta, in)
                    : super.deserializeCell(type, meta, length, in);
        }
    }

    private static final class Delete extends DeleteRowsEventDataDeserializer {
        Delete(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return TemporalCells.handles(type.getCode()) ? cell(type, meta, in)
                    : super.deserializeCell(type, meta, length, in);
        }
    }
}
