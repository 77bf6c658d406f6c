package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The README's configuration reference section lists exactly the keys of {@link ChatSdkConfig.Keys}, in order. */
class ConfigReferenceTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(chatsdk\\.[a-z.-]+)` \\|", Pattern.MULTILINE);

    @Test
    void readmeDocumentsEveryKeyAndNoOther() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        // the section only: other tables (the metrics) name things that look like keys
        int from = readme.indexOf("\n## Configuration reference\n");
        int to = readme.indexOf("\n## ", from + 1);
        assertThat(from).as("the README's configuration reference section").isNotNegative();
        Matcher m = ROW.matcher(readme.substring(from, to < 0 ? readme.length() : to));
        List<String> documented = m.results().map(r -> r.group(1)).collect(Collectors.toList());

        assertThat(documented).containsExactlyElementsOf(ChatSdkConfig.Keys.ALL);
    }
}
