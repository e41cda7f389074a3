package io.mysync.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event schema's compatibility rule: a field is only ever added. Every field and enum value version 1 declared
 * (compat/v1/fields.txt) keeps its number and type, and events version 1 wrote, in both formats, still decode to the
 * same values. A change that breaks either fails here; a new field needs a new number.
 */
class SchemaCompatibilityTest {

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/compat/v1/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyFieldOfVersion1KeepsItsNumberAndType() throws Exception {
        List<String> now = new ArrayList<>();
        Descriptors.FileDescriptor file = ChangeEvent.getDescriptor().getFile();
        for (Descriptors.Descriptor message : file.getMessageTypes()) {
            for (Descriptors.FieldDescriptor field : message.getFields()) {
                now.add(message.getName() + "." + field.getName() + " " + field.getNumber() + " " + field.getType()
                        + (field.isRepeated() ? " repeated" : ""));
            }
        }
        for (Descriptors.EnumDescriptor e : file.getEnumTypes()) {
            e.getValues().forEach(v -> now.add(e.getName() + "." + v.getName() + " " + v.getNumber() + " ENUM_VALUE"));
        }
        List<String> version1 = new String(fixture("fields.txt"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
        assertThat(version1).hasSizeGreaterThan(60);
        assertThat(now).as("fields are only added: none removed, renumbered or retyped").containsAll(version1);
    }

    @Test
    void eventsVersion1WroteStillDecodeInBothFormats() throws Exception {
        ChangeEvent protobuf = EventDecoder.decode(fixture("update.pb"));
        ChangeEvent json = EventDecoder.decode(fixture("update.json"));
        assertThat(json).isEqualTo(protobuf);
        assertThat(protobuf.getSeq()).isEqualTo(4711);
        assertThat(protobuf.getOp()).isEqualTo(Op.UPDATE);
        assertThat(protobuf.getPrimaryKeyList()).containsExactly("id");
        assertThat(protobuf.getAfter().getColumnsCount()).isEqualTo(20);
        assertThat(protobuf.getAfter().getColumns(1).getValue().getUintValue()).isEqualTo(-1L);
        assertThat(protobuf.getAfter().getColumns(2).getValue().getDecimalValue())
                .isEqualTo("-12345678901234567890123456789012345.123456789012345678901234567890");
        assertThat(protobuf.getPosition().getBinlogFile()).isEqualTo("mysql-bin.000003");
        assertThat(protobuf.getLastInTransaction()).isTrue();
    }
}
