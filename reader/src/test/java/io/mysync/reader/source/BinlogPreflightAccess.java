package io.mysync.reader.source;

import java.util.Set;

/** Opens the package-private grant parser to tests in other packages. */
public final class BinlogPreflightAccess {

    private BinlogPreflightAccess() {
    }

    public static Set<String> globalPrivileges(String line) {
        return BinlogPreflight.globalPrivileges(line);
    }
}
