package io.mysync.writer.redis;

import static io.mysync.writer.redis.RedisSettings.REDIS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Value;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.events.value.NestedJson;
import io.mysync.events.value.ValueText;
import io.mysync.config.model.MappingConfig;
import io.mysync.writer.api.mapping.MappedChange;
import io.mysync.writer.api.mapping.MappingIndex;
import io.mysync.writer.api.mapping.TemplateKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Encodes a change event as a call of the apply script for the mapping of its table: the row key from the template,
 * and the row as hash fields (text of each value; BLOBs as raw bytes; NULL columns left out) or as a JSON object.
 */
final class RedisRowEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MappingIndex<TemplateKey> mappings;

    private RedisRowEncoder(List<MappingConfig> mappings) {
        this.mappings = new MappingIndex<>(RedisSink.NAME, mappings.stream()
                .map(m -> new MappingIndex.Entry<>(m, new TemplateKey(m.options(REDIS).orElseThrow().keyTemplate())))
                .toList());
    }

    static RedisRowEncoder forMappings(List<MappingConfig> all) {
        return new RedisRowEncoder(all.stream().filter(m -> m.options(REDIS).isPresent()).toList());
    }

    /** The key template of the mapping that sends a table to Redis, if any. */
    Optional<TemplateKey> templateOf(String database, String table) {
        return mappings.of(database, table).map(MappingIndex.Entry::prepared);
    }

    /** The script arguments for an event, or empty when no mapping sends its table to Redis or it skips the op. */
    Optional<RedisCommand> encode(ChangeEvent event, byte[] seqPrefix, Duration tombstoneTtl)
            throws PoisonEventException {
        Optional<MappingIndex.Routed<TemplateKey>> routed = mappings.route(event);
        if (routed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(encode(routed.get().change(), routed.get().mapping().options(REDIS).orElseThrow(),
                routed.get().prepared(), seqPrefix, tombstoneTtl));
    }

    private RedisCommand encode(MappedChange change, RedisMapping redis, TemplateKey template, byte[] seqPrefix,
                                Duration tombstoneTtl) throws PoisonEventException {
        ChangeEvent event = change.event();
        byte[] key = template.resolve(event, change.keyImage()).getBytes(StandardCharsets.UTF_8);
        byte[] seqKey = RedisKeys.seqKey(seqPrefix, key);
        List<byte[]> args = new ArrayList<>(6 + 2 * change.fields().size());
        args.add(Long.toUnsignedString(event.getSeq()).getBytes(StandardCharsets.US_ASCII));
        String kind = change.delete() ? "del" : redis.type() == RedisValueType.HASH ? "hash" : "json";
        args.add(kind.getBytes(StandardCharsets.US_ASCII));
        args.add(Long.toString(redis.ttl().toMillis()).getBytes(StandardCharsets.US_ASCII));
        args.add(Long.toString(Math.max(1, tombstoneTtl.toMillis())).getBytes(StandardCharsets.US_ASCII));
        args.add(null); // payload size, set below
        if (!change.delete()) {
            if (redis.type() == RedisValueType.HASH) {
                for (MappedChange.Field field : change.fields()) {
                    byte[] value = hashValue(field.value());
                    if (value != null) {
                        args.add(field.name().getBytes(StandardCharsets.UTF_8));
                        args.add(value);
                    }
                }
            } else {
                args.add(json(event, change.fields()));
            }
        }
        args.set(4, Integer.toString(args.size() - 5).getBytes(StandardCharsets.US_ASCII));
        return new RedisCommand(List.of(key, seqKey), args);
    }

    /** Hash field bytes: BLOB/BINARY exactly as stored, everything else as its {@link ValueText}; NULL absent. */
    static byte[] hashValue(Value value) {
        if (value.hasBytesValue()) {
            return value.getBytesValue().toByteArray();
        }
        String text = ValueText.of(value);
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(ChangeEvent event, List<MappedChange.Field> fields) throws PoisonEventException {
        ObjectNode row = JSON.createObjectNode();
        for (MappedChange.Field field : fields) {
            row.set(field.name(), jsonValue(event, field.value()));
        }
        try {
            return JSON.writeValueAsBytes(row);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException(event, "cannot write the row as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** JSON form: numbers stay numbers except DECIMAL (a string, to stay exact), SET is an array, JSON is embedded. */
    static JsonNode jsonValue(ChangeEvent event, Value value) throws PoisonEventException {
        var nodes = JSON.getNodeFactory();
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> nodes.nullNode();
            case INT_VALUE -> nodes.numberNode(value.getIntValue());
            case UINT_VALUE -> nodes.numberNode(new BigInteger(Long.toUnsignedString(value.getUintValue())));
            case FLOAT_VALUE -> nodes.numberNode(value.getFloatValue());
            case DOUBLE_VALUE -> nodes.numberNode(value.getDoubleValue());
            case YEAR_VALUE -> nodes.numberNode(value.getYearValue());
            case BIT_VALUE -> nodes.numberNode(new BigInteger(ValueText.bits(value.getBitValue())));
            case SET_VALUE -> {
                ArrayNode members = nodes.arrayNode();
                value.getSetValue().getMembersList().forEach(members::add);
                yield members;
            }
            case JSON_VALUE -> {
                try {
                    yield JSON.readTree(value.getJsonValue());
                } catch (JsonProcessingException e) {
                    throw new PoisonEventException(event, "JSON column holds invalid JSON: " + e.getOriginalMessage(),
                            e);
                }
            }
            case ROWS_VALUE, ROW_VALUE, MAP_VALUE -> {
                try {
                    yield NestedJson.of(value, nested -> {
                        try {
                            return jsonValue(event, nested);
                        } catch (PoisonEventException e) {
                            throw new java.io.UncheckedIOException(new java.io.IOException(e.getMessage(), e));
                        }
                    });
                } catch (java.io.UncheckedIOException e) {
                    throw (PoisonEventException) e.getCause().getCause();
                }
            }
            default -> nodes.textNode(ValueText.of(value));
        };
    }
}
