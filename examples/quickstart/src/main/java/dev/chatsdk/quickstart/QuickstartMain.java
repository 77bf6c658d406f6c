package dev.chatsdk.quickstart;

import java.lang.management.ManagementFactory;
import java.util.Map;

import dev.chatsdk.jakarta.ChatSdkConfigException;

/**
 * {@code java -jar chatsdk-quickstart.jar}: starts the quickstart on {@code HOST} (default {@code 127.0.0.1})
 * and {@code PORT} (default 8080) and runs until the process is stopped. Exit status 2 means a configuration
 * problem (listed on standard error), 1 any other start-up failure.
 */
public final class QuickstartMain {
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    private QuickstartMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty(LOG_FORMAT) == null) {
            // one line per record, before anything touches java.util.logging
            System.setProperty(LOG_FORMAT, "%1$tF %1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n");
        }
        System.Logger log = System.getLogger("dev.chatsdk.quickstart");
        long started = System.nanoTime();

        String host = env("HOST", Quickstart.DEFAULT_HOST);
        int port;
        try {
            port = Integer.parseInt(env("PORT", String.valueOf(Quickstart.DEFAULT_PORT)));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            System.err.println("PORT is '" + System.getenv("PORT") + "'; use a port number from 0 to 65535.");
            System.exit(1);
            return;
        }

        Quickstart quickstart;
        try {
            quickstart = Quickstart.start(host, port, Map.of());
        } catch (ChatSdkConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            System.err.println("The ChatSDK quickstart cannot start on " + host + ":" + port + ": " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                quickstart.close();
            } catch (RuntimeException e) {
                System.err.println("Stopping the quickstart failed: " + e);
            }
        }, "chatsdk-quickstart-shutdown"));

        long ms = (System.nanoTime() - started) / 1_000_000;
        long jvm = ManagementFactory.getRuntimeMXBean().getUptime();
        log.log(System.Logger.Level.INFO, String.format("QUICKSTART: ChatSDK quickstart listening on %s "
                + "(server started in %d ms, %d ms after JVM start); open it for curl examples, Ctrl+C stops it",
                quickstart.uri(), ms, jvm));
        try {
            quickstart.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
