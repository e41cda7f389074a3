package io.mysync.writer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import io.mysync.events.v1.Bits;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Date;
import io.mysync.events.v1.DateTime;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.RowMap;
import io.mysync.events.v1.Rows;
import io.mysync.events.v1.SetValue;
import io.mysync.events.v1.SourcePosition;
import io.mysync.events.v1.Time;
import io.mysync.events.v1.Timestamp;
import io.mysync.events.v1.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link ChangeEvent} from its protobuf bytes to the same message {@code ChangeEvent.parseFrom} gives, with
 * less CPU (1.3 to 1.6 times faster in {@code ./mysync bench}): the rows, columns and values are built directly
 * instead of through protobuf's nested builders, and each column's name and type, the database and the table come
 * from {@link RepeatedStrings}, decoded once and shared while the same place in the events holds the same bytes,
 * instead of decoded for every row. Invalid UTF-8 and truncated input are refused as protobuf refuses
 * them; fields this version does not know are skipped; a message field sent twice keeps the last one, except the
 * images, whose columns are joined as protobuf joins them (the reader sends every field once).
 * {@code ChangeEventParserTest} fills every field the {@code .proto} declares and checks both parsers agree, so a
 * field added there without being added here fails the build. One instance per thread.
 */
public final class ChangeEventParser {

    private static final ExtensionRegistryLite NO_EXTENSIONS = ExtensionRegistryLite.getEmptyRegistry();

    /** Where each repeating string sits, as {@link RepeatedStrings} slots. */
    private static final int SOURCE = 0;
    private static final int DATABASE = 1;
    private static final int TABLE = 2;
    private static final int TRANSACTION = 3;
    private static final int GTID = 4;
    private static final int BINLOG_FILE = 5;
    private static final int KEY_COLUMNS = 8;
    private static final int COLUMNS = 16;

    private final RepeatedStrings strings = new RepeatedStrings();
    private byte[] array;
    private CodedInputStream input;

    public ChangeEvent parse(byte[] bytes) throws InvalidProtocolBufferException {
        this.array = bytes;
        this.input = CodedInputStream.newInstance(bytes);
        try {
            ChangeEvent event = event();
            input.checkLastTagWas(0);
            return event;
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
    }

    private ChangeEvent event() throws IOException {
        ChangeEvent.Builder event = ChangeEvent.newBuilder();
        List<Column> before = null;
        List<Column> after = null;
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            switch (tag) {
                case 10 -> event.setSourceId(repeated(SOURCE));
                case 16 -> event.setSeq(input.readUInt64());
                case 24 -> event.setOpValue(input.readEnum());
                case 34 -> event.setDatabase(repeated(DATABASE));
                case 42 -> event.setTable(repeated(TABLE));
                case 48 -> event.setSchemaVersion(input.readUInt32());
                case 58 -> event.addPrimaryKey(repeated(KEY_COLUMNS + event.getPrimaryKeyCount() % 8));
                case 66 -> before = columns(before);
                case 74 -> after = columns(after);
                case 82 -> event.setPosition(position());
                case 88 -> event.setCommitTimeMs(input.readInt64());
                case 98 -> event.setTransactionId(repeated(TRANSACTION));
                case 104 -> event.setLastInTransaction(input.readBool());
                case 114 -> event.setStatement(input.readStringRequireUtf8());
                case 122 -> event.setJoinedFor(input.readStringRequireUtf8());
                default -> skip(tag);
            }
        }
        if (before != null) {
            event.setBefore(Row.newBuilder().addAllColumns(before));
        }
        if (after != null) {
            event.setAfter(Row.newBuilder().addAllColumns(after));
        }
        return event.build();
    }

    /** One row image's columns, added to those of an earlier occurrence of the same image. */
    private List<Column> columns(List<Column> earlier) throws IOException {
        List<Column> columns = earlier == null ? new ArrayList<>() : earlier;
        int limit = input.pushLimit(input.readRawVarint32());
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            if (tag == 10) {
                columns.add(column(COLUMNS + 3 * (columns.size() % 336)));
            } else {
                skip(tag);
            }
        }
        input.checkLastTagWas(0);
        input.popLimit(limit);
        return columns;
    }

    /** @param slot the first of the three slots of the column's place in the row: name, type, ENUM member */
    private Column column(int slot) throws IOException {
        Column.Builder column = Column.newBuilder();
        int limit = input.pushLimit(input.readRawVarint32());
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            switch (tag) {
                case 10 -> column.setName(repeated(slot));
                case 18 -> column.setType(repeated(slot + 1));
                case 26 -> column.setValue(value(slot + 2));
                default -> skip(tag);
            }
        }
        input.checkLastTagWas(0);
        input.popLimit(limit);
        return column.build();
    }

    private Value value(int enumSlot) throws IOException {
        Value.Builder value = Value.newBuilder();
        int limit = input.pushLimit(input.readRawVarint32());
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            switch (tag) {
                case 8 -> value.setNullValue(input.readBool());
                case 16 -> value.setIntValue(input.readSInt64());
                case 24 -> value.setUintValue(input.readUInt64());
                case 34 -> value.setDecimalValue(input.readStringRequireUtf8());
                case 45 -> value.setFloatValue(input.readFloat());
                case 49 -> value.setDoubleValue(input.readDouble());
                case 58 -> value.setStringValue(input.readStringRequireUtf8());
                case 66 -> value.setBytesValue(input.readBytes());
                case 74 -> value.setBitValue(input.readMessage(Bits.parser(), NO_EXTENSIONS));
                case 82 -> value.setDateValue(input.readMessage(Date.parser(), NO_EXTENSIONS));
                case 90 -> value.setTimeValue(input.readMessage(Time.parser(), NO_EXTENSIONS));
                case 98 -> value.setDatetimeValue(input.readMessage(DateTime.parser(), NO_EXTENSIONS));
                case 106 -> value.setTimestampValue(input.readMessage(Timestamp.parser(), NO_EXTENSIONS));
                case 112 -> value.setYearValue(input.readUInt32());
                case 122 -> value.setEnumValue(repeated(enumSlot));
                case 130 -> value.setSetValue(input.readMessage(SetValue.parser(), NO_EXTENSIONS));
                case 138 -> value.setJsonValue(input.readStringRequireUtf8());
                case 146 -> value.setRowsValue(input.readMessage(Rows.parser(), NO_EXTENSIONS));
                case 154 -> value.setRowValue(input.readMessage(Row.parser(), NO_EXTENSIONS));
                case 162 -> value.setMapValue(input.readMessage(RowMap.parser(), NO_EXTENSIONS));
                default -> skip(tag);
            }
        }
        input.checkLastTagWas(0);
        input.popLimit(limit);
        return value.build();
    }

    private SourcePosition position() throws IOException {
        SourcePosition.Builder position = SourcePosition.newBuilder();
        int limit = input.pushLimit(input.readRawVarint32());
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            switch (tag) {
                case 10 -> position.setGtid(repeated(GTID));
                case 18 -> position.setBinlogFile(repeated(BINLOG_FILE));
                case 24 -> position.setBinlogPosition(input.readUInt64());
                case 32 -> position.setRowIndex(input.readUInt32());
                case 40 -> position.setServerId(input.readUInt64());
                default -> skip(tag);
            }
        }
        input.checkLastTagWas(0);
        input.popLimit(limit);
        return position.build();
    }

    /** A length-delimited UTF-8 string that recurs across events at the same place, from {@link RepeatedStrings}. */
    private String repeated(int slot) throws IOException {
        int length = input.readRawVarint32();
        int offset = input.getTotalBytesRead();
        input.skipRawBytes(length); // refuses a negative or truncated length before the bytes are touched
        return strings.decode(slot, array, offset, length);
    }

    private void skip(int tag) throws IOException {
        if (!input.skipField(tag)) {
            throw new InvalidProtocolBufferException("Protocol message end-group tag did not match expected tag.");
        }
    }
}
