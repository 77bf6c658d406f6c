package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;
import dev.chatsdk.jakarta.session.PostgresDatabase;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;
import dev.chatsdk.testsupport.LogCapture;

/**
 * The profile bounds over HTTP on the JDBC store (PostgreSQL): an over-long field is a 400 naming it, never the
 * store's 503; the largest profile the bounds allow is stored, and signs tokens that the module (and a container's
 * default 8 KiB header limit) accepts back; a value the database still refuses is a 400, not a retryable 503.
 */
class ProfileBoundsIT {
    /** The largest token the module issues: room for {@code Authorization: Bearer } and other headers in 8 KiB. */
    static final int TOKEN_BUDGET = 6 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestConfig TEST = new TestConfig();
    private static PostgresDatabase database;
    private static ChatNode node;

    @BeforeAll
    static void start() throws Exception {
        database = new PostgresDatabase();
        ChatSdkConfig config = TEST.builder().set(SessionConfig.STORE, SessionStoreType.JDBC)
                .set(SessionConfig.Jdbc.URL, database.url())
                .set(SessionConfig.Jdbc.USER, PostgresDatabase.USER).build();
        node = ChatNode.start(ChatSdk.create(config));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        database.close();
    }

    private static Http.Reply issue(Map<String, Object> body) throws Exception {
        return issue(node.http(), body);
    }

    private static Http.Reply issue(Http http, Map<String, Object> body) throws Exception {
        return http.call("POST", "/chatsdk/auth/tokens").header("X-API-Key", TEST.apiKey)
                .json(JSON.writeValueAsString(body)).send();
    }

    @Test
    void aLongEmailIsA400NamingItNotTheStores503() throws Exception {
        Http.Reply reply = issue(Map.of("userId", "e1", "email", "a".repeat(9000) + "@x.com"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        JsonNode error = reply.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(error.get("message").asText()).isEqualTo("Field 'email' is 9006 characters long; the limit is 254.");
        assertThat(error.get("retryable").asBoolean()).isFalse();
    }

    @Test
    void aProfileOverItsWholeBoundIsA400NamingTheFields() throws Exception {
        String avatar = "https://cdn.example.com/" + "p".repeat(ChatUser.MAX_AVATAR_LENGTH - 24);
        Http.Reply reply = issue(Map.of("userId", "e2", "avatar", avatar, "custom", Map.of("k", "x".repeat(1000))));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().at("/error/code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(reply.json().at("/error/message").asText()).startsWith("Fields 'name', 'avatar', 'email' and 'custom' "
                + "together are ");
    }

    /**
     * The largest profile: the longest user id in 3-byte characters (it is signed twice, in {@code sub} and
     * {@code user_id}), the longest name in 3-byte characters, and avatar and custom claims filling the profile
     * bound to its last byte, with no email (which no token carries, so all the bytes go into the tokens).
     */
    static Map<String, Object> largestProfile(String userId) throws Exception {
        String name = "\u6f22".repeat(ChatUser.MAX_NAME_LENGTH);
        String avatarStart = "https://cdn.example.com/a/";
        String custom = "c".repeat(512);
        int avatarBytes = ChatUser.MAX_PROFILE_BYTES - JSON.writeValueAsBytes(profile(name, avatarStart, custom)).length;
        String avatar = avatarStart + "p".repeat(avatarBytes);
        assertThat(JSON.writeValueAsBytes(profile(name, avatar, custom))).hasSize(ChatUser.MAX_PROFILE_BYTES);
        return Map.of("userId", userId, "name", name, "avatar", avatar, "custom", Map.of("k", custom));
    }

    private static Map<String, Object> profile(String name, String avatar, String custom) {
        Map<String, Object> profile = new java.util.LinkedHashMap<>();
        profile.put("name", name);
        profile.put("avatar", avatar);
        profile.put("email", null);
        profile.put("custom", Map.of("k", custom));
        return profile;
    }

    @Test
    void theLargestProfileIsStoredAndItsTokensAreAcceptedBack() throws Exception {
        Http.Reply issued = issue(largestProfile("\u5b57".repeat(ChatUser.MAX_ID_LENGTH - 1) + "1"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        assertTokensWithinBudget(issued.json());

        JsonNode tokens = issued.json();
        Http.Reply valid = node.http().call("GET", "/chatsdk/tokens/validate")
                .header("Authorization", "Bearer " + tokens.get("accessToken").asText()).send();
        assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
        Http.Reply validWs = node.http().call("GET", "/chatsdk/tokens/validate-ws")
                .header("Authorization", "Bearer " + tokens.get("wsToken").asText()).send();
        assertThat(validWs.status()).as(validWs.toString()).isEqualTo(200);

        Http.Reply refreshed = node.refresh(tokens.get("refreshToken").asText());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertTokensWithinBudget(refreshed.json());
        assertThat(refreshed.json().at("/user/avatar").asText()).isEqualTo(tokens.at("/user/avatar").asText());
        Http.Reply validAfter = node.http().call("GET", "/chatsdk/tokens/validate")
                .header("Authorization", "Bearer " + refreshed.json().get("accessToken").asText()).send();
        assertThat(validAfter.status()).as(validAfter.toString()).isEqualTo(200);
    }

    @Test
    void theAttackReviewsProfileIsRefusedInsteadOfSigningATokenPastTheLimits() throws Exception {
        // within every per-field limit of 0.x, it signed a 9,697-character access token: over TokenShape.MAX_LENGTH
        // and over a container's 8 KiB header limit (validate answered the container's HTML 431)
        String avatar = "https://cdn.example.com/" + "p".repeat(2045 - 24);
        Http.Reply reply = issue(Map.of("userId", "big", "name", "\u6f22".repeat(255), "avatar", avatar,
                "custom", Map.of("k", "x".repeat(3900))));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().at("/error/code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(reply.json().at("/error/message").asText()).isEqualTo("Field 'custom' is 3908 bytes of JSON; the "
                + "limit is 2048.");
    }

    static void assertTokensWithinBudget(JsonNode tokens) {
        for (String field : List.of("accessToken", "refreshToken", "wsToken")) {
            assertThat(tokens.get(field).asText().length()).as(field).isLessThanOrEqualTo(TOKEN_BUDGET);
        }
    }

    @Test
    void aValueTheDatabaseStillRefusesIsA400NotARetryable503() throws Exception {
        // a DBA narrowed the column below what the schema ships (and the bounds assume): the data exception
        // (SQLState 22001) answers the same every time, so it must not be "store unavailable, retry"; it is about
        // this request's data, which the caller can shorten, so it is no 500 either
        try (PostgresDatabase narrowed = new PostgresDatabase()) {
            ChatSdkConfig config = TEST.builder().set(SessionConfig.STORE, SessionStoreType.JDBC)
                    .set(SessionConfig.Jdbc.URL, narrowed.url())
                    .set(SessionConfig.Jdbc.USER, PostgresDatabase.USER).build();
            try (ChatNode own = ChatNode.start(ChatSdk.create(config))) {
                Http own0 = own.http();
                assertThat(issue(own0, Map.of("userId", "tables-exist")).status()).isEqualTo(200);
                try (Connection c = narrowed.connect(); Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE chatsdk_session ALTER COLUMN profile TYPE VARCHAR(100)");
                }
                try (LogCapture capture = new LogCapture()) {
                    Http.Reply reply = issue(own0, Map.of("userId", "narrow", "name", "n".repeat(200)));

                    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
                    assertThat(reply.json().at("/error/code").asText()).isEqualTo("INVALID_REQUEST");
                    assertThat(reply.json().at("/error/message").asText()).isEqualTo("The session store refused a value "
                            + "of this request as too long or malformed for its column (SQLState 22001); shorten the "
                            + "user's profile fields.");
                    assertThat(reply.json().at("/error/retryable").asBoolean()).isFalse();
                    assertThat(reply.header("Retry-After")).isNull();
                    List<String> logs = capture.records().stream().map(r -> String.valueOf(r.getMessage())).toList();
                    assertThat(logs).anyMatch(line -> line.startsWith("CHATSDK-302: the session store refused a value "
                            + "of a request (SQLState 22001, vendor code "));
                    assertThat(logs).noneMatch(line -> line.startsWith("CHATSDK-300"));
                }
                // the store itself is fine: a profile that fits is stored
                assertThat(issue(own0, Map.of("userId", "narrow")).status()).isEqualTo(200);
            }
        }
    }
}
