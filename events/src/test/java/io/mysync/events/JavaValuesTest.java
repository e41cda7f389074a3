package io.mysync.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.Column;
import io.mysync.events.v1.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JavaValuesTest {

    @Test
    void givesEachKindItsJavaTypeAndKeepsWhatJavaCannotHoldAsText() {
        Row row = JsonEnvelopeTest.everyKind(7);
        Map<String, Object> values = new HashMap<>();
        for (Column column : row.getColumnsList()) {
            values.put(column.getName(), JavaValues.of(column.getValue()));
        }
        assertThat(values.get("id")).isEqualTo(7L);
        assertThat(values.get("u64")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(values.get("dec")).isEqualTo(
                new BigDecimal("-12345678901234567890123456789012345.123456789012345678901234567890"));
        assertThat(values.get("f")).isEqualTo(1.1f);
        assertThat(values.get("dtm")).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000));
        assertThat(values.get("ts")).isEqualTo(Instant.parse("2024-06-01T06:30:00.123456Z"));
        assertThat(values.get("tm")).isEqualTo(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59));
        assertThat(values.get("dt")).as("a zero date stays as MySQL prints it").isEqualTo("0000-00-00");
        assertThat(values.get("ts0")).isEqualTo("0000-00-00 00:00:00");
        assertThat(values.get("st")).isEqualTo(Set.of("x", "z"));
        assertThat(values.get("yr")).isEqualTo(0);
        assertThat(values.get("bin")).isEqualTo(new byte[] {0, -1, 7});
        assertThat(values).containsEntry("nul", null);
    }
}
