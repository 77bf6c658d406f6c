package dev.chatsdk.jakarta.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.suite.api.IncludeTags;

/** No test of the kit can fall outside the suites: every tag in use is in the full suite, and in ALL. */
class TagsSelfTest {
    @Test
    void fullSuiteIncludesEveryTagInUse() {
        Set<String> used = new TreeSet<>();
        for (Class<?> test : TckRunner.TESTS) {
            Tag tag = test.getAnnotation(Tag.class);
            assertThat(tag).as(test.getSimpleName() + " carries a tag").isNotNull();
            used.add(tag.value());
        }

        assertThat(Arrays.asList(FullSuite.class.getAnnotation(IncludeTags.class).value()))
                .containsExactlyInAnyOrderElementsOf(TckTags.ALL).containsAll(used);
        assertThat(TckTags.ALL).containsAll(Arrays.asList(RequiredSuite.class.getAnnotation(IncludeTags.class).value()));
    }
}
