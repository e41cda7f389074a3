package io.mysync.config.model;

/** A user name and its password; the password never appears in {@link #toString()}. */
public record Credentials(String username, String password) {

    @Override
    public String toString() {
        return "Credentials[" + username + ", ******]";
    }
}
