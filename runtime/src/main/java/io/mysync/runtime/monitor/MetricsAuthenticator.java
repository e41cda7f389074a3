package io.mysync.runtime.monitor;

import com.sun.net.httpserver.BasicAuthenticator;
import io.mysync.config.model.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** HTTP basic authentication of {@code /metrics} against {@code metrics.username} and {@code metrics.password}. */
final class MetricsAuthenticator extends BasicAuthenticator {

    private final byte[] username;
    private final byte[] password;

    MetricsAuthenticator(Credentials credentials) {
        super("mysync-metrics", StandardCharsets.UTF_8);
        this.username = credentials.username().getBytes(StandardCharsets.UTF_8);
        this.password = credentials.password().getBytes(StandardCharsets.UTF_8);
    }

    /** Compared in constant time, both parts always, so the answer's timing tells nothing. */
    @Override
    public boolean checkCredentials(String user, String pass) {
        boolean userMatches = MessageDigest.isEqual(username, user.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(password, pass.getBytes(StandardCharsets.UTF_8));
        return userMatches & passwordMatches;
    }
}
