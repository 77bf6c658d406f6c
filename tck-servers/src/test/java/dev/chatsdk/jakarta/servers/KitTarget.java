package dev.chatsdk.jakarta.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chatsdk.jakarta.tck.TckRunner;

/** The deployment every full server gets: users, generated secrets, and running the kit against it. */
final class KitTarget {
    static final String USER = "alice";
    static final String PASSWORD = "alice-password1!";
    static final String DENIED_USER = "bob";
    static final String DENIED_PASSWORD = "bob-password1!";
    static final String SECRET = random();
    static final String WS_SECRET = random();
    static final String API_KEY = "ck_tck_" + random();

    private KitTarget() {
    }

    private static String random() {
        byte[] bytes = new byte[36];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return which adapter answers the token endpoint (X-ChatSDK-Handler) */
    private static String handler(String baseUrl) throws IOException {
        try {
            java.net.http.HttpResponse<Void> response = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/api/chat/token"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                    (USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.headers().firstValue("X-ChatSDK-Handler").orElse("?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Rewrites {@code compatibility.md} from every report of this run: server × handler × counts. */
    private static void writeCompatibilityTable(Path dir) throws IOException {
        StringBuilder table = new StringBuilder("| server | handler | ready | passed | failed | skipped |\n"
                + "|---|---|---|---|---|---|\n");
        try (var reports = Files.list(dir)) {
            for (Path report : (Iterable<Path>) reports.filter(p -> p.toString().endsWith(".txt")).sorted()::iterator) {
                List<String> lines = Files.readAllLines(report);
                java.util.regex.Matcher head = java.util.regex.Pattern
                        .compile("(.*) \\(handler (\\S+), ready in (\\d+) ms\\)").matcher(lines.get(0));
                java.util.regex.Matcher tail = java.util.regex.Pattern
                        .compile("(\\d+) passed, (\\d+) failed, (\\d+) skipped").matcher(lines.get(lines.size() - 1));
                if (head.matches() && tail.matches()) {
                    table.append(String.format("| %s | %s | %.1f s | %s | %s | %s |%n", head.group(1), head.group(2),
                            Long.parseLong(head.group(3)) / 1000.0, tail.group(1), tail.group(2), tail.group(3)));
                }
            }
        }
        Files.writeString(dir.resolve("compatibility.md"), table);
    }

    static Path serversDir() {
        return Path.of(System.getProperty("servers.dir", "target/servers"));
    }

    /** Sets the module's secrets as system properties of this JVM, for servers embedded in it. */
    static void setSystemProperties() {
        System.setProperty("chatsdk.local.secret", SECRET);
        System.setProperty("chatsdk.local.ws-secret", WS_SECRET);
        System.setProperty("chatsdk.api-key", API_KEY);
    }

    static void clearSystemProperties() {
        System.clearProperty("chatsdk.local.secret");
        System.clearProperty("chatsdk.local.ws-secret");
        System.clearProperty("chatsdk.api-key");
    }

    /** @return the module's settings as {@code -D} arguments (never written to a file) */
    static List<String> systemProperties() {
        return List.of("-Dchatsdk.local.secret=" + SECRET, "-Dchatsdk.local.ws-secret=" + WS_SECRET,
                "-Dchatsdk.api-key=" + API_KEY);
    }

    /** Runs the whole kit, records the report for the compatibility table, and requires every test to pass. */
    static void runKit(String server, String baseUrl, Duration ready) throws IOException {
        Map<String, String> target = new LinkedHashMap<>();
        target.put("chatsdk.tck.base-url", baseUrl);
        target.put("chatsdk.tck.user", USER);
        target.put("chatsdk.tck.password", PASSWORD);
        target.put("chatsdk.tck.denied-user", DENIED_USER);
        target.put("chatsdk.tck.denied-password", DENIED_PASSWORD);
        target.put("chatsdk.tck.api-key", API_KEY);
        target.put("chatsdk.tck.secret", SECRET);
        target.put("chatsdk.tck.ws-secret", WS_SECRET);

        String handler = handler(baseUrl);
        TckRunner.Result result = TckRunner.run(target, List.of());

        String report = server + " (handler " + handler + ", ready in " + ready.toMillis() + " ms)"
                + System.lineSeparator() + result;
        System.out.println(report);
        Path out = Path.of("target", "tck", server.replaceAll("\\W+", "-") + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        writeCompatibilityTable(out.getParent());
        assertThat(result.failed).as(report).isZero();
        assertThat(result.skipped).as(report).isZero();
    }
}
