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

import org.junit.jupiter.api.Test;

/**
 * {@code docs/codes.md} is the one catalogue of the {@code CHATSDK-nnn} codes: exactly the codes the main sources of
 * the reactor carry, each in its documented range (or a listed exception), each used for one rule, and each asserted
 * by some test unless the catalogue marks it unreachable with a reason. The codes are found wherever they are in the
 * main sources, so the checks survive code moving between classes.
 */
class CodeCatalogueTest {
    private static final Pattern CODE = Pattern.compile("CHATSDK-(\\d{3})");
    /** A catalogue row: {@code | CHATSDK-nnn | where | meaning | what to do |}. */
    private static final Pattern ROW = Pattern.compile("^\\| CHATSDK-(\\d{3}) \\|([^|]*)\\|([^|]*)\\|([^|]*)\\|\\s*$",
            Pattern.MULTILINE);
    /** A section of the catalogue: {@code ## 001–099 …}; its rows must lie in its range. */
    private static final Pattern SECTION = Pattern.compile("^## (\\d{3})–(\\d{3}) ", Pattern.MULTILINE);
    /** A row of the known exceptions: {@code | CHATSDK-nnn | reason |}. */
    private static final Pattern EXCEPTION = Pattern.compile("^\\| CHATSDK-(\\d{3}) \\|([^|]+)\\|\\s*$",
            Pattern.MULTILINE);
    private static final Pattern LEVEL = Pattern.compile("Level\\.(TRACE|DEBUG|INFO|WARNING|ERROR)");
    private static final String UNREACHABLE = "**Unreachable:**";

    /**
     * Codes the catalogue documents that are not in this branch's sources yet: each is fired by a branch still to be
     * merged. The test fails once such a code is in the sources, so the entry is removed when its branch lands.
     */
    private static final Map<String, String> PENDING_IN_SOURCES = Map.of();

    /**
     * Codes that can fire but that no test fires yet, each with what a test needs. The test fails once a test asserts
     * one of them, so the entry is removed then; the list only shrinks.
     */
    private static final Map<String, String> NOT_YET_FIRED = Map.of();

    /**
     * Codes whose message has more than one wording in the sources, each for the same rule (the same check on two
     * keys or values, or the same problem found in two places). Any other code with two wordings is two rules under
     * one code, and fails.
     */
    private static final Map<String, String> ONE_RULE_TWO_WORDINGS = Map.ofEntries(
            Map.entry("012", "a key that leaves the server overlaps a signing secret: the token API's keys, or Centrifugo's key"),
            Map.entry("019", "a secret with surrounding whitespace or an inline comment: the current one or a retired one"),
            Map.entry("021", "a duration below its lower bound: positive for some keys, not negative for others"),
            Map.entry("034", "chatsdk.web.servlet-filter is not one of auto, always, never: an unknown value, or none"),
            Map.entry("040", "a value that is not valid for its key: an unreadable value, or an empty one"),
            Map.entry("050", "chatsdk.session.store is not one of memory, jdbc: an unknown value, or none"),
            Map.entry("090", "chatsdk.local.algorithm is not one of HS256, RS256, ES256: an unknown value, or none"),
            Map.entry("041", "chatsdk.web.forwarded-header is not one of its values: an unknown value, or none"),
            Map.entry("053", "the JNDI name of chatsdk.session.jdbc.datasource does not name a DataSource: nothing, or something else"),
            Map.entry("066", "@ChatClaim's constant belongs to a type-level annotation only: missing there, or given on a member"),
            Map.entry("093", "a key that cannot be read: no PEM, not the right key type, an unreadable file, no derivable public key"),
            Map.entry("095", "a key too weak for its algorithm: an RSA key under 2048 bits, an EC key off P-256"),
            Map.entry("102", "the one start-up line on who serves the endpoints: the servlet filter, or a JAX-RS application"),
            Map.entry("201", "a request body could not be read: by the blocking reader, or by the token service"),
            Map.entry("409", "the ChatSDK API answered a refresh or logout unexpectedly: with or without a user to name"),
            Map.entry("510", "a failing event sink: its first failure (WARNING), then each later one (DEBUG)"));

    private static final Path ROOT = reactorRoot();

    /** One place a code occurs in the main sources. */
    private static final class Occurrence {
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
    private static final class Row {
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

    @Test
    void theCatalogueHasARowForEveryCodeInTheSourcesAndNoOther() {
        Set<String> inSources = new TreeSet<>(occurrences().keySet());
        inSources.addAll(auditCodes());
        Set<String> documented = new TreeSet<>(rows().keySet());

        assertThat(inSources).as("codes in the main sources without a row in docs/codes.md")
                .isSubsetOf(documented);
        Set<String> onlyDocumented = new TreeSet<>(documented);
        onlyDocumented.removeAll(inSources);
        assertThat(onlyDocumented).as("rows of docs/codes.md whose code no main source carries (a branch still to be "
                + "merged: PENDING_IN_SOURCES)").containsExactlyInAnyOrderElementsOf(
                        PENDING_IN_SOURCES.keySet().stream().filter(c -> !inSources.contains(c)).collect(Collectors.toSet()));
        assertThat(PENDING_IN_SOURCES.keySet()).as("pending codes that the sources now carry: remove them from "
                + "PENDING_IN_SOURCES").doesNotContainAnyElementsOf(inSources);
    }

    @Test
    void theCatalogueListsEachCodeOnceAndInOrder() {
        List<String> codes = new ArrayList<>();
        Matcher m = ROW.matcher(catalogue());
        while (m.find()) {
            codes.add(m.group(1));
        }
        assertThat(codes).as("rows of docs/codes.md").doesNotHaveDuplicates().isSorted();
        assertThat(codes).as("rows of docs/codes.md").hasSizeGreaterThan(100);
    }

    @Test
    void everyRowSaysWhereWhatAndWhatToDo() {
        for (Row row : rows().values()) {
            assertThat(row.where).as("CHATSDK-%s: where", row.code).isNotBlank();
            assertThat(row.meaning).as("CHATSDK-%s: meaning", row.code).isNotBlank();
            assertThat(row.action).as("CHATSDK-%s: what to do", row.code).isNotBlank();
        }
    }

    /**
     * The ranges: 001–099 configuration problems (start-up fails), 1xx start-up log lines, 2xx request time, 3xx
     * session store, 4xx remote issuer and upstream, 5xx integrations and observability. A row lies in its section's
     * range; a 0xx code fails the start-up and is no log line, a 1xx code is a start-up log line, and a start-up
     * failure is a 0xx code — unless the catalogue lists it as a known exception, with its reason.
     */
    @Test
    void everyCodeIsInItsDocumentedRangeOrAListedException() {
        Map<String, String> exceptions = exceptions();
        List<String> misfits = new ArrayList<>();
        for (Row row : rows().values()) {
            int n = row.number();
            assertThat(n).as("CHATSDK-%s in the section %03d–%03d", row.code, row.sectionFrom, row.sectionTo)
                    .isBetween(row.sectionFrom, row.sectionTo);
            assertThat(row.sectionTo - row.sectionFrom).as("the section of CHATSDK-%s", row.code).isEqualTo(n < 100 ? 98 : 99);
            String where = row.where.toLowerCase();
            boolean failure = where.startsWith("start-up failure");
            boolean fits;
            if (n < 100) {
                fits = failure && !Pattern.compile("\\b(DEBUG|INFO|WARNING|ERROR)\\b").matcher(row.where).find();
            } else if (n < 200) {
                fits = where.startsWith("start-up log");
            } else {
                fits = !failure;
            }
            if (!fits) {
                misfits.add("CHATSDK-" + row.code + " (" + row.where + ")");
            }
        }
        assertThat(misfits).as("codes outside their range's kind, not listed as known exceptions")
                .containsExactlyInAnyOrderElementsOf(exceptions.keySet().stream().map(c -> "CHATSDK-" + c + " ("
                        + rows().get(c).where + ")").collect(Collectors.toList()));
        exceptions.forEach((code, reason) -> assertThat(reason.strip()).as("the reason for CHATSDK-%s", code)
                .hasSizeGreaterThan(20));
    }

    /** Where a code is logged, its row names the level the sources log it at. */
    @Test
    void everyRowNamesTheLogLevelsOfItsCode() {
        Map<String, Row> rows = rows();
        for (Occurrence o : occurrences().values().stream().flatMap(List::stream).collect(Collectors.toList())) {
            if (o.level != null && rows.containsKey(o.code)) {
                assertThat(rows.get(o.code).where).as("%s is logged at %s", o, o.level).contains(o.level);
            }
        }
    }

    @Test
    void noCodeIsUsedForTwoRules() {
        Map<String, Set<String>> templates = new TreeMap<>();
        occurrences().values().stream().flatMap(List::stream).filter(o -> o.template != null)
                .forEach(o -> templates.computeIfAbsent(o.code, c -> new TreeSet<>()).add(o.template));
        Map<String, Set<String>> several = new TreeMap<>(templates);
        several.values().removeIf(t -> t.size() < 2);

        assertThat(several.keySet()).as("codes with more than one message wording: two rules under one code? "
                + "(the wordings: %s)", several).isSubsetOf(ONE_RULE_TWO_WORDINGS.keySet());
        assertThat(ONE_RULE_TWO_WORDINGS.keySet()).as("allowed codes that have one wording now: remove them")
                .isSubsetOf(several.keySet());
    }

    @Test
    void theAuditCodesAreTheOnesTheAuditLogComputes() {
        Set<String> computed = auditCodes();

        assertThat(computed).containsExactly("500", "501", "502", "503", "504", "505");
        for (String code : computed) {
            assertThat(rows()).as("docs/codes.md").containsKey(code);
            assertThat(rows().get(code).where).as("CHATSDK-%s", code).startsWith("audit log");
        }
    }

    /** The audit log builds its codes as "CHATSDK-" + a number: the numbers its code(ChatEvent) returns. */
    private static Set<String> auditCodes() {
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

    /** Each code is asserted in some test, unless the catalogue marks it unreachable with the reason. */
    @Test
    void everyCodeIsFiredByATestOrMarkedUnreachable() throws IOException {
        String tests = testSources();
        List<String> untested = new ArrayList<>();
        for (Row row : rows().values()) {
            boolean unreachable = row.meaning.contains(UNREACHABLE);
            boolean asserted = tests.contains("CHATSDK-" + row.code);
            if (unreachable) {
                String reason = row.meaning.substring(row.meaning.indexOf(UNREACHABLE) + UNREACHABLE.length()).strip();
                assertThat(reason).as("the reason CHATSDK-%s cannot fire", row.code).hasSizeGreaterThan(20);
            } else if (!asserted && !PENDING_IN_SOURCES.containsKey(row.code)) {
                untested.add(row.code);
            }
        }
        assertThat(untested).as("codes no test asserts, and not marked unreachable in docs/codes.md")
                .containsExactlyInAnyOrderElementsOf(NOT_YET_FIRED.keySet());
    }

    // ---------------------------------------------------------------------------------------------------------------

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

    private static String testSources() {
        return sources(true).stream().map(CodeCatalogueTest::read).collect(Collectors.joining("\n"));
    }

    /** @return every code in the main sources, with where and how it occurs */
    private static Map<String, List<Occurrence>> occurrences() {
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

    private static String catalogue() {
        return read(ROOT.resolve("docs/codes.md"));
    }

    /** @return the catalogue's rows by code, each with the range of its section */
    private static Map<String, Row> rows() {
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
    private static Map<String, String> exceptions() {
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
