package io.mysync.common.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.Bits;
import io.mysync.events.value.ValueParsing;
import org.junit.jupiter.api.Test;

/** The text forms the server returns, parsed into the values the reader decodes from the binlog. */
class RowConverterTest {

    @Test
    void temporalTextKeepsEveryFieldUnshifted() {
        var dt = ValueParsing.datetime("2024-02-29 13:45:07.000123", 6);
        assertThat(dt.getDate().getYear()).isEqualTo(2024);
        assertThat(dt.getDate().getMonth()).isEqualTo(2);
        assertThat(dt.getDate().getDay()).isEqualTo(29);
        assertThat(dt.getHour()).isEqualTo(13);
        assertThat(dt.getMinute()).isEqualTo(45);
        assertThat(dt.getSecond()).isEqualTo(7);
        assertThat(dt.getMicros()).isEqualTo(123);
        assertThat(ValueParsing.date("0000-00-00").getYear()).isZero();
        assertThat(ValueParsing.time("-838:59:59.50", 2).getMicros()).isEqualTo(-((838L * 3600 + 59 * 60 + 59)
                * 1_000_000 + 500_000));
        assertThat(ValueParsing.time("01:00:00", 0).getMicros()).isEqualTo(3_600_000_000L);
    }

    @Test
    void timestampIsTheUtcInstantAndZeroStaysZero() {
        var ts = RowConverter.timestamp("1700000000.125", 3);
        assertThat(ts.getEpochSecond()).isEqualTo(1_700_000_000L);
        assertThat(ts.getMicros()).isEqualTo(125_000);
        assertThat(RowConverter.timestamp("0", 0).getEpochSecond()).isZero();
    }

    @Test
    void bitsAreBigEndianInTheDeclaredWidthAndSetsKeepMemberOrder() {
        Bits bits = RowConverter.bits(0x1_02, 12);
        assertThat(bits.getBytes().toByteArray()).containsExactly(0x01, 0x02);
        assertThat(bits.getLength()).isEqualTo(12);
        assertThat(ValueParsing.set("a,c").getMembersList()).containsExactly("a", "c");
        assertThat(ValueParsing.set("").getMembersList()).isEmpty();
    }
}
