package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.suite.api.IncludeTags;

/**
 * No test of the kit can fall outside the suites or the runner: every tag in use is in the full suite, and in ALL;
 * every compiled class of the kit with a test method is found by scanning the kit's class files (not from the
 * runner's list) and each of its tests is reported by a run of {@link TckRunner}.
 */
class TagsSelfTest {
    /** A loopback port nothing listens on: the tests that reach the network fail fast, which is all this needs. */
    private static final String NOWHERE = "http://127.0.0.1:1";

    @Test
    void fullSuiteIncludesEveryTagInUse() throws Exception {
        Set<String> used = new TreeSet<>();
        for (Class<?> test : scannedTestClasses()) {
            Tag tag = test.getAnnotation(Tag.class);
            assertThat(tag).as(test.getSimpleName() + " carries a tag").isNotNull();
            used.add(tag.value());
        }

        assertThat(Arrays.asList(FullSuite.class.getAnnotation(IncludeTags.class).value()))
                .containsExactlyInAnyOrderElementsOf(TckTags.ALL).containsAll(used);
        assertThat(TckTags.ALL).containsAll(Arrays.asList(RequiredSuite.class.getAnnotation(IncludeTags.class).value()));
    }

    @Test
    void theRunnerRunsEveryTestOfEveryKitClass() throws Exception {
        Set<String> declared = new TreeSet<>();
        for (Class<?> test : scannedTestClasses()) {
            Arrays.stream(test.getDeclaredMethods()).filter(TckRunner::isTest)
                    .forEach(m -> declared.add(test.getSimpleName() + "." + m.getName()));
        }
        assertThat(declared).as("the kit's compiled test methods").hasSizeGreaterThan(50);

        TckRunner.Result result = TckRunner.run(Map.of("chatsdk.tck.base-url", NOWHERE), List.of());

        assertThat(TckRunner.TESTS).as("TckRunner.TESTS lists every kit class with tests")
                .containsAll(scannedTestClasses());
        assertThat(new TreeSet<>(result.executedTests)).as(result.toString()).isEqualTo(declared);
        assertThat(result.passed + result.failed + result.skipped).isEqualTo(declared.size());
    }

    @Test
    void aRunThatSelectsNoTestFails() {
        TckRunner.Result result = TckRunner.run(Map.of("chatsdk.tck.base-url", NOWHERE), List.of("no-such-tag"));

        assertThat(result.executedTests).isEmpty();
        assertThat(result.failed).as(result.toString()).isEqualTo(1);
        assertThat(result.problems).singleElement().asString().contains("no kit test carries the tags [no-such-tag]");
    }

    /** @return every class compiled from the kit's sources that declares a test method, found in its class files */
    private static Set<Class<?>> scannedTestClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(TckRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(root).as("the kit's classes, as a directory").isDirectory();
        Set<Class<?>> found = new java.util.LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, TagsSelfTest.class.getClassLoader());
                if (Arrays.stream(type.getDeclaredMethods()).anyMatch(TckRunner::isTest)) {
                    found.add(type);
                }
            }
        }
        assertThat(found).as("kit classes with tests under " + root).isNotEmpty();
        return found;
    }
}
