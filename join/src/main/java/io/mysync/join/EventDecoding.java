package io.mysync.join;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mysync.events.v1.ChangeEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of a change topic as an event for the join stage. A record that is no change event is left out here
 * (the writers, which read the same topics, dead-letter it or stop as {@code writer.on_undecodable} says), and so is
 * a joined document, where one table's topic also holds documents.
 */
final class EventDecoding {

    private static final Logger LOG = LoggerFactory.getLogger(EventDecoding.class);

    private EventDecoding() {
    }

    static List<ChangeEvent> decode(byte[] value) {
        if (value == null) {
            return List.of();
        }
        try {
            ChangeEvent event = ChangeEvent.parseFrom(value);
            return event.getJoinedFor().isEmpty() ? List.of(event) : List.of();
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("The join stage left out a record that is no MySync change event ({}); the writers handle it "
                    + "as writer.on_undecodable says", e.getMessage());
            return List.of();
        }
    }
}
