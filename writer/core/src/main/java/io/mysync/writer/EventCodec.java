package io.mysync.writer;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.EventDecoder;
import io.mysync.events.JsonEnvelope;
import io.mysync.writer.deadletter.DeadLetter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the ChangeEvents Kafka records carry, in either format (protobuf through {@link ChangeEventParser}, the JSON
 * envelope through {@link JsonEnvelope}), and sets apart the records that carry none.
 */
final class EventCodec {

    private EventCodec() {
    }

    /** A lane's records as events, in order, and the records that are no ChangeEvent with the reason. */
    record Decoded(List<ChangeEvent> events, List<Undecodable> undecodable) {
    }

    record Undecodable(DeadLetter.RawRecord record, String reason) {
    }

    static Decoded decodeAll(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ChangeEvent> events = new ArrayList<>(records.size());
        List<Undecodable> undecodable = new ArrayList<>(0);
        ChangeEventParser parser = new ChangeEventParser();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                byte[] value = record.value();
                if (value == null || value.length == 0) {
                    // protobuf reads no bytes as an event of defaults; every event the reader writes has a seq
                    throw new IOException("an empty value (a tombstone) carries no event");
                }
                events.add(EventDecoder.isJson(value) ? JsonEnvelope.decode(value) : parser.parse(value));
            } catch (IOException | RuntimeException e) {
                undecodable.add(new Undecodable(new DeadLetter.RawRecord(record.topic(), record.partition(),
                        record.offset(), record.key(), record.value()), "record " + record.topic() + "-"
                        + record.partition() + "@" + record.offset() + " is not a MySync ChangeEvent ("
                        + e.getMessage() + "); only the MySync reader may write to these topics"));
            }
        }
        return new Decoded(events, undecodable);
    }
}
