package io.mysync.reader.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.common.schema.ColumnDefinition;
import io.mysync.common.schema.SchemaHistory;
import io.mysync.common.schema.TableDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DdlApplierTest {

    private SchemaHistory history;

    @BeforeEach
    void setUp() {
        history = SchemaHistory.of(Map.of());
        apply("CREATE TABLE items (id INT NOT NULL AUTO_INCREMENT, name VARCHAR(40) DEFAULT 'a,b', "
                + "qty INT UNSIGNED, state ENUM('New','it''s') NOT NULL, PRIMARY KEY (id), KEY q (qty)) "
                + "ENGINE=InnoDB");
    }

    private DdlApplier.Applied apply(String sql) {
        return DdlApplier.apply(history, sql, "shop");
    }

    private TableDefinition items() {
        return history.table("shop", "items").orElseThrow();
    }

    @Test
    void createTableReadsColumnsTypesMembersAndKey() {
        assertThat(items().columnNames()).containsExactly("id", "name", "qty", "state");
        assertThat(items().columns().get(1).type()).isEqualTo("varchar(40)");
        assertThat(items().columns().get(2).type()).isEqualTo("int unsigned");
        assertThat(items().columns().get(3).members()).containsExactly("New", "it's");
        assertThat(items().primaryKey()).containsExactly("id");
        apply("create table `other`.`t` (`a` bigint primary key, b double precision, c national varchar(3), "
                + "d bool, e serial, f long varbinary, g decimal(10, 2) comment 'primary key', "
                + "h int generated always as (a + 1) virtual, unique key (b))");
        TableDefinition t = history.table("other", "t").orElseThrow();
        assertThat(t.columns()).extracting(ColumnDefinition::type).containsExactly("bigint", "double", "varchar(3)",
                "tinyint(1)", "bigint unsigned", "mediumblob", "decimal(10,2)", "int");
        assertThat(t.primaryKey()).containsExactly("a");
    }

    @Test
    void alterFollowsEveryColumnClauseInPlace() {
        apply("ALTER TABLE items ADD COLUMN first_col INT FIRST");
        apply("ALTER TABLE items ADD mid VARCHAR(5) AFTER name, ADD last_col DATE");
        assertThat(items().columnNames()).containsExactly("first_col", "id", "name", "mid", "qty", "state",
                "last_col");
        apply("ALTER TABLE items DROP COLUMN mid, DROP first_col");
        apply("ALTER TABLE items RENAME COLUMN name TO title");
        apply("ALTER TABLE items CHANGE COLUMN qty quantity BIGINT NOT NULL AFTER id");
        apply("ALTER TABLE items MODIFY title VARCHAR(200) FIRST, ALGORITHM=INPLACE, LOCK=NONE");
        assertThat(items().columnNames()).containsExactly("title", "id", "quantity", "state", "last_col");
        assertThat(items().columns().get(2).type()).isEqualTo("bigint");
        apply("ALTER TABLE items ADD (a INT, b TEXT), ADD INDEX ix (a), DROP INDEX q, ADD UNIQUE KEY u (b(10))");
        assertThat(items().columnNames()).endsWith("a", "b");
        apply("ALTER TABLE items ADD `key` INT, ADD `index` INT FIRST");
        assertThat(items().columnNames()).startsWith("index").endsWith("key");
        assertThat(items().primaryKey()).containsExactly("id");
    }

    @Test
    void primaryKeyChangesAndRenamedKeyColumns() {
        apply("ALTER TABLE items DROP PRIMARY KEY, ADD PRIMARY KEY (name, id)");
        assertThat(items().primaryKey()).containsExactly("name", "id");
        apply("ALTER TABLE items CHANGE name label VARCHAR(40)");
        assertThat(items().primaryKey()).containsExactly("label", "id");
        apply("ALTER TABLE items DROP PRIMARY KEY");
        assertThat(items().primaryKey()).isEmpty();
        apply("ALTER TABLE items ADD CONSTRAINT pk PRIMARY KEY USING BTREE (id)");
        assertThat(items().primaryKey()).containsExactly("id");
    }

    @Test
    void renamesDropsLikeAndTheOnlineSchemaChangeDance() {
        apply("CREATE TABLE `_items_gho` LIKE `items`");
        apply("ALTER TABLE `_items_gho` ADD COLUMN note TEXT");
        apply("RENAME TABLE items TO _items_del, _items_gho TO items");
        assertThat(items().columnNames()).containsExactly("id", "name", "qty", "state", "note");
        apply("DROP TABLE IF EXISTS _items_del");
        assertThat(history.table("shop", "_items_del")).isEmpty();
        apply("ALTER TABLE items RENAME TO archive.items_2026");
        assertThat(history.table("archive", "items_2026")).isPresent();
        assertThat(history.table("shop", "items")).isEmpty();
        apply("DROP DATABASE archive");
        assertThat(history.size()).isZero();
    }

    @Test
    void whatCannotBeFollowedIsForgottenNotGuessed() {
        DdlApplier.Applied applied = apply("ALTER TABLE items DROP COLUMN nothing_here");
        assertThat(applied.forgotten()).containsKey(new SchemaHistory.TableId("shop", "items"));
        assertThat(history.table("shop", "items")).isEmpty();
        apply("CREATE TABLE copy AS SELECT * FROM x");
        assertThat(history.table("shop", "copy")).isEmpty();
        apply("CREATE TABLE c2 LIKE unknown_table");
        assertThat(history.table("shop", "c2")).isEmpty();
    }

    @Test
    void statementsThatKeepTheShapeChangeNothing() {
        long version = history.version();
        for (String sql : List.of("ALTER TABLE items ADD INDEX i (qty)", "ALTER TABLE items ENGINE=InnoDB",
                "ALTER TABLE items ALTER COLUMN qty SET DEFAULT 3", "TRUNCATE TABLE items",
                "CREATE INDEX j ON items (name)", "CREATE TEMPORARY TABLE items (x INT)", "GRANT ALL ON *.* TO x",
                "CREATE TABLE IF NOT EXISTS items (other INT)", "ALTER TABLE unknown ADD COLUMN z INT")) {
            assertThat(apply(sql).isEmpty()).as(sql).isTrue();
        }
        assertThat(history.version()).isEqualTo(version);
        assertThat(items().columnNames()).containsExactly("id", "name", "qty", "state");
    }

    @Test
    void convertToCharacterSetLeavesTextColumnsOfAnyTextType() {
        apply("ALTER TABLE items CONVERT TO CHARACTER SET utf8mb4");
        assertThat(items().columns().get(1).type()).isEqualTo(DeclaredTypes.CONVERTED_TEXT);
        assertThat(DeclaredTypes.fits(items().columns().get(1), ColumnTypes.BLOB)).isTrue();
        assertThat(DeclaredTypes.fits(items().columns().get(0), ColumnTypes.VARCHAR)).isFalse();
        assertThat(items().columns().get(3).members()).containsExactly("New", "it's");
    }

    @Test
    void unreadableStatementsThrow() {
        assertThatThrownBy(() -> apply("RENAME TABLE")).isInstanceOf(IllegalArgumentException.class);
    }
}
