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

    /**
     * What every deployment of the matrix runs with besides the examples' own properties, so that the kit's
     * capability tests run: a grace short enough to wait past, the per-address rate limit on with a long period (the
     * kit's own traffic stays far below it; its rate-limit test spends a bucket of its own through
     * {@code X-Forwarded-For}, which the loopback proxy is trusted to set), and the other limits off (the kit logs in
     * more often than the default 30 a minute); the failed API key budget, which cannot be off, wide enough for the
     * wrong keys the kit sends on purpose.
     */
    static final Map<String, String> DEPLOYMENT = Map.of(
            "chatsdk.session.rotation-grace", "2s",
            "chatsdk.rate-limit.ip", "1000/1h",
            "chatsdk.rate-limit.user", "off",
            "chatsdk.rate-limit.api-key", "off",
            "chatsdk.rate-limit.failed-api-key", "1000/1h",
            "chatsdk.web.trusted-proxies", "127.0.0.1");

    /** A deployment of the matrix: its module settings beyond {@link #DEPLOYMENT}, and what the kit is told. */
    static final class Deployment {
        final Map<String, String> module = new LinkedHashMap<>();
        final Map<String, String> kit = new LinkedHashMap<>();
        /** The kit tests this deployment cannot run (Class.method), each skipped with its reason. */
        final java.util.Set<String> expectedSkips = new java.util.TreeSet<>();
        /**
         * The kit tests this deployment fails for a cause outside the module (Class.method → text the failure names,
         * for the one call it fails): each must fail with exactly that, so a server fixed upstream shows here.
         */
        final Map<String, String> expectedFailures = new java.util.TreeMap<>();

        /** HS256 with the generated secrets: everything but the JWKS of asymmetric keys. */
        static Deployment hs256() {
            Deployment d = new Deployment();
            d.module.put("chatsdk.local.secret", SECRET);
            d.kit.put("chatsdk.tck.secret", SECRET);
            d.kit.put("chatsdk.tck.algorithm", "HS256");
            d.expectedSkips.addAll(List.of("JwksTck.verifiesTheTargetsTokensWithThePublishedKey",
                    "JwksTck.publishesNoPrivateKeyMaterial"));
            return d;
        }

        /** RS256 with a key pair generated for this run: the JWKS is published; no HS256 signature check. */
        static Deployment rs256() {
            Deployment d = new Deployment();
            String pem = rsaPrivateKeyPem();
            d.module.put("chatsdk.local.algorithm", "RS256");
            d.module.put("chatsdk.local.private-key", pem);
            d.kit.put("chatsdk.tck.algorithm", "RS256");
            d.kit.put("chatsdk.tck.private-key", pem);
            d.expectedSkips.addAll(List.of("TokenEndpointTck.signsWithTheSecretAndTheWsTokenWithTheWsSecretOnly",
                    "JwksTck.answersNotFoundWithHs256"));
            return d;
        }

        /** @return every module setting, secrets included */
        Map<String, String> moduleSettings() {
            Map<String, String> all = new LinkedHashMap<>(DEPLOYMENT);
            all.put("chatsdk.local.ws-secret", WS_SECRET);
            all.put("chatsdk.web.api-keys", API_KEY);
            all.putAll(module);
            return all;
        }
    }

    /** A PKCS#8 PEM, one line with {@code \\n} escapes (as the module reads it from a property). */
    private static String rsaPrivateKeyPem() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(
                    generator.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets the module's settings as system properties of this JVM, for servers embedded in it. */
    static void setSystemProperties(Deployment deployment) {
        deployment.moduleSettings().forEach(System::setProperty);
    }

    static void clearSystemProperties(Deployment deployment) {
        deployment.moduleSettings().keySet().forEach(System::clearProperty);
    }

    /** @return the module's settings (HS256) as {@code -D} arguments (never written to a file) */
    static List<String> systemProperties() {
        return Deployment.hs256().moduleSettings().entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.toList());
    }

    /** Runs the whole kit against an HS256 deployment; see {@link #runKit(String, String, Duration, Deployment)}. */
    static void runKit(String server, String baseUrl, Duration ready) throws IOException {
        runKit(server, baseUrl, ready, Deployment.hs256());
    }

    /**
     * Runs the whole kit, records the report for the compatibility table, and requires every test to pass but the
     * ones the deployment cannot run, which must be skipped (with their reasons in the report).
     */
    static void runKit(String server, String baseUrl, Duration ready, Deployment deployment) throws IOException {
        Map<String, String> target = new LinkedHashMap<>();
        target.put("chatsdk.tck.base-url", baseUrl);
        target.put("chatsdk.tck.user", USER);
        target.put("chatsdk.tck.password", PASSWORD);
        target.put("chatsdk.tck.denied-user", DENIED_USER);
        target.put("chatsdk.tck.denied-password", DENIED_PASSWORD);
        target.put("chatsdk.tck.api-key", API_KEY);
        target.put("chatsdk.tck.ws-secret", WS_SECRET);
        target.put("chatsdk.tck.rotation-grace", DEPLOYMENT.get("chatsdk.session.rotation-grace"));
        target.put("chatsdk.tck.rate-limit-ip", DEPLOYMENT.get("chatsdk.rate-limit.ip"));
        target.put("chatsdk.tck.trusted-proxy", "true");
        target.put("chatsdk.tck.failed-api-key", DEPLOYMENT.get("chatsdk.rate-limit.failed-api-key"));
        target.put("chatsdk.tck.basic-challenge", "true");
        // both example WARs: SessionServlet starts the HTTP session, LogoutServlet logs out and invalidates it
        target.put("chatsdk.tck.session-path", "/api/session");
        target.put("chatsdk.tck.logout-path", "/api/logout");
        target.putAll(deployment.kit);

        String handler = handler(baseUrl);
        TckRunner.Result result = TckRunner.run(target, List.of());

        String report = server + " (handler " + handler + ", ready in " + ready.toMillis() + " ms)"
                + System.lineSeparator() + result;
        System.out.println(report);
        Path out = Path.of("target", "tck", server.replaceAll("\\W+", "-") + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        writeCompatibilityTable(out.getParent());
        assertThat(result.failed).as(report).isEqualTo(deployment.expectedFailures.size());
        deployment.expectedFailures.forEach((test, cause) -> assertThat(result.problems).as(report).anySatisfy(problem ->
                assertThat(problem).startsWith("FAILED " + test + ":").contains(cause)
                        .satisfies(p -> assertThat(java.util.regex.Pattern.compile(": \\d{3} ").matcher(p).results().count())
                                .as("calls that failed in " + test).isOne())));
        assertThat(result.skippedTests).as(report).containsExactlyInAnyOrderElementsOf(deployment.expectedSkips);
    }
}
