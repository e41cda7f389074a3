package io.mysync.common.event;

import com.google.protobuf.ByteString;
import io.mysync.common.error.RefusedException;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.events.value.ValueText;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Removes and masks the columns a table's mapping marks as sensitive ({@code columns.exclude},
 * {@code columns.mask}) before an event leaves the reader or the dump tool, so that their values are in no Kafka
 * record, no dead letter and no store. A hashed value is the hex HMAC-SHA256 of its text under the configured salt
 * (equal values stay equal, so they can still be joined on); a redacted one is {@value #REDACTED}. NULL stays NULL
 * either way. Masked columns carry the type {@code varchar}, since their values are text now.
 */
public final class SensitiveColumns {

    public static final String REDACTED = "******";
    private static final String MASKED_TYPE = "varchar";

    public enum Mask { HASH, REDACT }

    /** What one table's rows lose: columns left out, and columns masked. */
    public record Rule(Set<String> excluded, Map<String, Mask> masks) {

        boolean empty() {
            return excluded.isEmpty() && masks.isEmpty();
        }

        boolean touches(String column) {
            return excluded.contains(column) || masks.containsKey(column);
        }
    }

    private static final Rule NONE = new Rule(Set.of(), Map.of());

    private final BiFunction<String, String, Rule> rules;
    private final byte[] salt;
    /** Each table's rule, looked up by the names' UTF-8 as events hold them (no decoding per event). */
    private final Map<ByteString, Map<ByteString, Rule>> byTable = new ConcurrentHashMap<>();
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** @param rules the rule of a database and table, or an empty rule */
    public SensitiveColumns(BiFunction<String, String, Rule> rules, byte[] salt) {
        this.rules = rules;
        this.salt = salt.clone();
    }

    public static SensitiveColumns none() {
        return new SensitiveColumns((database, table) -> NONE, new byte[0]);
    }

    /**
     * The event as it may leave the process; the same instance when its table has no rule.
     *
     * @throws RefusedException when a rule names a primary-key column: the stores address rows by it
     */
    public ChangeEvent apply(ChangeEvent event) {
        Rule rule = byTable.computeIfAbsent(event.getDatabaseBytes(), d -> new ConcurrentHashMap<>())
                .computeIfAbsent(event.getTableBytes(),
                        t -> Optional.ofNullable(rules.apply(event.getDatabase(), event.getTable())).orElse(NONE));
        if (rule.empty() || (!event.hasBefore() && !event.hasAfter())) {
            return event;
        }
        for (String key : event.getPrimaryKeyList()) {
            if (rule.touches(key)) {
                throw new KeyColumnException(event.getDatabase() + "." + event.getTable(), key);
            }
        }
        ChangeEvent.Builder out = event.toBuilder();
        if (event.hasBefore()) {
            out.setBefore(apply(rule, event.getBefore()));
        }
        if (event.hasAfter()) {
            out.setAfter(apply(rule, event.getAfter()));
        }
        return out.build();
    }

    private Row apply(Rule rule, Row row) {
        Row.Builder out = Row.newBuilder();
        for (Column column : row.getColumnsList()) {
            if (rule.excluded().contains(column.getName())) {
                continue;
            }
            Mask mask = rule.masks().get(column.getName());
            String plain = mask == null ? null : ValueText.of(column.getValue());
            if (mask == null) {
                out.addColumns(column);
            } else if (plain == null) {
                out.addColumns(column.toBuilder().setType(MASKED_TYPE));
            } else {
                String text = mask == Mask.REDACT ? REDACTED : hash(plain);
                out.addColumns(Column.newBuilder().setName(column.getName()).setType(MASKED_TYPE)
                        .setValue(Value.newBuilder().setStringValue(text)));
            }
        }
        return out.build();
    }

    private String hash(String text) {
        return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[1] : salt, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** A rule names a primary-key column. */
    public static final class KeyColumnException extends RefusedException {

        KeyColumnException(String table, String column) {
            super("column " + column + " of " + table + " is part of its primary key, so it cannot be excluded or "
                    + "masked (the stores address rows by it); fix: remove it from columns.exclude and columns.mask "
                    + "of the table's mapping");
        }
    }
}
