package io.mysync.writer.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.mysync.common.event.ChangeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * One record of the dead-letter topic: the sink that rejected the event, the store's error class and message, how
 * many attempts were made, when, and the whole event. Stored as JSON so that operators can read it with any Kafka
 * tool; the event itself is the Base64 protobuf, so a replay applies exactly what the writer had.
 *
 * @param partition the record's partition in the dead-letter topic (MySync creates it with one)
 * @param offset the record's offset in that partition, or -1 before it is stored
 */
public record DeadLetter(int partition, long offset, String sink, String errorClass, String message, int attempts, Instant time,
                         ChangeEvent event) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static DeadLetter of(String sink, ChangeEvent event, String errorClass, String message, int attempts) {
        return new DeadLetter(0, -1, sink, errorClass, message, attempts, Instant.now(), event);
    }

    public String table() {
        return event.getDatabase() + "." + event.getTable();
    }

    public byte[] toJson() {
        ObjectNode letter = toJsonNode();
        try {
            return JSON.writeValueAsBytes(letter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored fields, plus {@code partition} and {@code offset} once the letter has them. */
    public ObjectNode toJsonNode() {
        ObjectNode letter = JSON.createObjectNode();
        if (offset >= 0) {
            letter.put("partition", partition);
            letter.put("offset", offset);
        }
        letter.put("sink", sink);
        letter.put("error_class", errorClass);
        letter.put("message", message);
        letter.put("attempts", attempts);
        letter.put("time", time.toString());
        letter.put("database", event.getDatabase());
        letter.put("table", event.getTable());
        letter.put("op", event.getOp().name());
        letter.put("seq", Long.toUnsignedString(event.getSeq()));
        letter.put("event", Base64.getEncoder().encodeToString(event.toByteArray()));
        return letter;
    }

    /** @throws IllegalArgumentException when the record is not a MySync dead letter, naming what is wrong */
    public static DeadLetter parse(int partition, long offset, byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw notALetter(offset, e.getMessage(), e);
        }
        if (node == null || !node.hasNonNull("sink") || !node.hasNonNull("event")) {
            throw notALetter(offset, "it has no sink or event field", null);
        }
        try {
            ChangeEvent event = ChangeEvent.parseFrom(Base64.getDecoder().decode(node.get("event").asText()));
            return new DeadLetter(partition, offset, node.get("sink").asText(), node.path("error_class").asText(),
                    node.path("message").asText(), node.path("attempts").asInt(),
                    Instant.parse(node.path("time").asText(Instant.EPOCH.toString())), event);
        } catch (InvalidProtocolBufferException | IllegalArgumentException | DateTimeParseException e) {
            throw notALetter(offset, e.getMessage(), e);
        }
    }

    private static IllegalArgumentException notALetter(long offset, String why, Exception cause) {
        return new IllegalArgumentException("the record at offset " + offset + " of the dead-letter topic is not a "
                + "MySync dead letter: " + why, cause);
    }
}
