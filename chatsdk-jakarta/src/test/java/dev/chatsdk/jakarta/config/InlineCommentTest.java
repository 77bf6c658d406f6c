package dev.chatsdk.jakarta.config;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.chatsdk.jakarta.config.ConfigFixture.SOURCE;
import static dev.chatsdk.jakarta.config.ConfigFixture.mp;
import static dev.chatsdk.jakarta.config.ConfigFixture.problems;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.testsupport.LogCapture;

/**
 * A {@code .properties} file has no inline comments: {@code key=value   # note} gives the key the value
 * {@code value   # note}. Every key is checked for one (CHATSDK-075 fails start-up, CHATSDK-076 warns for the keys
 * whose values are free text); neither message prints the value.
 */
class InlineCommentTest {
    private static final String FAILS = " has what looks like an inline comment (whitespace, then '#' or '!'), which "
            + "its value cannot hold; a .properties file takes such a comment into the value, so put it on a line of "
            + "its own";
    private static final String WARNS = " has what looks like an inline comment (whitespace, then '#' or '!'); a "
            + ".properties file takes such a comment into the value, so if it is one, put it on a line of its own";

    private final TestConfig test = new TestConfig();

    private Map<String, String> valid(String... overrides) {
        return MpConfigured.properties(test, overrides);
    }

    /** @return the value a real {@code .properties} line gives its key, read by the JDK's own parser */
    private static String valueOf(String line) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(line));
        return p.getProperty(line.substring(0, line.indexOf('=')));
    }

    @Test
    void theFormatTakesTheCommentIntoTheValue() throws IOException {
        assertThat(valueOf("chatsdk.access.roles-allowed=chat-user   # who may chat"))
                .isEqualTo("chat-user   # who may chat");
    }

    @Test
    void findsWhitespaceThenHashOrBangAndKeepsWhatCameBefore() {
        Setting<?> roles = IdentityConfig.ROLES_ALLOWED;
        for (String text : List.of("chat-user   # who may chat", "chat-user\t! who may chat", "chat-user #",
                "chat-user, admin # both")) {
            assertThat(roles.inlineComment("'k'", text)).as(text).contains("CHATSDK-075: 'k'" + FAILS);
        }
        for (String text : List.of("chat-user", "chat#user", "a!b", "#chat-user", "")) {
            assertThat(roles.inlineComment("'k'", text)).as(text).isEmpty();
        }
        assertThat(Setting.beforeInlineComment("chat-user   # who may chat")).isEqualTo("chat-user");
        assertThat(Setting.beforeInlineComment("a, b\t! c # d")).isEqualTo("a, b");
        assertThat(Setting.beforeInlineComment("a#b")).isEqualTo("a#b");
    }

    /** The one place that decides: only these keys take free text, where a " #" may be meant. */
    @Test
    void onlyFreeTextKeysAreWarnedAbout() {
        List<String> freeText = Settings.ALL.stream().filter(Setting::freeText).map(Setting::key)
                .collect(Collectors.toList());

        assertThat(freeText).containsExactly("chatsdk.session.jdbc.user", "chatsdk.session.jdbc.password",
                "chatsdk.identity.user-attribute", "chatsdk.web.auth-challenge");
        assertThat(WebConfig.AUTH_CHALLENGE.inlineComment("'k'", "Basic realm=\"a\" # b"))
                .contains("CHATSDK-076: 'k'" + WARNS);
    }

    @Test
    void aRoleListWithACommentFailsNamingTheKeyAlone() {
        assertThat(problems(valid(ChatSdkConfig.Keys.ROLES_ALLOWED, "chat-user   # who may chat")))
                .containsExactly("CHATSDK-075: 'chatsdk.access.roles-allowed' " + SOURCE + FAILS);
    }

    @Test
    void aDurationOrANumberWithACommentIsReportedOnceNotAlsoAsUnreadable() {
        assertThat(problems(valid(ChatSdkConfig.Keys.ACCESS_TTL, "15m   # short", ChatSdkConfig.Keys.MAX_BODY_SIZE,
                "8192 ! bytes"))).containsExactlyInAnyOrder(
                        "CHATSDK-075: 'chatsdk.token.access-ttl' " + SOURCE + FAILS,
                        "CHATSDK-075: 'chatsdk.web.max-body-size' " + SOURCE + FAILS);
        assertThat(problems(valid(ChatSdkConfig.Keys.ACCESS_TTL, "soon # short"))).as("what comes before is checked")
                .containsExactly("CHATSDK-075: 'chatsdk.token.access-ttl' " + SOURCE + FAILS, "CHATSDK-020: "
                        + "'chatsdk.token.access-ttl' " + SOURCE + " is 'soon', not a duration; use ISO-8601 (PT1H, "
                        + "P7D) or a number with ms, s, m, h or d (45s, 15m, 1h, 7d)");
    }

    @Test
    void aSecretWithACommentFailsWithoutPrintingIt() {
        String key = "ck_live_" + TestConfig.randomSecret();
        List<String> problems = problems(valid(ChatSdkConfig.Keys.WEB_API_KEYS, key + "  # the mobile app's key"));

        assertThat(problems).containsExactly("CHATSDK-075: 'chatsdk.web.api-keys' " + SOURCE + FAILS);
        assertThat(String.join("\n", problems)).doesNotContain(key).doesNotContain("mobile");
    }

    /** Free text may mean its " #": a realm named {@code chat #1} is a valid challenge, so it starts, with a warning. */
    @Test
    void freeTextWithACommentStartsWithAWarningThatPrintsNoValue() {
        String challenge = "Basic realm=\"chat #1\"";
        String password = "pw-" + TestConfig.randomSecret() + " # rotated in May";
        try (LogCapture log = new LogCapture("dev.chatsdk.jakarta")) {
            ChatSdkConfig config = ChatSdkConfig.from(mp(valid(ChatSdkConfig.Keys.AUTH_CHALLENGE, challenge,
                    ChatSdkConfig.Keys.JDBC_PASSWORD, password)));

            assertThat(config.web().authChallenge()).as("kept as written: it may be meant").contains(challenge);
            assertThat(log.lines()).contains("CHATSDK-076: 'chatsdk.web.auth-challenge' " + SOURCE + WARNS,
                    "CHATSDK-076: 'chatsdk.session.jdbc.password' " + SOURCE + WARNS);
            assertThat(String.join("\n", log.lines())).doesNotContain("rotated").doesNotContain(password)
                    .doesNotContain("chat #1");
        }
    }
}
