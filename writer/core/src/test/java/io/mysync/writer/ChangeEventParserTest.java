package io.mysync.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChangeEventParserTest {

    private final ChangeEventParser parser = new ChangeEventParser();

    /**
     * Every field the .proto declares, every case of every oneof, set to a value that is not its default: a field
     * added to the .proto that the parser does not read makes the two parsers disagree here.
     */
    @Test
    void readsEveryDeclaredFieldAsProtobufDoes() throws Exception {
        ChangeEvent event = (ChangeEvent) filled(ChangeEvent.newBuilder(), 0, 0);
        assertEquals(Value.KindCase.values().length - 1, event.getAfter().getColumnsCount(),
                "one column per kind of value");
        byte[] bytes = event.toByteArray();

        ChangeEvent parsed = parser.parse(bytes);

        assertEquals(ChangeEvent.parseFrom(bytes), parsed);
        assertEquals(event, parsed);
    }

    @Test
    void readsAnEventWithEveryFieldAtItsDefault() throws Exception {
        byte[] bytes = ChangeEvent.getDefaultInstance().toByteArray();

        assertEquals(ChangeEvent.parseFrom(bytes), parser.parse(bytes));
    }

    @Test
    void keepsAnEmptyImageApartFromAnAbsentOne() throws Exception {
        byte[] bytes = ChangeEvent.newBuilder().setOp(Op.INSERT).setAfter(Row.getDefaultInstance()).build()
                .toByteArray();

        ChangeEvent parsed = parser.parse(bytes);

        assertEquals(true, parsed.hasAfter());
        assertEquals(false, parsed.hasBefore());
        assertEquals(ChangeEvent.parseFrom(bytes), parsed);
    }

    @Test
    void sharesColumnNamesAcrossEvents() throws Exception {
        ChangeEvent one = event("id", 1);
        ChangeEvent two = event("id", 2);

        String first = parser.parse(one.toByteArray()).getAfter().getColumns(0).getName();
        String second = parser.parse(two.toByteArray()).getAfter().getColumns(0).getName();

        assertSame(first, second);
        assertEquals(2, parser.parse(two.toByteArray()).getAfter().getColumns(0).getValue().getIntValue());
    }

    @Test
    void tellsColumnsWhoseNamesShareASlotApart() throws Exception {
        // far more distinct names than the cache has slots: every name must still come back as itself
        for (int i = 0; i < 5_000; i++) {
            String name = "column_" + i;
            assertEquals(name, parser.parse(event(name, i).toByteArray()).getAfter().getColumns(0).getName());
        }
    }

    @Test
    void skipsFieldsItDoesNotKnow() throws Exception {
        ChangeEvent event = event("id", 7);
        ChangeEvent withNewField = event.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(99, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("x"))
                        .build()).build()).build();

        assertEquals(event, parser.parse(withNewField.toByteArray()));
    }

    @Test
    void refusesWhatProtobufRefuses() {
        byte[] bytes = event("id", 7).toByteArray();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
        assertThrows(InvalidProtocolBufferException.class, () -> ChangeEvent.parseFrom(truncated));
        assertThrows(InvalidProtocolBufferException.class, () -> parser.parse(truncated));

        byte[] invalidName = event("i\u00e9", 7).toByteArray();
        int at = indexOf(invalidName, "i\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        invalidName[at + 1] = (byte) 0xff; // the name's first UTF-8 byte of the accented letter
        assertThrows(InvalidProtocolBufferException.class, () -> ChangeEvent.parseFrom(invalidName));
        assertThrows(InvalidProtocolBufferException.class, () -> parser.parse(invalidName));

        byte[] notAnEvent = "not protobuf at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThrows(InvalidProtocolBufferException.class, () -> ChangeEvent.parseFrom(notAnEvent));
        assertThrows(InvalidProtocolBufferException.class, () -> parser.parse(notAnEvent));
    }

    private static ChangeEvent event(String column, long value) {
        return ChangeEvent.newBuilder().setSourceId("src").setSeq(value).setOp(Op.INSERT).setDatabase("shop")
                .setTable("orders").addPrimaryKey(column).setAfter(Row.newBuilder().addColumns(Column.newBuilder()
                        .setName(column).setType("bigint").setValue(Value.newBuilder().setIntValue(value))))
                .build();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /**
     * A message with every field set: variant {@code n} takes the n-th case of each oneof; a repeated message field
     * holds one element per variant of its element type, so every oneof case appears somewhere. Values nest rows
     * (joined documents): past a few levels a oneof takes a scalar case, so the message ends.
     */
    private static Message filled(Message.Builder builder, int variant, int depth) {
        Descriptor type = builder.getDescriptorForType();
        for (OneofDescriptor oneof : type.getOneofs()) {
            FieldDescriptor chosen = oneof.getField(variant % oneof.getFieldCount());
            if (depth > 6 && chosen.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                chosen = oneof.getField(0);
            }
            builder.setField(chosen, valueOf(builder, chosen, variant, depth));
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getContainingOneof() != null) {
                continue;
            }
            if (field.isRepeated()) {
                for (int v = 0; v < variants(field); v++) {
                    builder.addRepeatedField(field, valueOf(builder, field, v, depth));
                }
            } else {
                builder.setField(field, valueOf(builder, field, variant, depth));
            }
        }
        return builder.build();
    }

    private static int variants(FieldDescriptor field) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return 2;
        }
        int most = 1;
        for (OneofDescriptor oneof : field.getMessageType().getOneofs()) {
            most = Math.max(most, oneof.getFieldCount());
        }
        for (FieldDescriptor nested : field.getMessageType().getFields()) {
            if (!nested.isRepeated() && nested.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                most = Math.max(most, variants(nested));
            }
        }
        return most;
    }

    private static Object valueOf(Message.Builder parent, FieldDescriptor field, int variant, int depth) {
        return switch (field.getJavaType()) {
            case MESSAGE -> filled(parent.newBuilderForField(field), variant, depth + 1);
            case BOOLEAN -> true;
            case INT -> field.getType() == FieldDescriptor.Type.UINT32 ? -7 - variant : 300 + variant;
            case LONG -> switch (field.getType()) {
                case UINT64, FIXED64 -> -1L - variant; // above Long.MAX_VALUE as unsigned
                case SINT64, SFIXED64 -> -123_456_789_012L - variant;
                default -> 1L << 40 | variant;
            };
            case FLOAT -> 1.5f + variant;
            case DOUBLE -> -2.25 - variant;
            case STRING -> field.getName() + " \u00fcn\u00efc\u00f8de " + variant;
            case BYTE_STRING -> ByteString.copyFrom(new byte[] {0, (byte) 0xff, (byte) variant});
            case ENUM -> {
                var values = field.getEnumType().getValues();
                yield values.get(values.size() - 1);
            }
        };
    }
}
