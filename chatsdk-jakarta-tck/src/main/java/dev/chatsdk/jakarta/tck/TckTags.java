package dev.chatsdk.jakarta.tck;

/**
 * The TCK's test groups, as JUnit tag names. The suite itself arrives with the TCK issue; the tags
 * are fixed here first so that launchers and test classes share one spelling.
 */
public final class TckTags {
    /** The app-facing token endpoint and the response shape: required of every deployment. */
    public static final String CORE = "core";

    private TckTags() {
    }
}
