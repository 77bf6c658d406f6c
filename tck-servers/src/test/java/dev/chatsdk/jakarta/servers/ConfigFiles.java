package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Edits of a server's own configuration files that fail loudly when the distribution no longer has what they change. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** Replaces every occurrence of {@code literal} in {@code file}; fails when there is none. */
    static void replace(Path file, String literal, String replacement) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(literal)) {
            throw new IllegalStateException(file + " has no " + literal + ": did the distribution change?");
        }
        Files.writeString(file, text.replace(literal, replacement));
    }
}
