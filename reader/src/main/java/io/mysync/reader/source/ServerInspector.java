package io.mysync.reader.source;

import io.mysync.common.sql.SourceDialect;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@link ServerInfo} from a live server. */
public final class ServerInspector {

    /** MySQL character set names that Java spells differently. */
    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("utf8mb4", "UTF-8"), Map.entry("utf8mb3", "UTF-8"), Map.entry("utf8", "UTF-8"),
            Map.entry("latin1", "windows-1252"), Map.entry("ascii", "US-ASCII"), Map.entry("ucs2", "UTF-16BE"),
            Map.entry("utf16", "UTF-16BE"), Map.entry("utf16le", "UTF-16LE"), Map.entry("utf32", "UTF-32BE"),
            Map.entry("latin2", "ISO-8859-2"), Map.entry("latin5", "ISO-8859-9"), Map.entry("latin7", "ISO-8859-13"),
            Map.entry("greek", "ISO-8859-7"), Map.entry("hebrew", "ISO-8859-8"), Map.entry("cp1250", "windows-1250"),
            Map.entry("cp1251", "windows-1251"), Map.entry("cp1256", "windows-1256"),
            Map.entry("cp1257", "windows-1257"), Map.entry("cp850", "IBM850"), Map.entry("cp852", "IBM852"),
            Map.entry("cp866", "IBM866"), Map.entry("koi8r", "KOI8-R"), Map.entry("koi8u", "KOI8-U"),
            Map.entry("sjis", "Shift_JIS"), Map.entry("cp932", "windows-31j"), Map.entry("ujis", "EUC-JP"),
            Map.entry("eucjpms", "x-eucJP-Open"), Map.entry("euckr", "EUC-KR"), Map.entry("gb2312", "GB2312"),
            Map.entry("gbk", "GBK"), Map.entry("gb18030", "GB18030"), Map.entry("big5", "Big5"),
            Map.entry("tis620", "TIS-620"), Map.entry("macroman", "x-MacRoman"), Map.entry("macce", "x-MacCentralEurope"));

    private ServerInspector() {
    }

    public static ServerInfo inspect(SourceConnection sql) throws SQLException {
        SourceDialect dialect = SourceDialect.of(sql.jdbc());
        long serverId = Long.parseLong(sql.variable("server_id").orElse("0"));
        String uuid = sql.variable("server_uuid").orElse("");
        boolean gtid = dialect.mariadb()
                || "ON".equalsIgnoreCase(sql.variable("gtid_mode").orElse("OFF"));
        return new ServerInfo(dialect, serverId, uuid, gtid, collations(sql));
    }

    private static Map<Integer, Charset> collations(SourceConnection sql) throws SQLException {
        Map<Integer, Charset> out = new HashMap<>();
        List<List<String>> rows = sql.rows("SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS");
        for (List<String> row : rows) {
            if (row.get(0) == null || row.get(1) == null) {
                continue;
            }
            String javaName = JAVA_NAMES.get(row.get(1).toLowerCase(Locale.ROOT));
            if (javaName != null && Charset.isSupported(javaName)) {
                out.put(Integer.parseInt(row.get(0)), Charset.forName(javaName));
            }
        }
        return out;
    }
}
