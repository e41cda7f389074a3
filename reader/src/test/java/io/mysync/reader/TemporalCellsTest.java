package io.mysync.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.mysync.reader.decode.TemporalCell;
import io.mysync.reader.decode.TemporalCells;
import io.mysync.reader.schema.ColumnTypes;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Encodes values the way the server's storage format does, and checks they decode exactly. */
class TemporalCellsTest {

    private static byte[] bigEndian(long value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>= 8;
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static Object read(int type, int fsp, byte[] bytes) throws Exception {
        return TemporalCells.read(type, fsp, new ByteArrayInputStream(bytes));
    }

    private static byte[] datetime2(int y, int mo, int d, int h, int mi, int s) {
        long ym = y * 13L + mo;
        long intPart = (((ym << 5) | d) << 17) | ((long) h << 12) | ((long) mi << 6) | s;
        return bigEndian(intPart + 0x8000000000L, 5);
    }

    @Test
    void datetimeKeepsMicrosAndZeroDates() throws Exception {
        assertThat(read(ColumnTypes.DATETIME2, 6, concat(datetime2(2024, 2, 29, 23, 59, 59), bigEndian(123456, 3))))
                .isEqualTo(new TemporalCell.DateTimeCell(2024, 2, 29, 23, 59, 59, 123456));
        assertThat(read(ColumnTypes.DATETIME2, 0, datetime2(0, 0, 0, 0, 0, 0)))
                .isEqualTo(new TemporalCell.DateTimeCell(0, 0, 0, 0, 0, 0, 0));
        assertThat(read(ColumnTypes.DATETIME2, 3, concat(datetime2(9999, 12, 31, 23, 59, 59), bigEndian(999, 2))))
                .isEqualTo(new TemporalCell.DateTimeCell(9999, 12, 31, 23, 59, 59, 999 * 100));
    }

    @Test
    void timeHandlesNegativeValuesWithFractions() throws Exception {
        // -838:59:59 at fsp 0: intpart = TIMEF_INT_OFS - hms
        long hms = (838L << 12) | (59 << 6) | 59;
        assertThat(read(ColumnTypes.TIME2, 0, bigEndian(0x800000L - hms, 3)))
                .isEqualTo(new TemporalCell.TimeCell(-((838L * 3600 + 59 * 60 + 59) * 1_000_000)));
        // -00:00:01.5 at fsp 1 as my_time_packed_to_binary stores it: the integer part floored to -2 and the
        // fraction byte (char) -50
        long intPart = 0x800000L - 2;
        assertThat(read(ColumnTypes.TIME2, 1, concat(bigEndian(intPart, 3), bigEndian(0x100 - 50, 1))))
                .isEqualTo(new TemporalCell.TimeCell(-1_500_000));
        // 12:34:56.789012 at fsp 6
        long packed = ((((12L << 12) | (34 << 6) | 56)) << 24) + 789012;
        assertThat(read(ColumnTypes.TIME2, 6, bigEndian(packed + 0x800000000000L, 6)))
                .isEqualTo(new TemporalCell.TimeCell((12L * 3600 + 34 * 60 + 56) * 1_000_000 + 789012));
    }

    @Test
    void dateYearAndTimestamp() throws Exception {
        int date = (2024 << 9) | (7 << 5) | 4;
        assertThat(read(ColumnTypes.DATE, 0, new byte[] {(byte) date, (byte) (date >> 8), (byte) (date >> 16)}))
                .isEqualTo(new TemporalCell.DateCell(2024, 7, 4));
        assertThat(read(ColumnTypes.DATE, 0, new byte[3])).isEqualTo(new TemporalCell.DateCell(0, 0, 0));
        assertThat(read(ColumnTypes.YEAR, 0, new byte[] {0})).isEqualTo(0);
        assertThat(read(ColumnTypes.YEAR, 0, new byte[] {(byte) 255})).isEqualTo(2155);
        assertThat(read(ColumnTypes.TIMESTAMP2, 6, concat(bigEndian(1_700_000_000L, 4), bigEndian(42, 3))))
                .isEqualTo(new TemporalCell.TimestampCell(1_700_000_000L, 42));
    }
}
