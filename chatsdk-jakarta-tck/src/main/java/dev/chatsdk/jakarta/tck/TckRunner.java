package dev.chatsdk.jakarta.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.annotation.Testable;
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
            LimitsTck.class, JwksTck.class, AppLogoutTck.class);

    /** The outcome of one run. */
    public static final class Result {
        /** Tests that passed. */
        public int passed;
        /** Tests that failed, a selected test that never ran included. */
        public int failed;
        /** Tests skipped, each for something the target does not give. */
        public int skipped;
        /** passed / failed / skipped per tag. */
        public final Map<String, int[]> byTag = new TreeMap<>();
        /** Every test that ran, passed, failed or skipped, as {@code Class.method}. */
        public final List<String> executedTests = new ArrayList<>();
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
        List<String> selected = tags.isEmpty() ? TckTags.ALL : tags;
        discovery.filters(TagFilter.includeTags(selected));
        LauncherDiscoveryRequest request = discovery.build();
        Result result = new Result();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                if (test.isTest()) {
                    result.skipped++;
                    count(result, test, 2);
                    result.executedTests.add(name(test));
                    result.skippedTests.add(name(test));
                    result.problems.add("SKIPPED " + name(test) + ": " + reason);
                }
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult outcome) {
                if (!test.isTest()) {
                    if (outcome.getStatus() != TestExecutionResult.Status.SUCCESSFUL && test.getParentId().isPresent()) {
                        // a class that fails before its tests (or aborts them all) reports none of them
                        result.problems.add(outcome.getStatus() + " " + test.getDisplayName() + ": "
                                + outcome.getThrowable().map(t -> String.valueOf(t.getMessage()).strip()).orElse("?"));
                    }
                    return;
                }
                result.executedTests.add(name(test));
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
        requireEveryExpectedTest(result, selected);
        return result;
    }

    /**
     * A run that reports green must have run something: every test the kit's classes declare for the selected tags,
     * counted from the classes themselves rather than from what the launcher found. A test that never reported (no
     * test engine on the class path, a class that failed before its tests, a tag no class carries) is a failure.
     */
    private static void requireEveryExpectedTest(Result result, List<String> tags) {
        Set<String> expected = expectedTests(tags);
        if (expected.isEmpty()) {
            result.failed++;
            result.problems.add("FAILED no kit test carries the tags " + tags + " (the kit's tags: " + TckTags.ALL + ")");
            return;
        }
        for (String test : expected) {
            if (!result.executedTests.contains(test)) {
                result.failed++;
                result.problems.add("FAILED " + test + ": never ran (expected " + expected.size() + " tests for "
                        + tags + ", " + result.executedTests.size() + " ran)");
            }
        }
    }

    /** @return the {@code Class.method} of every test method of {@link #TESTS} carrying one of the tags */
    static Set<String> expectedTests(List<String> tags) {
        Set<String> expected = new LinkedHashSet<>();
        for (Class<?> test : TESTS) {
            Tag tag = test.getAnnotation(Tag.class);
            if (tag == null || !tags.contains(tag.value())) {
                continue;
            }
            for (Method method : test.getDeclaredMethods()) {
                if (isTest(method)) {
                    expected.add(test.getSimpleName() + "." + method.getName());
                }
            }
        }
        return expected;
    }

    /**
     * @param method a method of one of the kit's classes
     * @return whether it is a JUnit test: annotated with {@code @Test} or another {@link Testable} annotation
     */
    public static boolean isTest(Method method) {
        for (java.lang.annotation.Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(Testable.class)) {
                return true;
            }
        }
        return false;
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
