package io.mysync.writer.hbase;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceNotFoundException;
import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.KeepDeletedCells;
import org.apache.hadoop.hbase.util.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates tables on first use with a family that keeps deleted cells ({@code KEEP_DELETED_CELLS = TRUE}), so that a
 * major compaction never drops the delete markers that keep replayed older puts hidden. A table created beforehand
 * without it is refused, with the command that fixes it.
 */
final class HBaseTables {

    private static final Logger LOG = LoggerFactory.getLogger(HBaseTables.class);

    private final Connection connection;
    private final Set<String> checked = new HashSet<>();

    HBaseTables(Connection connection) {
        this.connection = connection;
    }

    /** @throws IllegalStateException when the table exists without a family that keeps deleted cells */
    void ensure(TableName table, String family) throws IOException {
        String key = table.getNameAsString() + "/" + family;
        if (checked.contains(key)) {
            return;
        }
        try (Admin admin = connection.getAdmin()) {
            if (!admin.tableExists(table)) {
                create(admin, table, family);
            } else {
                TableDescriptor descriptor = admin.getDescriptor(table);
                ColumnFamilyDescriptor existing = descriptor.getColumnFamily(Bytes.toBytes(family));
                if (existing == null) {
                    throw new IllegalStateException("HBase table " + table + " exists without column family '"
                            + family + "'. Fix: alter '" + table + "', {NAME => '" + family
                            + "', KEEP_DELETED_CELLS => TRUE} in the HBase shell, or map to another family");
                }
                if (existing.getKeepDeletedCells() == KeepDeletedCells.FALSE) {
                    throw new IllegalStateException("HBase table " + table + " family '" + family + "' was created "
                            + "without KEEP_DELETED_CELLS, so a major compaction would purge delete markers and a "
                            + "replayed older event could bring deleted rows back. Fix: alter '" + table
                            + "', {NAME => '" + family + "', KEEP_DELETED_CELLS => TRUE} in the HBase shell");
                }
            }
        }
        checked.add(key);
    }

    private static void create(Admin admin, TableName table, String family) throws IOException {
        String namespace = table.getNamespaceAsString();
        if (!NamespaceDescriptor.DEFAULT_NAMESPACE_NAME_STR.equals(namespace)) {
            try {
                admin.getNamespaceDescriptor(namespace);
            } catch (NamespaceNotFoundException e) {
                admin.createNamespace(NamespaceDescriptor.create(namespace).build());
            }
        }
        try {
            admin.createTable(TableDescriptorBuilder.newBuilder(table)
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(Bytes.toBytes(family))
                            .setKeepDeletedCells(KeepDeletedCells.TRUE).setMaxVersions(1).build())
                    .build());
            LOG.info("Created HBase table {} with family {} (KEEP_DELETED_CELLS => TRUE)", table, family);
        } catch (TableExistsException e) {
            // another writer created it first
        }
    }
}
