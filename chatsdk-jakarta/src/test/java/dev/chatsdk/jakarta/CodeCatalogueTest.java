package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.jakarta.CodeSources.auditCodes;
import static dev.chatsdk.jakarta.CodeSources.catalogue;
import static dev.chatsdk.jakarta.CodeSources.exceptions;
import static dev.chatsdk.jakarta.CodeSources.occurrences;
import static dev.chatsdk.jakarta.CodeSources.rows;
import static dev.chatsdk.jakarta.CodeSources.testSources;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.CodeSources.Occurrence;
import dev.chatsdk.jakarta.CodeSources.Row;

/**
 * {@code docs/codes.md} is the one catalogue of the {@code CHATSDK-nnn} codes: exactly the codes the main sources of
 * the reactor carry, each in its documented range (or a listed exception), each used for one rule, and each asserted
 * by some test unless the catalogue marks it unreachable with a reason. The codes are found wherever they are in the
 * main sources, so the checks survive code moving between classes. {@link CodeSources} reads the catalogue and the
 * sources.
 */
class CodeCatalogueTest {
    private static final String UNREACHABLE = "**Unreachable:**";

    /**
     * Codes the catalogue documents that are not in this branch's sources yet: each is fired by a branch still to be
     * merged. The test fails once such a code is in the sources, so the entry is removed when its branch lands.
     */
    private static final Map<String, String> PENDING_IN_SOURCES = Map.of();

    /**
     * Codes the main sources carry whose row docs/codes.md does not have yet: that file is edited on another branch,
     * which adds the row. The test fails once the row is there, so the entry is removed then; the list only shrinks.
     */
    private static final Map<String, String> PENDING_IN_CATALOGUE = Map.of();

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
            Map.entry("055", "chatsdk.web.logout-ends or expiry-ends is not one of sessions, user, none: an unknown value, or none"),
            Map.entry("053", "the JNDI name of chatsdk.session.jdbc.datasource does not name a DataSource: nothing, or something else"),
            Map.entry("066", "@ChatClaim's constant belongs to a type-level annotation only: missing there, or given on a member"),
            Map.entry("093", "a key that cannot be read: no PEM, not the right key type, an unreadable file, no derivable public key"),
            Map.entry("095", "a key too weak for its algorithm: an RSA key under 2048 bits, an EC key off P-256"),
            Map.entry("102", "the one start-up line on who serves the endpoints: the servlet filter, or a JAX-RS application"),
            Map.entry("201", "a request body could not be read: by the blocking reader, or by the token service"),
            Map.entry("409", "the ChatSDK API answered a refresh or logout unexpectedly: with or without a user to name"),
            Map.entry("510", "a failing event sink: its first failure (WARNING), then each later one (DEBUG)"));

    @Test
    void theCatalogueHasARowForEveryCodeInTheSourcesAndNoOther() {
        Set<String> inSources = new TreeSet<>(occurrences().keySet());
        inSources.addAll(auditCodes());
        Set<String> documented = new TreeSet<>(rows().keySet());

        Set<String> undocumented = new TreeSet<>(inSources);
        undocumented.removeAll(documented);
        assertThat(undocumented).as("codes in the main sources without a row in docs/codes.md (other than "
                + "PENDING_IN_CATALOGUE, whose rows must then be removed from it)")
                .containsExactlyInAnyOrderElementsOf(PENDING_IN_CATALOGUE.keySet());
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
        Matcher m = CodeSources.ROW.matcher(catalogue());
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
}
