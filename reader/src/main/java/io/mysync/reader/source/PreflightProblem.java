package io.mysync.reader.source;

/** A server setting or grant that stops the reader, with the statement that fixes it. */
public record PreflightProblem(String what, String found, String fix) {

    @Override
    public String toString() {
        return what + " is " + found + "; fix: " + fix;
    }
}
