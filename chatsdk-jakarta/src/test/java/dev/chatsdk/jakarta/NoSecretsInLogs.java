package dev.chatsdk.jakarta;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Applied to every test class of the module (JUnit extension autodetection): captures every log record of
 * the module's loggers at every level, and the other libraries' at INFO and above (what a server logs by
 * default; a container's own debug output dumps raw requests), with formatted parameters and exception
 * chains, and after each class
 * fails it if any configured secret, API key or issued refresh token appears in one. Tests register what must
 * stay secret with {@link #secret(String...)}; {@code TestConfig} and the HTTP client of the tests do it for
 * every secret they make and every refresh token they receive.
 */
public final class NoSecretsInLogs implements AfterAllCallback {
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Queue<String> LINES = new ConcurrentLinkedQueue<>();
    /** Held, so that its level survives: JUL keeps loggers only weakly. */
    private static final Logger MODULE = Logger.getLogger("dev.chatsdk");

    static {
        dev.chatsdk.testsupport.Http.whenRefreshTokenSeen(NoSecretsInLogs::secret);
        Logger root = Logger.getLogger("");
        for (Handler existing : root.getHandlers()) {
            if (existing.getLevel().intValue() < Level.INFO.intValue()) {
                existing.setLevel(Level.INFO);
            }
        }
        MODULE.setLevel(Level.ALL);
        Handler capture = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                String logger = String.valueOf(record.getLoggerName());
                if (!logger.startsWith("dev.chatsdk") && record.getLevel().intValue() < Level.INFO.intValue()) {
                    return;
                }
                StringBuilder line = new StringBuilder(record.getLoggerName() + ": " + formatter.formatMessage(record));
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(' ').append(trace);
                }
                LINES.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    /** Marks values that must never be logged (only values of 16 characters or more, to avoid chance matches). */
    public static void secret(String... values) {
        for (String value : values) {
            if (value != null && value.length() >= 16) {
                SECRETS.add(value);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String line;
        while ((line = LINES.poll()) != null) {
            for (String secret : SECRETS) {
                if (line.contains(secret)) {
                    String logger = line.substring(0, Math.max(0, line.indexOf(':')));
                    throw new AssertionError("a secret (" + secret.length() + " chars, starting '"
                            + secret.substring(0, 4) + "') appeared in a log line of " + logger);
                }
            }
        }
    }
}
