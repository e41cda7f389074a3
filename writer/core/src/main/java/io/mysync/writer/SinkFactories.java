package io.mysync.writer;

import io.mysync.common.error.UsageException;
import io.mysync.writer.api.SinkFactory;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** The {@link SinkFactory} implementations on the class path. */
public final class SinkFactories {

    private SinkFactories() {
    }

    public static List<SinkFactory> all() {
        return ServiceLoader.load(SinkFactory.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    public static Set<String> names() {
        TreeSet<String> names = new TreeSet<>();
        all().forEach(f -> names.add(f.name()));
        return names;
    }

    /** @throws UsageException naming the sinks this build has */
    public static SinkFactory named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() ->
                new UsageException("unknown sink '" + name + "'; this build has: " + names()));
    }
}
