package io.mysync.events;

import io.mysync.events.v1.ChangeEvent;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka record headers every change event carries, so consumers route and drop replays without decoding the
 * value. All are UTF-8 text, as {@code kcat -f '%h'} and Kafka Connect's header converters show them:
 * <ul>
 *   <li>{@value #SEQ}: the event's seq in decimal; a consumer keeps the highest it applied per row and drops the
 *   rest;</li>
 *   <li>{@value #OP}: INSERT, UPDATE, DELETE, SNAPSHOT or TRUNCATE;</li>
 *   <li>{@value #TABLE}: {@code database.table} of the source;</li>
 *   <li>{@value #SCHEMA_VERSION}: the table's schema version in decimal;</li>
 *   <li>{@value #LAST_IN_TRANSACTION}: {@code true} on the last event of a source transaction, else
 *   {@code false}.</li>
 * </ul>
 */
public final class EventHeaders {

    public static final String SEQ = "mysync.seq";
    public static final String OP = "mysync.op";
    public static final String TABLE = "mysync.table";
    public static final String SCHEMA_VERSION = "mysync.schema_version";
    public static final String LAST_IN_TRANSACTION = "mysync.last_in_transaction";

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private EventHeaders() {
    }

    /** The headers of an event whose table header ({@code database.table} in UTF-8) the caller keeps per table. */
    public static Headers of(ChangeEvent event, byte[] table) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SEQ, ascii(Long.toUnsignedString(event.getSeq())));
        headers.add(OP, ascii(event.getOp().name()));
        headers.add(TABLE, table);
        headers.add(SCHEMA_VERSION, ascii(Integer.toUnsignedString(event.getSchemaVersion())));
        headers.add(LAST_IN_TRANSACTION, event.getLastInTransaction() ? TRUE : FALSE);
        return headers;
    }

    public static Headers of(ChangeEvent event) {
        return of(event, table(event.getDatabase(), event.getTable()));
    }

    /** The {@value #TABLE} header's value for a table. */
    public static byte[] table(String database, String table) {
        return (database + "." + table).getBytes(StandardCharsets.UTF_8);
    }

    /** A record's {@value #SEQ}, when it has one (records MySync wrote have). */
    public static OptionalLong seq(Headers headers) {
        Header seq = headers.lastHeader(SEQ);
        return seq == null ? OptionalLong.empty()
                : OptionalLong.of(Long.parseUnsignedLong(new String(seq.value(), StandardCharsets.US_ASCII)));
    }

    /** A header's value as text, or null when the record has none. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
