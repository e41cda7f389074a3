package io.mysync.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.mysync.events.v1.Bits;
import io.mysync.events.v1.Date;
import io.mysync.events.v1.DateTime;
import io.mysync.events.v1.SetValue;
import io.mysync.events.v1.Time;
import io.mysync.events.v1.Timestamp;
import io.mysync.events.v1.Value;
import io.mysync.events.value.ValueText;
import org.junit.jupiter.api.Test;

class ValueTextTest {

    @Test
    void printsValuesAsMySqlDoes() {
        assertThat(ValueText.of(Value.newBuilder().setNullValue(true).build())).isNull();
        assertThat(ValueText.of(Value.newBuilder().setStringValue("").build())).isEmpty();
        assertThat(ValueText.of(Value.newBuilder().setUintValue(-1L).build())).isEqualTo("18446744073709551615");
        assertThat(ValueText.of(Value.newBuilder().setBitValue(Bits.newBuilder()
                .setBytes(ByteString.copyFrom(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1})).setLength(64)).build()))
                .isEqualTo("9223372036854775809");
        assertThat(ValueText.of(Value.newBuilder().setDateValue(Date.newBuilder()).build())).isEqualTo("0000-00-00");
        assertThat(ValueText.of(Value.newBuilder().setTimeValue(Time.newBuilder().setMicros(-3_020_500_000L)
                .setFsp(2)).build())).isEqualTo("-00:50:20.50");
        assertThat(ValueText.of(Value.newBuilder().setDatetimeValue(DateTime.newBuilder()
                .setDate(Date.newBuilder().setYear(2024).setMonth(1).setDay(2)).setHour(3).setMinute(4)
                .setSecond(5).setMicros(60).setFsp(6)).build())).isEqualTo("2024-01-02 03:04:05.000060");
        assertThat(ValueText.of(Value.newBuilder().setTimestampValue(Timestamp.newBuilder()
                .setEpochSecond(1_700_000_000L).setMicros(123456).setFsp(3)).build()))
                .isEqualTo("2023-11-14T22:13:20.123Z");
        assertThat(ValueText.of(Value.newBuilder().setTimestampValue(Timestamp.newBuilder()).build()))
                .isEqualTo("0000-00-00 00:00:00");
        assertThat(ValueText.of(Value.newBuilder().setYearValue(0).build())).isEqualTo("0000");
        assertThat(ValueText.of(Value.newBuilder().setSetValue(SetValue.newBuilder().addMembers("a")
                .addMembers("c")).build())).isEqualTo("a,c");
    }
}
