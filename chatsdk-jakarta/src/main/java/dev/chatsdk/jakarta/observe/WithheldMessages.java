package dev.chatsdk.jakarta.observe;

/**
 * A throwable fit for a log line when its messages may quote a secret: the same classes and stack traces, causes
 * included, with every message withheld. The JDK's own exceptions quote what they refused (a header value that
 * is a refresh token, a URL with credentials), and an unexpected exception can carry anything; such an exception
 * is logged through this, never as itself.
 */
public final class WithheldMessages {
    /** Causes logged at most: a loop or a very long chain ends here. */
    private static final int MAX_CAUSES = 8;

    private WithheldMessages() {
    }

    /**
     * @param e an exception whose messages may hold a secret
     * @return a stand-in naming each exception class of the chain, with their stack traces and no message
     */
    public static Throwable of(Throwable e) {
        return of(e, 0);
    }

    private static Throwable of(Throwable e, int depth) {
        Throwable cause = e.getCause() == null || e.getCause() == e || depth >= MAX_CAUSES ? null
                : of(e.getCause(), depth + 1);
        Throwable stand = new Withheld(e.getClass().getName() + " (message withheld)", cause);
        stand.setStackTrace(e.getStackTrace());
        return stand;
    }

    /** The stand-in's class: its message is the original's class name. */
    private static final class Withheld extends Throwable {
        private static final long serialVersionUID = 1L;

        Withheld(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
