package org.elasticsearch.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.env.Environment;

/** Plugins that are classes on the launcher's classpath instead of bundles under {@code plugins/}. */
public final class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> loaded;

    public ClasspathPluginsService(Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(environment.settings(), environment.configDir(), noBundles());
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (Class<? extends Plugin> type : pluginClasses) {
            Plugin plugin = loadPlugin(type, environment.settings(), environment.configDir());
            PluginDescriptor descriptor = new PluginDescriptor(type.getName(), "classpath plugin", "NA",
                    Build.current().version(), Integer.toString(Runtime.version().feature()), type.getName(), null,
                    List.of(), false, false, false, false);
            plugins.add(new LoadedPlugin(descriptor, plugin, type.getClassLoader()));
        }
        loadExtensions(plugins);
        this.loaded = List.copyOf(plugins);
    }

    /** A loader with no plugin or module bundles (its public factory expects a modular server layer). */
    public static PluginsLoader noBundles() {
        return new PluginsLoader(Set.of(), Set.of(), Map.of());
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return loaded;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(loaded.stream().map(p -> new PluginRuntimeInfo(p.descriptor())).toList(),
                List.of());
    }
}
