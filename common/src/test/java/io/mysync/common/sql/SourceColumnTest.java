package io.mysync.common.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Type names must be the reader's, so snapshot and streamed events of a table carry the same schema version. */
class SourceColumnTest {

    private static String type(String dataType, String columnType, String charset, int precision, int scale,
                               int fsp) {
        return SourceColumn.of("c", dataType, columnType, charset, precision, scale, fsp).typeName();
    }

    @Test
    void spellsTypesAsTheReaderDoes() {
        assertThat(type("bigint", "bigint(20) unsigned", null, 20, 0, 0)).isEqualTo("bigint unsigned");
        assertThat(type("int", "int", null, 10, 0, 0)).isEqualTo("int");
        assertThat(type("decimal", "decimal(12,2)", null, 12, 2, 0)).isEqualTo("decimal(12,2)");
        assertThat(type("bit", "bit(5)", null, 5, 0, 0)).isEqualTo("bit(5)");
        assertThat(type("datetime", "datetime(6)", null, 0, 0, 6)).isEqualTo("datetime(6)");
        assertThat(type("timestamp", "timestamp", null, 0, 0, 0)).isEqualTo("timestamp");
        assertThat(type("varchar", "varchar(32)", "utf8mb4", 0, 0, 0)).isEqualTo("varchar");
        assertThat(type("varbinary", "varbinary(16)", null, 0, 0, 0)).isEqualTo("varbinary");
        assertThat(type("mediumtext", "mediumtext", "utf8mb4", 0, 0, 0)).isEqualTo("mediumtext");
        assertThat(type("point", "point", null, 0, 0, 0)).isEqualTo("geometry");
    }

    @Test
    void onlyStringAndSpatialColumnsWithoutCharsetAreBytes() {
        assertThat(SourceColumn.of("c", "varbinary", "varbinary(4)", null, 0, 0, 0).binary()).isTrue();
        assertThat(SourceColumn.of("c", "varchar", "varchar(4)", "latin1", 0, 0, 0).binary()).isFalse();
        assertThat(SourceColumn.of("c", "datetime", "datetime", null, 0, 0, 0).binary()).isFalse();
        assertThat(SourceColumn.of("c", "json", "json", null, 0, 0, 0).binary()).isFalse();
    }
}
