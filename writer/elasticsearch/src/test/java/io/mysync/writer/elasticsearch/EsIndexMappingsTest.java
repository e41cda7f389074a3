package io.mysync.writer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EsIndexMappingsTest {

    @Test
    void bigintUnsignedIsAnUnsignedLong() {
        assertThat(EsIndexMappings.typeOf("bigint unsigned", false, EsDecimals.EXACT))
                .isEqualTo(Map.of("type", "unsigned_long"));
        assertThat(EsIndexMappings.typeOf("bigint", false, EsDecimals.EXACT)).isEqualTo(Map.of("type", "long"));
        assertThat(EsIndexMappings.typeOf("int unsigned", false, EsDecimals.EXACT)).isEqualTo(Map.of("type", "long"));
    }

    @Test
    void decimalsAreExactScaledFloatsUpToPrecision15AndKeywordsAbove() {
        assertThat(EsIndexMappings.typeOf("decimal(12,2)", false, EsDecimals.EXACT))
                .isEqualTo(Map.of("type", "scaled_float", "scaling_factor", 100.0));
        assertThat(EsIndexMappings.typeOf("decimal(15,0)", false, EsDecimals.EXACT))
                .isEqualTo(Map.of("type", "scaled_float", "scaling_factor", 1.0));
        // 10^15 < 2^53 < 10^16: a 16-digit decimal may not fit a double exactly
        assertThat(EsIndexMappings.typeOf("decimal(16,4)", false, EsDecimals.EXACT))
                .isEqualTo(Map.of("type", "keyword"));
        assertThat(EsIndexMappings.typeOf("decimal(65,30) unsigned", false, EsDecimals.EXACT))
                .isEqualTo(Map.of("type", "keyword"));
        assertThat(EsIndexMappings.typeOf("decimal(65,30)", false, EsDecimals.DOUBLE))
                .isEqualTo(Map.of("type", "double"));
        assertThat(EsIndexMappings.typeOf("double", false, EsDecimals.EXACT)).isEqualTo(Map.of("type", "double"));
    }

    @Test
    void aTypeTheClusterLacksFallsBackToExactKeyword() {
        String refusal = "[es/indices.put_mapping] failed: [mapper_parsing_exception] Failed to parse mapping: The "
                + "mapper type [scaled_float] declared on field [price] does not exist. It might have been created "
                + "within a future version or requires a plugin to be installed.";
        assertThat(EsIndexMappings.missingType(refusal)).hasValue("scaled_float");
        assertThat(EsIndexMappings.missingType("[version_conflict_engine_exception]")).isEmpty();
        Map<String, Object> scaled = EsIndexMappings.typeOf("decimal(12,2)", false, EsDecimals.EXACT);
        assertThat(EsIndexMappings.available(scaled, Set.of("scaled_float"))).isEqualTo(Map.of("type", "keyword"));
        assertThat(EsIndexMappings.available(scaled, Set.of("unsigned_long"))).isEqualTo(scaled);
        assertThat(EsIndexMappings.available(null, Set.of("scaled_float"))).isNull();
    }
}
