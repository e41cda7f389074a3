package io.mysync.writer.redis;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.load.ConfigProblem;
import io.mysync.config.load.ConfigValues;
import java.util.ArrayList;
import java.util.List;

/** {@code sinks.redis} names exactly one of a server, a cluster or a Sentinel master, and the Sentinels with it. */
final class RedisServersCheck {

    private RedisServersCheck() {
    }

    static void check(ConfigValues v, List<ConfigProblem> problems) {
        String url = v.get(RedisConfigKeys.URL);
        List<String> cluster = v.get(RedisConfigKeys.CLUSTER);
        String master = v.get(RedisConfigKeys.SENTINEL_MASTER);
        List<String> sentinels = v.get(RedisConfigKeys.SENTINEL_NODES);
        if (url == null || cluster == null || master == null || sentinels == null || problems.stream()
                .anyMatch(p -> p.key().startsWith("sinks.redis.url") || p.key().startsWith("sinks.redis.cluster")
                        || p.key().startsWith("sinks.redis.sentinel."))) {
            return; // malformed ones are reported already
        }
        List<ConfigKey<?>> given = new ArrayList<>();
        if (!url.isEmpty()) {
            given.add(RedisConfigKeys.URL);
        }
        if (!cluster.isEmpty()) {
            given.add(RedisConfigKeys.CLUSTER);
        }
        if (!master.isEmpty()) {
            given.add(RedisConfigKeys.SENTINEL_MASTER);
        }
        if (given.isEmpty()) {
            problems.add(new ConfigProblem(v.file(), v.lineOf("sinks.redis"), "sinks.redis.url", "sinks.redis "
                    + "needs a server: url (one server), cluster (seed nodes of a Redis Cluster) or sentinel.master "
                    + "with sentinel.nodes"));
        } else if (given.size() > 1) {
            problems.add(new ConfigProblem(v.file(), v.lineOf(given.get(1).path()), given.get(1).path(),
                    given.stream().map(ConfigKey::path).toList() + " are all set: give one of them"));
        }
        if (!master.isEmpty() && sentinels.isEmpty()) {
            problems.add(new ConfigProblem(v.file(), v.lineOf(RedisConfigKeys.SENTINEL_MASTER.path()),
                    RedisConfigKeys.SENTINEL_NODES.path(), "sentinel.master needs the Sentinels to ask: "
                    + "sentinel.nodes: [ redis://HOST:26379, ... ]"));
        }
        if (master.isEmpty() && !sentinels.isEmpty()) {
            problems.add(new ConfigProblem(v.file(), v.lineOf(RedisConfigKeys.SENTINEL_NODES.path()),
                    RedisConfigKeys.SENTINEL_MASTER.path(), "sentinel.nodes is set without sentinel.master, the "
                    + "name the Sentinels monitor"));
        }
    }
}
