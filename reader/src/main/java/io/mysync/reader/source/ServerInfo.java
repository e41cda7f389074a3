package io.mysync.reader.source;

import io.mysync.common.sql.ServerFlavor;
import io.mysync.common.sql.SourceDialect;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Facts about the connected server the reader needs beside the binlog.
 *
 * @param dialect      flavor and release, and with them the statements and grant names this server speaks
 * @param gtidEnabled  MySQL {@code gtid_mode=ON}; always true on MariaDB, whose every transaction has a GTID
 * @param charsetByCollation Java charset of each collation id, from the server's own collation table; a
 *                     collation missing here (binary, or a charset Java lacks) yields bytes
 */
public record ServerInfo(SourceDialect dialect, long serverId, String serverUuid, boolean gtidEnabled,
                         Map<Integer, Charset> charsetByCollation) {

    public ServerFlavor flavor() {
        return dialect.flavor();
    }

    public String version() {
        return dialect.version();
    }
}
