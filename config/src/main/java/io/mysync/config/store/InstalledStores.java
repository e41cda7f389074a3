package io.mysync.config.store;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The stores on the class path, in the order their service files list them. */
public final class InstalledStores {

    private static final List<StoreSettings<?, ?>> ALL = ServiceLoader.load(StoreSettings.class).stream()
            .<StoreSettings<?, ?>>map(ServiceLoader.Provider::get).toList();

    private InstalledStores() {
    }

    public static List<StoreSettings<?, ?>> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(StoreSettings::name).toList();
    }

    public static Optional<StoreSettings<?, ?>> named(String name) {
        return ALL.stream().filter(store -> store.name().equals(name)).findFirst();
    }
}
