package dev.chatsdk.benchmarks.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cross-check of the Java load generator: the same request measured by {@code wrk} (Debian's package), a load
 * generator written in C that costs the machine about as little per request as one can. If the two agree on a
 * ratio, the ratio is the servers', not the generator's.
 */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {
    }

    /** @return whether {@code wrk} is on the PATH */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One wrk measurement: requests per second and the answers that were not 2xx or failed. */
    record Result(double perSecond, long errors) {
    }

    /**
     * @param connections keep-alive connections, over two threads (the machine's cores)
     * @param headers     request header lines ({@code Name: value})
     */
    static Result run(int port, String method, String path, List<String> headers, int connections, Duration duration)
            throws IOException, InterruptedException {
        StringBuilder lua = new StringBuilder("wrk.method = \"").append(method).append("\"\n");
        for (String header : headers) {
            int colon = header.indexOf(':');
            lua.append("wrk.headers[\"").append(header, 0, colon).append("\"] = \"")
                    .append(header.substring(colon + 1).trim()).append("\"\n");
        }
        Path script = Files.createTempFile("chatsdk-wrk", ".lua");
        try {
            Files.writeString(script, lua);
            Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + Math.max(1, duration.toSeconds()) + "s",
                    "-s", script.toString(), "http://127.0.0.1:" + port + path).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("wrk failed: " + out);
            }
            Matcher rate = RATE.matcher(out);
            if (!rate.find()) {
                throw new IOException("no rate in wrk's output: " + out);
            }
            long errors = 0;
            Matcher non2xx = NON_2XX.matcher(out);
            if (non2xx.find()) {
                errors += Long.parseLong(non2xx.group(1));
            }
            Matcher socket = ERRORS.matcher(out);
            if (socket.find()) {
                for (int g = 1; g <= 4; g++) {
                    errors += Long.parseLong(socket.group(g));
                }
            }
            return new Result(Double.parseDouble(rate.group(1)), errors);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
