package io.mysync.reader.capture;

import io.mysync.common.sql.ShadowTables;
import io.mysync.config.model.AlterPolicy;
import io.mysync.config.model.RowsGonePolicy;
import io.mysync.config.model.SchemaChangePolicy;
import io.mysync.reader.backfill.Resyncs;
import io.mysync.reader.schema.DdlStatement;
import io.mysync.reader.schema.DdlStatement.TableName;
import io.mysync.reader.schema.TableSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a DDL statement in the binlog means for the stores of captured tables, decided by each mapping's
 * {@link SchemaChangePolicy}: rows gone (TRUNCATE, DROP, a rename away) become a TRUNCATE event or a warning; a
 * change of columns or key (ALTER, an online schema change tool's cut-over, a table renamed into a mapping) becomes
 * a resync of the table beside the stream, or a warning. Nothing is decided silently: every case is logged.
 */
public final class SchemaChanges {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaChanges.class);

    /** Emits the TRUNCATE event of a table in the statement's transaction. */
    interface Truncation {
        void emit(TableName table, String statement);
    }

    private final BiFunction<String, String, SchemaChangePolicy> policies;
    private final Supplier<BiPredicate<String, String>> captured;
    private final Resyncs backfills;
    /** The schema version of each table's latest table map (captured or not: a tool's copy counts too). */
    private final Map<String, Integer> versions = new HashMap<>();

    public SchemaChanges(BiFunction<String, String, SchemaChangePolicy> policies,
                         Supplier<BiPredicate<String, String>> captured, Resyncs backfills) {
        this.policies = policies;
        this.captured = captured;
        this.backfills = backfills;
    }

    /** Notes a table's shape as its latest table map gives it. */
    void tableMap(TableSchema schema) {
        versions.put(schema.database() + "." + schema.table(), schema.schemaVersion());
    }

    /**
     * A statement outside row events: decides and acts for every captured table it touches.
     *
     * @param at binlog file:position, for the log
     */
    void statement(String sql, String defaultDatabase, String at, Truncation truncation) {
        DdlStatement ddl;
        try {
            ddl = DdlStatement.parse(sql, defaultDatabase);
        } catch (IllegalArgumentException e) {
            LOG.warn("Cannot read the statement at {} ({}): {}. If it changed a captured table, resync that table "
                    + "with ./mysync dump --online --tables DB.TABLE", at, abbreviate(sql), e.getMessage());
            return;
        }
        Context context = new Context(sql, at, truncation);
        switch (ddl.kind()) {
            case TRUNCATE -> ddl.tables().forEach(t -> rowsGone(t, policyOf(t).onTruncate(), "on_truncate: ",
                    "TRUNCATE", context));
            case DROP, CREATE_OR_REPLACE -> ddl.tables().forEach(t -> {
                rowsGone(t, policyOf(t).onDrop(), "on_drop: ", ddl.kind() == DdlStatement.Kind.DROP ? "DROP TABLE"
                        : "CREATE OR REPLACE TABLE", context);
                versions.remove(t.toString());
            });
            case CREATE -> ddl.tables().stream().filter(this::captures).forEach(t -> LOG.info(
                    "Table {} was created at {}; it is captured and its rows stream from here", t, at));
            case RENAME -> renames(ddl, context);
            case ALTER -> {
                TableName table = ddl.tables().get(0);
                if (!ddl.renames().isEmpty()) {
                    renames(ddl, context);
                    table = ddl.renames().get(ddl.renames().size() - 1).to();
                }
                if (ddl.rekeys() && captures(table) && policyOf(table).onAlter() == AlterPolicy.RESYNC) {
                    // ids and row keys made of the primary key change for every row: remove them, then resync
                    rowsGone(table, RowsGonePolicy.PROPAGATE, "on_alter: resync, ids made of the key change, so ",
                            "ALTER TABLE of the primary key", context);
                }
                if (ddl.reshapes()) {
                    reshaped(table, "ALTER TABLE", context);
                } else if (captures(table)) {
                    LOG.debug("ALTER TABLE {} at {} keeps its columns and key: nothing for the stores", table, at);
                }
            }
            default -> {
                // no table touched
            }
        }
    }

    private record Context(String sql, String at, Truncation truncation) {
    }

    /**
     * RENAME TABLE (or ALTER TABLE ... RENAME): follows each table through the renames of the statement, then for
     * every captured name compares which table it holds before and after.
     */
    private void renames(DdlStatement ddl, Context context) {
        Map<TableName, TableName> holds = new LinkedHashMap<>(); // name -> the table (by old name) it now holds
        Set<TableName> existed = new HashSet<>();
        for (DdlStatement.Rename rename : ddl.renames()) {
            if (!holds.containsKey(rename.from())) {
                existed.add(rename.from());
            }
            TableName moved = holds.containsKey(rename.from()) ? holds.get(rename.from()) : rename.from();
            holds.put(rename.from(), null);
            holds.put(rename.to(), moved);
        }
        // a vacated name keeps its last version: a two-step cut-over compares it with the copy renamed into it
        Map<String, Integer> before = new HashMap<>(versions);
        holds.forEach((name, held) -> {
            if (held != null && before.containsKey(held.toString())) {
                versions.put(name.toString(), before.get(held.toString()));
            }
        });
        holds.forEach((name, held) -> {
            if (!captures(name) || name.equals(held) || (held == null && !existed.contains(name))) {
                return;
            }
            if (held == null) {
                TableName now = holds.entrySet().stream().filter(e -> name.equals(e.getValue())).map(Map.Entry::getKey)
                        .findFirst().orElse(null);
                if (now != null && now.database().equals(name.database()) && ShadowTables.isRetired(now.table())
                        && ShadowTables.originalOf(now.table()).orElseThrow().equals(name.table())) {
                    LOG.info("{} was renamed to {} at {}: an online schema change's cut-over; the stores keep its "
                            + "rows until the new table takes its name", name, now, context.at());
                } else if (now != null && captures(now)) {
                    rowsGone(name, policyOf(name).onDrop(), "on_drop: ", "RENAME TABLE to " + now, context);
                } else {
                    rowsGone(name, policyOf(name).onDrop(), "on_drop: ", "RENAME TABLE"
                            + (now == null ? "" : " to " + now + ", which no mapping captures,"), context);
                }
            } else if (held.database().equals(name.database()) && ShadowTables.isCopy(held.table())
                    && ShadowTables.originalOf(held.table()).orElseThrow().equals(name.table())) {
                Integer was = before.get(name.toString());
                Integer copy = before.get(held.toString());
                if (was != null && was.equals(copy)) {
                    LOG.info("Cut-over of an online schema change at {}: {} now is {}, with the same columns and "
                            + "key; its rows in the stores stay as they are", context.at(), name, held);
                } else {
                    reshaped(name, "the cut-over of an online schema change (" + held + " renamed to " + name
                            + (was == null || copy == null ? "; the columns before are not known" : "") + ")",
                            context);
                }
            } else {
                if (existed.contains(name)) {
                    rowsGone(name, policyOf(name).onDrop(), "on_drop: ", "RENAME TABLE", context);
                }
                reshaped(name, "RENAME TABLE " + held + " TO " + name, context);
            }
        });
    }

    /** The table's columns or key changed, or it holds other rows now: resync it, or say why not. */
    private void reshaped(TableName table, String what, Context context) {
        if (!captures(table)) {
            return;
        }
        if (policyOf(table).onAlter() == AlterPolicy.RESYNC) {
            LOG.info("{} changed {} at {}: resyncing it so every row in the stores gets its columns now "
                    + "(on_alter: resync)", what, table, context.at());
            backfills.resync(table.toString(), what + " at " + context.at());
        } else {
            LOG.warn("{} changed {} at {}: rows in the stores keep their old columns until they change "
                    + "(on_alter: stream). To rewrite them: ./mysync dump --online --tables {}", what, table,
                    context.at(), table);
        }
    }

    /** @param rule the setting that decided, up to its value: {@code "on_truncate: "} */
    private void rowsGone(TableName table, RowsGonePolicy policy, String rule, String what, Context context) {
        if (!captures(table)) {
            return;
        }
        if (policy == RowsGonePolicy.PROPAGATE) {
            LOG.warn("{} at {} removed every row of {}: deleting its keys, documents and rows in the stores ({}"
                    + "propagate)", what, context.at(), table, rule);
            backfills.onTruncate(table.database(), table.table());
            context.truncation().emit(table, context.sql());
        } else {
            LOG.warn("{} at {} removed every row of {}; the stores keep them ({}ignore)", what, context.at(), table,
                    rule);
        }
    }

    private boolean captures(TableName table) {
        return captured.get().test(table.database(), table.table());
    }

    private SchemaChangePolicy policyOf(TableName table) {
        return Objects.requireNonNullElse(policies.apply(table.database(), table.table()),
                SchemaChangePolicy.DEFAULT);
    }

    private static String abbreviate(String sql) {
        return sql.length() > 80 ? sql.substring(0, 77) + "..." : sql;
    }
}
