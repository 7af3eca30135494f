package dev.posplan.web;

import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * The schemes requests build, kept by name and given parameters: building one (checking the parameters, the
 * inv_freq powers, the pair tables) costs about as much as planning a small request, and clients send the same
 * few combinations again and again. Schemes are immutable and thread-safe ({@link Scheme}), so one instance
 * serves every request. Bounded (see {@link BoundedCache}); parameters that are refused keep nothing.
 */
final class SchemeCache {

    private final BoundedCache<Key, Scheme> schemes;

    SchemeCache(int capacity) {
        this.schemes = new BoundedCache<>(capacity);
    }

    /**
     * The scheme {@link SchemeRegistry#create} builds from these parameters, built once.
     *
     * @param params the parameters as given (JSON values: strings, numbers, booleans, null, lists, maps); copied
     */
    Scheme get(String name, Map<String, Object> params) {
        return schemes.get(new Key(name, new HashMap<>(params)),
                k -> SchemeRegistry.create(k.name(), new SchemeParams(k.params())));
    }

    int size() {
        return schemes.size();
    }

    private record Key(String name, Map<String, Object> params) {
    }
}
