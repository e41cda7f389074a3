package io.mysync.reader.decode;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.mysync.reader.schema.ColumnTypes;
import java.io.IOException;

/**
 * Reads temporal cells from the row image in MySQL's storage formats (the same code paths as the server's
 * {@code my_time_packed_from_binary} and friends), so zero dates, negative times and micros survive exactly.
 * The binlog library's own decoding goes through epoch millis and loses them.
 */
public final class TemporalCells {

    private static final long TIMEF_INT_OFS = 0x800000L;
    private static final long TIMEF_OFS = 0x800000000000L;
    private static final long DATETIMEF_INT_OFS = 0x8000000000L;

    private TemporalCells() {
    }

    public static boolean handles(int type) {
        return switch (type) {
            case ColumnTypes.DATE, ColumnTypes.TIME, ColumnTypes.TIME2, ColumnTypes.DATETIME, ColumnTypes.DATETIME2,
                    ColumnTypes.TIMESTAMP, ColumnTypes.TIMESTAMP2, ColumnTypes.YEAR -> true;
            default -> false;
        };
    }

    public static java.io.Serializable read(int type, int meta, ByteArrayInputStream in) throws IOException {
        return switch (type) {
            case ColumnTypes.DATE -> date(in);
            case ColumnTypes.TIME -> time(in);
            case ColumnTypes.TIME2 -> time2(meta, in);
            case ColumnTypes.DATETIME -> datetime(in);
            case ColumnTypes.DATETIME2 -> datetime2(meta, in);
            case ColumnTypes.TIMESTAMP -> new TemporalCell.TimestampCell(in.readLong(4), 0);
            case ColumnTypes.TIMESTAMP2 -> timestamp2(meta, in);
            case ColumnTypes.YEAR -> year(in);
            default -> throw new IllegalArgumentException("not a temporal type: " + type);
        };
    }

    private static Integer year(ByteArrayInputStream in) throws IOException {
        int stored = in.readInteger(1);
        return stored == 0 ? 0 : 1900 + stored;
    }

    private static TemporalCell.DateCell date(ByteArrayInputStream in) throws IOException {
        int v = in.readInteger(3);
        return new TemporalCell.DateCell(v >>> 9, (v >>> 5) & 0x0F, v & 0x1F);
    }

    /** Old TIME: signed HHMMSS in three little-endian bytes. */
    private static TemporalCell.TimeCell time(ByteArrayInputStream in) throws IOException {
        int v = (in.readInteger(3) << 8) >> 8;
        long abs = Math.abs((long) v);
        long seconds = (abs / 10000) * 3600 + ((abs / 100) % 100) * 60 + abs % 100;
        return new TemporalCell.TimeCell((v < 0 ? -seconds : seconds) * 1_000_000L);
    }

    private static TemporalCell.TimeCell time2(int fsp, ByteArrayInputStream in) throws IOException {
        long packed;
        switch (fsp) {
            case 1, 2 -> {
                long intPart = bigEndian(in, 3) - TIMEF_INT_OFS;
                long frac = bigEndian(in, 1);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                packed = (intPart << 24) + frac * 10_000;
            }
            case 3, 4 -> {
                long intPart = bigEndian(in, 3) - TIMEF_INT_OFS;
                long frac = bigEndian(in, 2);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                packed = (intPart << 24) + frac * 100;
            }
            case 5, 6 -> packed = bigEndian(in, 6) - TIMEF_OFS;
            default -> packed = (bigEndian(in, 3) - TIMEF_INT_OFS) << 24;
        }
        boolean negative = packed < 0;
        long abs = Math.abs(packed);
        long hms = abs >> 24;
        long micros = abs % (1L << 24);
        long hour = (hms >> 12) % (1 << 10);
        long minute = (hms >> 6) % (1 << 6);
        long second = hms % (1 << 6);
        long total = ((hour * 60 + minute) * 60 + second) * 1_000_000L + micros;
        return new TemporalCell.TimeCell(negative ? -total : total);
    }

    /** Old DATETIME: YYYYMMDDhhmmss as an 8-byte integer. */
    private static TemporalCell.DateTimeCell datetime(ByteArrayInputStream in) throws IOException {
        long v = in.readLong(8);
        long date = v / 1_000_000;
        long time = v % 1_000_000;
        return new TemporalCell.DateTimeCell((int) (date / 10000), (int) ((date / 100) % 100), (int) (date % 100),
                (int) (time / 10000), (int) ((time / 100) % 100), (int) (time % 100), 0);
    }

    private static TemporalCell.DateTimeCell datetime2(int fsp, ByteArrayInputStream in) throws IOException {
        long intPart = bigEndian(in, 5) - DATETIMEF_INT_OFS;
        int micros = fraction(fsp, in);
        long ymd = intPart >> 17;
        long ym = ymd >> 5;
        long hms = intPart % (1L << 17);
        return new TemporalCell.DateTimeCell((int) (ym / 13), (int) (ym % 13), (int) (ymd % 32),
                (int) (hms >> 12), (int) ((hms >> 6) % 64), (int) (hms % 64), micros);
    }

    private static TemporalCell.TimestampCell timestamp2(int fsp, ByteArrayInputStream in) throws IOException {
        long seconds = bigEndian(in, 4);
        return new TemporalCell.TimestampCell(seconds, fraction(fsp, in));
    }

    private static int fraction(int fsp, ByteArrayInputStream in) throws IOException {
        return switch (fsp) {
            case 1, 2 -> (int) bigEndian(in, 1) * 10_000;
            case 3, 4 -> (int) bigEndian(in, 2) * 100;
            case 5, 6 -> (int) bigEndian(in, 3);
            default -> 0;
        };
    }

    private static long bigEndian(ByteArrayInputStream in, int length) throws IOException {
        byte[] bytes = in.read(length);
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }
}
