package io.mysync.reader.source;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * Facts about the connected server the reader needs beside the binlog.
 *
 * @param gtidEnabled  MySQL {@code gtid_mode=ON}; always true on MariaDB, whose every transaction has a GTID
 * @param charsetByCollation Java charset of each collation id, from the server's own collation table; a
 *                     collation missing here (binary, or a charset Java lacks) yields bytes
 */
public record ServerInfo(ServerFlavor flavor, String version, long serverId, String serverUuid,
                         boolean gtidEnabled, Map<Integer, Charset> charsetByCollation) {
}
