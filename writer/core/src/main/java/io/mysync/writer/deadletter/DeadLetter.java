package io.mysync.writer.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.mysync.events.v1.ChangeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * One record of the dead-letter topic: the sink that rejected the event, the store's error class and message, how
 * many attempts were made, when, and the whole event. Stored as JSON so that operators can read it with any Kafka
 * tool; the event itself is the Base64 protobuf, so a replay applies exactly what the writer had. A record of a
 * captured topic that is no ChangeEvent at all is kept as it came ({@link #undecodable}): where it was, its key
 * and value; it cannot be replayed.
 *
 * @param partition the record's partition in the dead-letter topic (MySync creates it with one)
 * @param offset the record's offset in that partition, or -1 before it is stored
 * @param event the rejected event; the default instance for an undecodable record
 */
public record DeadLetter(int partition, long offset, String sink, String errorClass, String message, int attempts, Instant time,
                         ChangeEvent event, Optional<RawRecord> undecodable) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record that is not a ChangeEvent, as it was read. */
    public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

        String origin() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    public static DeadLetter of(String sink, ChangeEvent event, String errorClass, String message, int attempts) {
        return new DeadLetter(0, -1, sink, errorClass, message, attempts, Instant.now(), event, Optional.empty());
    }

    public static DeadLetter undecodable(String sink, RawRecord record, String reason) {
        return new DeadLetter(0, -1, sink, "undecodable", reason, 1, Instant.now(), ChangeEvent.getDefaultInstance(),
                Optional.of(record));
    }

    /** {@code DB.TABLE}, or where an undecodable record was read. */
    public String table() {
        return undecodable.map(RawRecord::origin).orElse(event.getDatabase() + "." + event.getTable());
    }

    /** The event's operation, or {@code UNDECODABLE}. */
    public String op() {
        return undecodable.isPresent() ? "UNDECODABLE" : event.getOp().name();
    }

    /** The event's seq, or {@code -} for an undecodable record. */
    public String seq() {
        return undecodable.isPresent() ? "-" : Long.toUnsignedString(event.getSeq());
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
        if (undecodable.isPresent()) {
            RawRecord raw = undecodable.get();
            letter.put("op", op());
            letter.put("origin", raw.origin());
            letter.put("key", raw.key() == null ? null : Base64.getEncoder().encodeToString(raw.key()));
            letter.put("value", raw.value() == null ? null : Base64.getEncoder().encodeToString(raw.value()));
            return letter;
        }
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
        if (node == null || !node.hasNonNull("sink") || !(node.hasNonNull("event") || node.hasNonNull("origin"))) {
            throw notALetter(offset, "it has no sink or event field", null);
        }
        try {
            Instant time = Instant.parse(node.path("time").asText(Instant.EPOCH.toString()));
            if (!node.hasNonNull("event")) {
                String origin = node.get("origin").asText();
                int at = origin.lastIndexOf('@');
                int dash = origin.lastIndexOf('-', at);
                RawRecord raw = new RawRecord(origin.substring(0, dash),
                        Integer.parseInt(origin.substring(dash + 1, at)), Long.parseLong(origin.substring(at + 1)),
                        base64(node.get("key")), base64(node.get("value")));
                return new DeadLetter(partition, offset, node.get("sink").asText(), node.path("error_class").asText(),
                        node.path("message").asText(), node.path("attempts").asInt(), time,
                        ChangeEvent.getDefaultInstance(), Optional.of(raw));
            }
            ChangeEvent event = ChangeEvent.parseFrom(Base64.getDecoder().decode(node.get("event").asText()));
            return new DeadLetter(partition, offset, node.get("sink").asText(), node.path("error_class").asText(),
                    node.path("message").asText(), node.path("attempts").asInt(), time, event, Optional.empty());
        } catch (InvalidProtocolBufferException | IllegalArgumentException | DateTimeParseException e) {
            throw notALetter(offset, e.getMessage(), e);
        }
    }

    private static byte[] base64(JsonNode text) {
        return text == null || text.isNull() ? null : Base64.getDecoder().decode(text.asText());
    }

    private static IllegalArgumentException notALetter(long offset, String why, Exception cause) {
        return new IllegalArgumentException("the record at offset " + offset + " of the dead-letter topic is not a "
                + "MySync dead letter: " + why, cause);
    }
}
