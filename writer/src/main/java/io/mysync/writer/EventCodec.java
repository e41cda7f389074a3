package io.mysync.writer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mysync.common.event.ChangeEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the ChangeEvent a Kafka record carries. */
final class EventCodec {

    private EventCodec() {
    }

    static ChangeEvent decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return ChangeEvent.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " is not a MySync ChangeEvent (" + e.getMessage() + "); only the MySync "
                    + "reader may write to these topics", e);
        }
    }
}
