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

/** docs/configuration.md lists exactly the keys of {@link ChatSdkConfig.Keys}, in order. */
class ConfigReferenceTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(chatsdk\\.[a-z.-]+)` \\|", Pattern.MULTILINE);

    @Test
    void configurationReferenceDocumentsEveryKeyAndNoOther() throws IOException {
        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        // the key table only: a table elsewhere in the page could name things that look like keys
        int from = reference.indexOf("\n## Keys\n");
        int to = reference.indexOf("\n## ", from + 1);
        assertThat(from).as("the section 'Keys' of docs/configuration.md").isNotNegative();
        Matcher m = ROW.matcher(reference.substring(from, to < 0 ? reference.length() : to));
        List<String> documented = m.results().map(r -> r.group(1)).collect(Collectors.toList());

        assertThat(documented).containsExactlyElementsOf(ChatSdkConfig.Keys.ALL);
    }

    /**
     * A {@code .properties} file has no end-of-line comments: {@code key=value  # note} makes {@code value  # note}
     * the value (a role list that no user has, a URL that does not parse). Every properties example in the READMEs and
     * docs, and every properties file the examples ship, keeps its comments on lines of their own.
     */
    @Test
    void noPropertiesExampleHasACommentAtTheEndOfALine() throws IOException {
        Path root = Path.of("..");
        List<Path> docs;
        try (var files = Files.walk(root)) {
            docs = files.filter(p -> !p.toString().contains("/target/") && !p.toString().contains("node_modules"))
                    .filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".properties"))
                    .collect(Collectors.toList());
        }
        Pattern inlineComment = Pattern.compile("^\\s*chatsdk\\.[a-z0-9.-]+\\s*[=:][^\\n]*?\\s[#!]");
        List<String> offending = new java.util.ArrayList<>();
        for (Path doc : docs) {
            boolean properties = doc.toString().endsWith(".properties");
            boolean inBlock = false;
            for (String line : Files.readAllLines(doc)) {
                if (!properties && line.startsWith("```")) {
                    inBlock = line.startsWith("```properties");
                    continue;
                }
                if ((properties || inBlock) && inlineComment.matcher(line).find()) {
                    offending.add(root.relativize(doc) + ": " + line);
                }
            }
        }
        assertThat(offending).as("properties lines with a comment at the end").isEmpty();
    }
}
