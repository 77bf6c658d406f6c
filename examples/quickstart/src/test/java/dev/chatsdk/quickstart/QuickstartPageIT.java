package dev.chatsdk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The quickstart page in a real browser: Debian's Chromium, driven by {@code playwright-core} from
 * {@code src/test/browser/quickstart-page.mjs} (see there for every step). The quickstart runs in this JVM with
 * 20 s access tokens, so the page's automatic refresh comes within the test, and a 2 s rotation grace, so
 * "simulate reuse" waits only that long. Screenshots go to {@code target/browser/}.
 *
 * <p>Fails, saying what is missing and how to install it, when there is no browser ({@code /usr/bin/chromium}, or
 * the one named by {@code CHATSDK_BROWSER} or {@code -Dchatsdk.browser}), no {@code node}, or no {@code npm ci} in
 * {@code src/test/browser}; {@code .ci/run} installs all three. Only with {@code -Dchatsdk.browser-test=skip} (or
 * {@code CHATSDK_BROWSER_TEST=skip}) is it skipped instead: a build that cannot run it must say so.
 */
class QuickstartPageIT {
    private static final Path SCRIPT_DIR = Path.of("src", "test", "browser");
    private static final Path SCREENSHOTS = Path.of("target", "browser");
    private static final int ACCESS_TTL_SECONDS = 20;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aliceWatchesHerTokensRefreshAndBobSeesWhyHeHasNone() throws Exception {
        Path chromium = Path.of(setting("chatsdk.browser", "CHATSDK_BROWSER", "/usr/bin/chromium"));
        require(Files.isExecutable(chromium), "no Chromium at " + chromium + ", so the quickstart page's "
                + "browser test does not run. Install Debian's package (apt-get install chromium; .ci/run does) or name "
                + "another binary with CHATSDK_BROWSER.");
        String node = setting("chatsdk.node", "CHATSDK_NODE", "node");
        require(nodeMajorVersion(node) >= 20, "'" + node + " --version' does not answer 20 or later, so "
                + "the quickstart page's browser test does not run. Install Node.js 20+, or name it with CHATSDK_NODE.");
        require(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core")), ""
                + SCRIPT_DIR.resolve("node_modules/playwright-core") + " is missing, so the quickstart page's browser "
                + "test does not run. Run 'npm ci' in " + SCRIPT_DIR.toAbsolutePath() + " (.ci/run does).");

        try (Quickstart quickstart = Quickstart.start(0, Map.of(
                "chatsdk.token.access-ttl", ACCESS_TTL_SECONDS + "s",
                "chatsdk.session.rotation-grace", "2s"))) {
            ProcessBuilder builder = new ProcessBuilder(node, "quickstart-page.mjs")
                    .directory(SCRIPT_DIR.toFile())
                    .redirectErrorStream(true);
            builder.environment().putAll(Map.of(
                    "BASE_URL", quickstart.uri().toString(),
                    "CHROMIUM", chromium.toString(),
                    "SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString(),
                    "ACCESS_TTL_SECONDS", String.valueOf(ACCESS_TTL_SECONDS)));
            long started = System.nanoTime();
            Process browser = builder.start();
            List<String> output = new CopyOnWriteArrayList<>();
            Thread pump = stream(browser, output);
            boolean finished = browser.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
            }
            pump.join(5_000);
            System.out.printf("QuickstartPageIT: the browser test took %d ms%n", (System.nanoTime() - started) / 1_000_000);

            String transcript = String.join(System.lineSeparator(), output);
            assertThat(finished).as("the browser test ends within %s:%n%s", LIMIT, transcript).isTrue();
            assertThat(browser.exitValue()).as(transcript).isZero();
            assertThat(transcript).contains("passed");
            assertThat(SCREENSHOTS.resolve("alice-refreshed.png")).isNotEmptyFile();
            assertThat(SCREENSHOTS.resolve("bob-403.png")).isNotEmptyFile();
        }
    }

    /**
     * A missing prerequisite fails the test, unless skipping it is asked for explicitly: then it is skipped, saying
     * why. Either way the message says what is missing, how to install it, and the switch.
     */
    private static void require(boolean present, String missing) {
        String skip = setting("chatsdk.browser-test", "CHATSDK_BROWSER_TEST", "");
        if (!present && skip.equals("skip")) {
            assumeTrue(false, "SKIPPED (-Dchatsdk.browser-test=skip): " + missing);
        }
        assertThat(present).as("%s%nTo skip the browser test knowingly instead, run Maven with "
                + "-Dchatsdk.browser-test=skip (or set CHATSDK_BROWSER_TEST=skip).", missing).isTrue();
    }

    /** Copies the script's output to this test's output as it comes, and keeps it for the assertion messages. */
    private static Thread stream(Process process, List<String> lines) {
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "quickstart-page-browser-output");
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    /** @return the major version {@code node --version} prints ({@code v20.20.2}), or -1 if it does not run */
    private static int nodeMajorVersion(String node) {
        try {
            Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            Matcher version = Pattern.compile("^v(\\d+)\\.").matcher(
                    new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && version.find()
                    ? Integer.parseInt(version.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
