package dev.chatsdk.jakarta.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the kit against one target in this JVM: the runnable jar's engine, and what server launchers call.
 * Settings are {@code chatsdk.tck.*} system properties, set for the run and restored after it.
 */
public final class TckRunner {
    /** Every class of the kit. */
    public static final List<Class<?>> TESTS = List.of(TokenEndpointTck.class, RolesTck.class, ErrorsTck.class,
            TokenApiTck.class, RefreshTck.class, RevocationTck.class, MalformedTokenTck.class, BindingTck.class,
            LimitsTck.class, JwksTck.class);

    /** The outcome of one run. */
    public static final class Result {
        public int passed;
        public int failed;
        public int skipped;
        /** passed / failed / skipped per tag. */
        public final Map<String, int[]> byTag = new TreeMap<>();
        /** The skipped tests, as {@code Class.method}. */
        public final List<String> skippedTests = new ArrayList<>();
        /** One line per failure or skip: the test and why. */
        public final List<String> problems = new ArrayList<>();

        /** @return the closing line, {@code N passed, N failed, N skipped} */
        public String closingLine() {
            return passed + " passed, " + failed + " failed, " + skipped + " skipped";
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            byTag.forEach((tag, n) -> s.append(String.format("  %-11s %d passed, %d failed, %d skipped%n", tag, n[0], n[1], n[2])));
            problems.forEach(p -> s.append("  ").append(p).append(System.lineSeparator()));
            return s + closingLine();
        }
    }

    private TckRunner() {
    }

    /**
     * @param settings {@code chatsdk.tck.*} settings for this run (base-url, user, password...)
     * @param tags     the tags to run; empty: all
     * @return the outcome
     */
    public static Result run(Map<String, String> settings, List<String> tags) {
        Properties saved = (Properties) System.getProperties().clone();
        settings.forEach(System::setProperty);
        try {
            return runHere(tags);
        } finally {
            System.setProperties(saved);
        }
    }

    private static Result runHere(List<String> tags) {
        LauncherDiscoveryRequestBuilder discovery = LauncherDiscoveryRequestBuilder.request();
        TESTS.forEach(c -> discovery.selectors(selectClass(c)));
        discovery.filters(TagFilter.includeTags(tags.isEmpty() ? TckTags.ALL : tags));
        LauncherDiscoveryRequest request = discovery.build();
        Result result = new Result();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                if (test.isTest()) {
                    result.skipped++;
                    count(result, test, 2);
                    result.skippedTests.add(name(test));
                    result.problems.add("SKIPPED " + name(test) + ": " + reason);
                }
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult outcome) {
                if (!test.isTest()) {
                    return;
                }
                switch (outcome.getStatus()) {
                    case SUCCESSFUL:
                        result.passed++;
                        count(result, test, 0);
                        break;
                    case ABORTED:
                        result.skipped++;
                        count(result, test, 2);
                        result.skippedTests.add(name(test));
                        result.problems.add("SKIPPED " + name(test) + ": "
                                + outcome.getThrowable().map(Throwable::getMessage).orElse("aborted"));
                        break;
                    default:
                        result.failed++;
                        count(result, test, 1);
                        result.problems.add("FAILED " + name(test) + ": "
                                + outcome.getThrowable().map(t -> String.valueOf(t.getMessage()).strip()).orElse("?"));
                }
            }
        });
        return result;
    }

    private static String name(TestIdentifier test) {
        return test.getUniqueId().replaceAll(".*class:dev\\.chatsdk\\.jakarta\\.tck\\.([^\\]]+)\\]/\\[method:([^(]+).*",
                "$1.$2");
    }

    private static void count(Result result, TestIdentifier test, int column) {
        for (TestTag tag : test.getTags()) {
            result.byTag.computeIfAbsent(tag.getName(), t -> new int[3])[column]++;
        }
    }
}
