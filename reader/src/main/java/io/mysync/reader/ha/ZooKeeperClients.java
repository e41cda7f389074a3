package io.mysync.reader.ha;

import io.mysync.config.model.HaConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.RetryPolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.ACL;

/**
 * The one place that makes ZooKeeper clients (election, checkpoint, status): the connect string, the login
 * ({@code ha.username}/{@code ha.password} as digest, SASL and TLS through {@code ha.properties}), and the ACL of
 * the znodes MySync creates: its own identity's only when it logs in, open otherwise.
 */
public final class ZooKeeperClients {

    private ZooKeeperClients() {
    }

    public static CuratorFramework create(HaConfig ha, Duration connectionTimeout, RetryPolicy retry) {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder().connectString(ha.zookeeper())
                .sessionTimeoutMs((int) ha.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) connectionTimeout.toMillis()).retryPolicy(retry)
                .aclProvider(aclProvider(ha));
        ha.digest().ifPresent(login -> builder.authorization("digest",
                (login.username() + ":" + login.password()).getBytes(StandardCharsets.UTF_8)));
        if (!ha.clientProperties().isEmpty()) {
            ZKClientConfig client = new ZKClientConfig();
            ha.clientProperties().forEach(client::setProperty);
            builder.zkClientConfig(client);
        }
        return builder.build();
    }

    /**
     * The ACL of a znode MySync creates or takes over. With a login, a source's znodes are its identity's only; the
     * shared {@code ha.root} and its parents also let others read and create, so that sources run under other
     * identities can live beside it, yet no one else can delete or change what is there.
     */
    public static List<ACL> acl(HaConfig ha, String path) {
        if (!ha.authenticated()) {
            return ZooDefs.Ids.OPEN_ACL_UNSAFE;
        }
        if ((ha.root() + "/").startsWith(path + "/") || path.equals("/")) {
            List<ACL> shared = new ArrayList<>(ZooDefs.Ids.CREATOR_ALL_ACL);
            shared.add(new ACL(ZooDefs.Perms.READ | ZooDefs.Perms.CREATE, ZooDefs.Ids.ANYONE_ID_UNSAFE));
            return shared;
        }
        return ZooDefs.Ids.CREATOR_ALL_ACL;
    }

    /**
     * Gives {@code path} and everything under it the ACL of {@link #acl}: znodes a reader created before
     * {@code ha.username} was set stay world-writable otherwise. A no-op without a login.
     */
    public static void takeOver(CuratorFramework zk, HaConfig ha, String path) throws Exception {
        if (!ha.authenticated() || zk.checkExists().forPath(path) == null) {
            return;
        }
        zk.setACL().withACL(acl(ha, path)).forPath(path); // "auth" entries: ZooKeeper stores the session's ids
        for (String child : zk.getChildren().forPath(path)) {
            takeOver(zk, ha, path + "/" + child);
        }
    }

    private static ACLProvider aclProvider(HaConfig ha) {
        return new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return ha.authenticated() ? ZooDefs.Ids.CREATOR_ALL_ACL : ZooDefs.Ids.OPEN_ACL_UNSAFE;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return acl(ha, path);
            }
        };
    }
}
