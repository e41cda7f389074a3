package io.mysync.join;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.RowMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** The join stage's state and internal topics hold the events' own protobuf messages. */
final class ProtobufSerde {

    static final Serde<ChangeEvent> EVENTS = of(ChangeEvent.parser());
    static final Serde<RowMap> ROW_MAPS = of(RowMap.parser());

    private ProtobufSerde() {
    }

    /** The events' serde as a class, for Kafka Streams' default value serde (join results it does not store). */
    public static final class ChangeEvents extends Serdes.WrapperSerde<ChangeEvent> {
        public ChangeEvents() {
            super(EVENTS.serializer(), EVENTS.deserializer());
        }
    }

    private static <T extends MessageLite> Serde<T> of(Parser<T> parser) {
        Serializer<T> serializer = (topic, message) -> message == null ? null : message.toByteArray();
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return parser.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new SerializationException("not a MySync change event in " + topic + ": " + e.getMessage(), e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
