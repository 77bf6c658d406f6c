package dev.chatsdk.jakarta;

import java.util.List;

/**
 * Thrown at start-up when the configuration cannot be used. The message lists every problem found,
 * one per line, each of the form {@code CHATSDK-nnn: what is wrong with 'key' [from source]; how to
 * fix it}. Secret values never appear in it.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ChatSdkConfigException extends ChatSdkException {
    private static final long serialVersionUID = 1L;

    /** One line per problem found in the configuration. */
    private final List<String> problems;

    /**
     * @param problems one line per problem; at least one
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ChatSdkConfigException(List<String> problems) {
        super(ErrorCode.SERVER_MISCONFIGURED, format(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, one line each, in the order they were found */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception needs at least one problem");
        }
        String header = problems.size() == 1
                ? "ChatSDK Jakarta cannot start: 1 configuration problem"
                : String.format("ChatSDK Jakarta cannot start: %d configuration problems", problems.size());
        return header + System.lineSeparator() + String.join(System.lineSeparator(), problems);
    }
}
