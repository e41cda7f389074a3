package io.mysync.reader.ha;

import io.mysync.common.error.RefusedException;
import io.mysync.config.model.HaConfig;
import java.util.Optional;
import org.apache.zookeeper.KeeperException;

/** ZooKeeper denied MySync a znode of its source (ACL): wrong credentials, or the znode is another identity's. */
public final class ZooKeeperDeniedException extends RefusedException {

    private ZooKeeperDeniedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The denial somewhere in {@code error}'s causes, if there is one. */
    static Optional<ZooKeeperDeniedException> in(Throwable error, HaConfig ha) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ZooKeeperDeniedException denied) {
                return Optional.of(denied);
            }
            if (t instanceof KeeperException.NoAuthException noAuth) {
                return Optional.of(of(noAuth, ha));
            }
        }
        return Optional.empty();
    }

    private static ZooKeeperDeniedException of(KeeperException.NoAuthException e, HaConfig ha) {
        String who = ha.digest().map(d -> "the digest user " + d.username()).orElse(ha.authenticated()
                ? "this SASL identity" : "a client without login");
        String fix = ha.digest().isPresent() || ha.authenticated()
                ? "check ha.username and ha.password (a wrong password is another identity), or let the znode's "
                        + "owner delete it"
                : "set ha.username and ha.password to the identity that created it";
        return new ZooKeeperDeniedException("ZooKeeper at " + ha.zookeeper() + " denied " + who + " access to "
                + (e.getPath() == null ? "a znode under " + ha.root() : e.getPath()) + " (ACL); fix: " + fix, e);
    }
}
