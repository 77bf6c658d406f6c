package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What {@link CodeCatalogueTest} checks, read from the reactor: the rows of {@code docs/codes.md} and its known
 * exceptions, and every {@code CHATSDK-nnn} in the main and test sources, with the message and log level it starts.
 */
final class CodeSources {
    private static final Pattern CODE = Pattern.compile("CHATSDK-(\\d{3})");
    /** A catalogue row: {@code | CHATSDK-nnn | where | meaning | what to do |}. */
    static final Pattern ROW = Pattern.compile("^\\| CHATSDK-(\\d{3}) \\|([^|]*)\\|([^|]*)\\|([^|]*)\\|\\s*$",
            Pattern.MULTILINE);
    /** A section of the catalogue: {@code ## 001–099 …}; its rows must lie in its range. */
    private static final Pattern SECTION = Pattern.compile("^## (\\d{3})–(\\d{3}) ", Pattern.MULTILINE);
    /** A row of the known exceptions: {@code | CHATSDK-nnn | reason |}. */
    private static final Pattern EXCEPTION = Pattern.compile("^\\| CHATSDK-(\\d{3}) \\|([^|]+)\\|\\s*$",
            Pattern.MULTILINE);
    private static final Pattern LEVEL = Pattern.compile("Level\\.(TRACE|DEBUG|INFO|WARNING|ERROR)");

    private static final Path ROOT = reactorRoot();

    /** One place a code occurs in the main sources. */
    static final class Occurrence {
        final String code;
        final Path file;
        /** The message it starts, concatenated literals with each expression as %s; null where it starts none. */
        final String template;
        /** The log level of the statement, or null where it is no log statement. */
        final String level;

        Occurrence(String code, Path file, String template, String level) {
            this.code = code;
            this.file = file;
            this.template = template;
            this.level = level;
        }

        @Override
        public String toString() {
            return "CHATSDK-" + code + " in " + ROOT.relativize(file);
        }
    }

    /** One row of the catalogue. */
    static final class Row {
        final String code;
        final String where;
        final String meaning;
        final String action;
        final int sectionFrom;
        final int sectionTo;

        Row(String code, String where, String meaning, String action, int sectionFrom, int sectionTo) {
            this.code = code;
            this.where = where.strip();
            this.meaning = meaning.strip();
            this.action = action.strip();
            this.sectionFrom = sectionFrom;
            this.sectionTo = sectionTo;
        }

        int number() {
            return Integer.parseInt(code);
        }
    }

    private CodeSources() {
    }

    /** The audit log builds its codes as "CHATSDK-" + a number: the numbers its code(ChatEvent) returns. */
    static Set<String> auditCodes() {
        Path auditLog;
        try (Stream<Path> files = Files.walk(ROOT.resolve("chatsdk-jakarta/src/main/java"))) {
            auditLog = files.filter(p -> p.getFileName().toString().equals("AuditLog.java")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String source = read(auditLog);
        int from = source.indexOf("int code(ChatEvent event)");
        assertThat(from).as("AuditLog.code(ChatEvent)").isPositive();
        String body = source.substring(from, source.indexOf("\n    }\n", from));
        return Pattern.compile("\\b(5\\d\\d)\\b").matcher(body).results().map(r -> r.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path reactorRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>chatsdk-jakarta</module>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no reactor pom above " + Path.of("").toAbsolutePath());
    }

    /** The conformance kit is test code, though Maven builds it from src/main. */
    private static boolean isTestSource(Path file) {
        String path = ROOT.relativize(file).toString().replace('\\', '/');
        return path.contains("/src/test/") || path.startsWith("chatsdk-jakarta-tck/");
    }

    private static List<Path> sources(boolean test) {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String path = ROOT.relativize(p).toString().replace('\\', '/');
                        return !path.contains("/target/") && !path.startsWith(".") && !path.contains("/.")
                                && (path.contains("/src/main/") || path.contains("/src/test/"));
                    })
                    .filter(p -> isTestSource(p) == test)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // a binary resource holds no code
        }
    }

    static String testSources() {
        return sources(true).stream().map(CodeSources::read).collect(Collectors.joining("\n"));
    }

    /** @return every code in the main sources, with where and how it occurs */
    static Map<String, List<Occurrence>> occurrences() {
        Map<String, List<Occurrence>> found = new TreeMap<>();
        for (Path file : sources(false)) {
            String text = read(file);
            Matcher m = CODE.matcher(text);
            while (m.find()) {
                String template = null;
                String level = null;
                if (file.toString().endsWith(".java")) {
                    int quote = literalStart(text, m.start());
                    if (quote >= 0 && quote == m.start() - 1 && text.startsWith(":", m.end())) {
                        template = template(text, quote);
                        level = level(text, quote);
                    }
                }
                found.computeIfAbsent(m.group(1), c -> new ArrayList<>())
                        .add(new Occurrence(m.group(1), file, template, level));
            }
        }
        return found;
    }

    /** @return the index of the quote opening the string literal around {@code at}, or -1 outside one */
    private static int literalStart(String text, int at) {
        int lineStart = text.lastIndexOf('\n', at) + 1;
        String before = text.substring(lineStart, at).strip();
        if (before.startsWith("*") || before.startsWith("//") || before.startsWith("/*")) {
            return -1;
        }
        boolean inside = false;
        int open = -1;
        for (int i = lineStart; i < at; i++) {
            char c = text.charAt(i);
            if (c == '\\' && inside) {
                i++;
            } else if (c == '"') {
                inside = !inside;
                open = i;
            }
        }
        return inside ? open : -1;
    }

    /** @return the message from the literal at {@code quote}: literals joined by +, each expression as %s */
    private static String template(String text, int quote) {
        StringBuilder out = new StringBuilder();
        int i = quote;
        while (true) {
            if (text.charAt(i) == '"') {
                int j = i + 1;
                while (text.charAt(j) != '"') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(text, i + 1, j);
                i = j + 1;
            } else {
                int depth = 0;
                while (true) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        i++;
                        while (text.charAt(i) != '"') {
                            i += text.charAt(i) == '\\' ? 2 : 1;
                        }
                    } else if (c == '(') {
                        depth++;
                    } else if (c == ')' && depth > 0) {
                        depth--;
                    } else if (depth == 0 && (c == '+' || c == ',' || c == ')' || c == ';' || c == ':' || c == '?')) {
                        break;
                    }
                    i++;
                }
                out.append("%s");
            }
            while (Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (text.charAt(i) != '+') {
                return out.toString().replace("%d", "%s");
            }
            i++;
            while (Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }
    }

    /** @return the level of the log statement the literal at {@code quote} is in, or null */
    private static String level(String text, int quote) {
        int start = Math.max(Math.max(text.lastIndexOf(';', quote), text.lastIndexOf('{', quote)),
                text.lastIndexOf('}', quote));
        Matcher m = LEVEL.matcher(text.substring(start + 1, quote));
        String level = null;
        while (m.find()) {
            level = m.group(1);
        }
        return level;
    }

    static String catalogue() {
        return read(ROOT.resolve("docs/codes.md"));
    }

    /** @return the catalogue's rows by code, each with the range of its section */
    static Map<String, Row> rows() {
        String text = catalogue();
        int exceptionsAt = text.indexOf("\n## Known exceptions");
        String codes = exceptionsAt < 0 ? text : text.substring(0, exceptionsAt);
        List<int[]> sections = new ArrayList<>();
        Matcher s = SECTION.matcher(codes);
        while (s.find()) {
            sections.add(new int[] {s.start(), Integer.parseInt(s.group(1)), Integer.parseInt(s.group(2))});
        }
        Map<String, Row> rows = new TreeMap<>();
        Matcher m = ROW.matcher(codes);
        while (m.find()) {
            int from = -1;
            int to = -1;
            for (int[] section : sections) {
                if (section[0] < m.start()) {
                    from = section[1];
                    to = section[2];
                }
            }
            rows.put(m.group(1), new Row(m.group(1), m.group(2), m.group(3), m.group(4), from, to));
        }
        return rows;
    }

    /** @return the known exceptions to the ranges, by code, with their reasons */
    static Map<String, String> exceptions() {
        String text = catalogue();
        int at = text.indexOf("\n## Known exceptions");
        assertThat(at).as("the section 'Known exceptions' of docs/codes.md").isPositive();
        int end = text.indexOf("\n## ", at + 1);
        Map<String, String> exceptions = new TreeMap<>();
        Matcher m = EXCEPTION.matcher(text.substring(at, end < 0 ? text.length() : end));
        while (m.find()) {
            exceptions.put(m.group(1), m.group(2));
        }
        return exceptions;
    }
}
