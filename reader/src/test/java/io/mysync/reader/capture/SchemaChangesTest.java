package io.mysync.reader.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.config.model.AlterPolicy;
import io.mysync.config.model.RowsGonePolicy;
import io.mysync.config.model.SchemaChangePolicy;
import io.mysync.reader.backfill.Resyncs;
import io.mysync.reader.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decisions on DDL for captured tables; the pattern "shop.*" captures every table of shop. */
class SchemaChangesTest {

    private final List<String> actions = new ArrayList<>();
    private Map<String, SchemaChangePolicy> policies = Map.of();

    private final Resyncs resyncs = new Resyncs() {
        @Override
        public void resync(String table, String reason) {
            actions.add("resync " + table);
        }

        @Override
        public void onTruncate(String database, String table) {
            actions.add("window " + database + "." + table);
        }
    };

    private SchemaChanges changes() {
        return new SchemaChanges((db, t) -> policies.get(db + "." + t), () -> (db, t) -> db.equals("shop")
                && !t.startsWith("_"), resyncs);
    }

    private void run(SchemaChanges changes, String sql) {
        changes.statement(sql, "shop", "binlog.000001:4", (table, statement) -> actions.add("truncate " + table));
    }

    private static TableSchema shape(String table, int version) {
        return new TableSchema("shop", table, List.of(), List.of(), version, true);
    }

    @Test
    void truncateAndDropPropagateByDefaultAndAreIgnoredWhenConfigured() {
        SchemaChanges changes = changes();
        run(changes, "TRUNCATE orders");
        run(changes, "DROP TABLE orders, other.x, shop.items");
        run(changes, "TRUNCATE TABLE other.y");
        assertThat(actions).containsExactly("window shop.orders", "truncate shop.orders", "window shop.orders",
                "truncate shop.orders", "window shop.items", "truncate shop.items");

        actions.clear();
        policies = Map.of("shop.orders", new SchemaChangePolicy(RowsGonePolicy.IGNORE, RowsGonePolicy.IGNORE,
                AlterPolicy.STREAM));
        run(changes, "TRUNCATE orders");
        run(changes, "DROP TABLE orders");
        run(changes, "ALTER TABLE orders ADD COLUMN c INT");
        assertThat(actions).isEmpty();
    }

    @Test
    void columnChangesResyncButIndexChangesDoNot() {
        SchemaChanges changes = changes();
        run(changes, "ALTER TABLE orders ADD INDEX i (a)");
        run(changes, "ALTER TABLE orders DROP COLUMN note");
        run(changes, "ALTER TABLE _orders_gho ADD COLUMN c INT");
        run(changes, "CREATE TABLE fresh (id INT PRIMARY KEY)");
        assertThat(actions).containsExactly("resync shop.orders");
    }

    @Test
    void aPrimaryKeyChangeRemovesTheRowsThenResyncs() {
        SchemaChanges changes = changes();
        run(changes, "ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, region)");
        assertThat(actions).containsExactly("window shop.orders", "truncate shop.orders", "resync shop.orders");
    }

    @Test
    void aCutOverWithTheSameColumnsChangesNothingAndOneWithNewColumnsResyncs() {
        SchemaChanges changes = changes();
        changes.tableMap(shape("orders", 1));
        changes.tableMap(shape("_orders_gho", 1));
        run(changes, "RENAME TABLE orders TO _orders_del, _orders_gho TO orders");
        assertThat(actions).isEmpty();

        changes.tableMap(shape("_orders_new", 2));
        run(changes, "RENAME TABLE orders TO _orders_old, _orders_new TO orders");
        assertThat(actions).containsExactly("resync shop.orders");
    }

    @Test
    void aTwoStepCutOverNeitherDeletesNorResyncsWhenTheColumnsStayed() {
        SchemaChanges changes = changes();
        changes.tableMap(shape("orders", 1));
        changes.tableMap(shape("_orders_gho", 1));
        run(changes, "RENAME TABLE orders TO _orders_del");
        run(changes, "RENAME TABLE _orders_gho TO orders");
        assertThat(actions).isEmpty();
    }

    @Test
    void renamesAwayDropAndRenamesInResync() {
        SchemaChanges changes = changes();
        run(changes, "RENAME TABLE orders TO archive.orders_2025");
        assertThat(actions).containsExactly("window shop.orders", "truncate shop.orders");

        actions.clear();
        run(changes, "RENAME TABLE archive.old TO shop.restored");
        assertThat(actions).containsExactly("resync shop.restored");

        actions.clear();
        run(changes, "RENAME TABLE a TO tmp, b TO a, tmp TO b");
        assertThat(actions).containsExactly("window shop.a", "truncate shop.a", "resync shop.a", "window shop.b",
                "truncate shop.b", "resync shop.b");
    }

    @Test
    void anUnreadableStatementIsLoggedNotActedOn() {
        SchemaChanges changes = changes();
        run(changes, "RENAME TABLE orders");
        assertThat(actions).isEmpty();
    }
}
