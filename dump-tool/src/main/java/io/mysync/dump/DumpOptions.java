package io.mysync.dump;

import java.util.Set;

/**
 * How one dump run is asked for.
 *
 * @param tables  DB.TABLE names to load; empty loads every table the configuration maps
 * @param restart forget an unfinished earlier run of this source's dump and plan anew
 */
public record DumpOptions(Set<String> tables, boolean restart) {

    public DumpOptions {
        tables = Set.copyOf(tables);
    }
}
