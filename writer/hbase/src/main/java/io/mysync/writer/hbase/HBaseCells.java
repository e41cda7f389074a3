package io.mysync.writer.hbase;

import io.mysync.events.v1.Value;
import io.mysync.events.value.ValueText;
import io.mysync.writer.api.mapping.ChangeMapper;
import io.mysync.writer.api.mapping.MappedChange;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.hbase.util.Bytes;

/** Cell bytes of a field: its text (binary columns as stored), or with {@code native} encoding HBase's Bytes. */
final class HBaseCells {

    private HBaseCells() {
    }

    /** @return null for SQL NULL */
    static byte[] of(MappedChange.Field field, HBaseEncoding encoding) {
        Value value = field.value();
        if (value.hasBytesValue()) {
            return value.getBytesValue().toByteArray();
        }
        if (encoding == HBaseEncoding.NATIVE) {
            switch (value.getKindCase()) {
                case INT_VALUE:
                    return Bytes.toBytes(value.getIntValue());
                case UINT_VALUE:
                    return Bytes.toBytes(value.getUintValue());
                case FLOAT_VALUE:
                    return Bytes.toBytes(value.getFloatValue());
                case DOUBLE_VALUE:
                    return Bytes.toBytes(value.getDoubleValue());
                case DECIMAL_VALUE:
                    return Bytes.toBytes(new BigDecimal(value.getDecimalValue()));
                case YEAR_VALUE:
                    return Bytes.toBytes(value.getYearValue());
                default:
                    if (ChangeMapper.FLAG_TYPE.equals(field.type())) {
                        return Bytes.toBytes(Boolean.parseBoolean(value.getStringValue()));
                    }
            }
        }
        String text = ValueText.of(value);
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
