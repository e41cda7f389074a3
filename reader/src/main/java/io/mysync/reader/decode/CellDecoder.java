package io.mysync.reader.decode;

import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import com.google.protobuf.ByteString;
import io.mysync.events.v1.Bits;
import io.mysync.events.v1.Date;
import io.mysync.events.v1.DateTime;
import io.mysync.events.v1.SetValue;
import io.mysync.events.v1.Time;
import io.mysync.events.v1.Timestamp;
import io.mysync.events.v1.Value;
import io.mysync.reader.schema.ColumnSpec;
import io.mysync.reader.schema.ColumnTypes;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.BitSet;

/** Turns one cell as the binlog library read it into an exact {@link Value}. */
public final class CellDecoder {

    private static final Value NULL = Value.newBuilder().setNullValue(true).build();

    private CellDecoder() {
    }

    public static Value decode(ColumnSpec column, Serializable raw) {
        if (raw == null) {
            return NULL;
        }
        Value.Builder v = Value.newBuilder();
        int fsp = column.meta();
        switch (column.realType()) {
            case ColumnTypes.TINY -> v.setIntValue(unsigned(((Number) raw).intValue(), 0xFFL, column));
            case ColumnTypes.SHORT -> v.setIntValue(unsigned(((Number) raw).intValue(), 0xFFFFL, column));
            case ColumnTypes.INT24 -> v.setIntValue(unsigned(((Number) raw).intValue(), 0xFFFFFFL, column));
            case ColumnTypes.LONG -> v.setIntValue(unsigned(((Number) raw).intValue(), 0xFFFFFFFFL, column));
            case ColumnTypes.LONGLONG -> {
                long n = ((Number) raw).longValue();
                if (column.unsigned()) {
                    v.setUintValue(n);
                } else {
                    v.setIntValue(n);
                }
            }
            case ColumnTypes.NEWDECIMAL -> v.setDecimalValue(((BigDecimal) raw)
                    .setScale(column.meta() >> 8, RoundingMode.UNNECESSARY).toPlainString());
            case ColumnTypes.FLOAT -> v.setFloatValue((Float) raw);
            case ColumnTypes.DOUBLE -> v.setDoubleValue((Double) raw);
            case ColumnTypes.BIT -> v.setBitValue(bits((BitSet) raw, (column.meta() >> 8) * 8 + (column.meta() & 0xFF)));
            case ColumnTypes.YEAR -> v.setYearValue((Integer) raw);
            case ColumnTypes.DATE -> v.setDateValue(date((TemporalCell.DateCell) raw));
            case ColumnTypes.TIME -> v.setTimeValue(Time.newBuilder().setMicros(((TemporalCell.TimeCell) raw).micros()));
            case ColumnTypes.TIME2 -> v.setTimeValue(Time.newBuilder()
                    .setMicros(((TemporalCell.TimeCell) raw).micros()).setFsp(fsp));
            case ColumnTypes.DATETIME -> v.setDatetimeValue(datetime((TemporalCell.DateTimeCell) raw, 0));
            case ColumnTypes.DATETIME2 -> v.setDatetimeValue(datetime((TemporalCell.DateTimeCell) raw, fsp));
            case ColumnTypes.TIMESTAMP -> v.setTimestampValue(timestamp((TemporalCell.TimestampCell) raw, 0));
            case ColumnTypes.TIMESTAMP2 -> v.setTimestampValue(timestamp((TemporalCell.TimestampCell) raw, fsp));
            case ColumnTypes.ENUM -> v.setEnumValue(enumName(column, ((Number) raw).intValue()));
            case ColumnTypes.SET -> v.setSetValue(setMembers(column, ((Number) raw).longValue()));
            case ColumnTypes.JSON -> v.setJsonValue(json((byte[]) raw));
            case ColumnTypes.STRING -> text(v, column, padBinary(column, (byte[]) raw));
            case ColumnTypes.VARCHAR, ColumnTypes.VAR_STRING, ColumnTypes.BLOB -> text(v, column, (byte[]) raw);
            default -> v.setBytesValue(ByteString.copyFrom(raw instanceof byte[] b ? b : new byte[0]));
        }
        return v.build();
    }

    private static long unsigned(int stored, long mask, ColumnSpec column) {
        return column.unsigned() ? stored & mask : stored;
    }

    /** BINARY(n) is padded with zero bytes to n on read; the row image drops the padding. */
    private static byte[] padBinary(ColumnSpec column, byte[] raw) {
        if (column.binaryCharset() && raw.length < column.byteLength()) {
            return Arrays.copyOf(raw, column.byteLength());
        }
        return raw;
    }

    private static void text(Value.Builder v, ColumnSpec column, byte[] raw) {
        if (column.charset() == null) {
            v.setBytesValue(ByteString.copyFrom(raw));
        } else {
            v.setStringValue(new String(raw, column.charset()));
        }
    }

    /** The binlog library's BitSet has bit i = 2^i; MySQL shows BIT big-endian in (width + 7) / 8 bytes. */
    static Bits bits(BitSet bits, int width) {
        byte[] out = new byte[(width + 7) / 8];
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            out[out.length - 1 - i / 8] |= (byte) (1 << (i % 8));
        }
        return Bits.newBuilder().setBytes(ByteString.copyFrom(out)).setLength(width).build();
    }

    private static Date date(TemporalCell.DateCell d) {
        return Date.newBuilder().setYear(d.year()).setMonth(d.month()).setDay(d.day()).build();
    }

    private static DateTime datetime(TemporalCell.DateTimeCell d, int fsp) {
        return DateTime.newBuilder()
                .setDate(Date.newBuilder().setYear(d.year()).setMonth(d.month()).setDay(d.day()))
                .setHour(d.hour()).setMinute(d.minute()).setSecond(d.second()).setMicros(d.micros()).setFsp(fsp)
                .build();
    }

    private static Timestamp timestamp(TemporalCell.TimestampCell t, int fsp) {
        return Timestamp.newBuilder().setEpochSecond(t.epochSecond()).setMicros(t.micros()).setFsp(fsp).build();
    }

    private static String enumName(ColumnSpec column, int index) {
        // index 0 is the empty string MySQL stores for an invalid value in non-strict mode
        return index >= 1 && index <= column.members().length ? column.members()[index - 1] : "";
    }

    private static SetValue setMembers(ColumnSpec column, long mask) {
        SetValue.Builder set = SetValue.newBuilder();
        for (int i = 0; i < column.members().length && i < 64; i++) {
            if ((mask & (1L << i)) != 0) {
                set.addMembers(column.members()[i]);
            }
        }
        return set.build();
    }

    private static String json(byte[] raw) {
        if (raw.length == 0) {
            return "null";
        }
        try {
            return JsonBinary.parseAsString(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a binary JSON value", e);
        }
    }
}
