package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.jakarta.identity.AnnotatedUsers;
import dev.chatsdk.jakarta.identity.AppUsers;
import dev.chatsdk.jakarta.web.servlet.ChatNode;
import dev.chatsdk.testsupport.Http;
import dev.chatsdk.testsupport.LogCapture;

/**
 * Issue 17, item 6: a user mapping the application got wrong (here: a user type with two {@code @ChatUserId}) fails
 * every request the same way until an operator fixes it, so it answers 500 {@code SERVER_MISCONFIGURED} with
 * {@code retryable: false} over real HTTP, not the retryable {@code INTERNAL_ERROR} of a bug; the problem is named in
 * the server log only. A bug still answers {@code INTERNAL_ERROR}, retryable.
 */
class ServerMisconfiguredIT {
    private final TestConfig test = new TestConfig();
    private ChatNode node;

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private JsonNode login() {
        Http.Reply reply = node.http().call("POST", "/api/chat/token").as(TestUsers.ALICE, TestUsers.ALICE_PASSWORD)
                .send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        return reply.json().get("error");
    }

    @Test
    void answersAWrongUserMappingAsAMisconfiguredServerNotRetryable() throws Exception {
        node = ChatNode.start(ChatSdk.builder().config(test.builder().build())
                .userResolver(principal -> AnnotatedUsers.read(new AppUsers.TwoIds())).build());

        try (LogCapture log = new LogCapture("dev.chatsdk.jakarta.web")) {
            JsonNode error = login();

            assertThat(error.get("code").asText()).isEqualTo("SERVER_MISCONFIGURED");
            assertThat(error.get("retryable").asBoolean()).isFalse();
            assertThat(error.get("suggestion").asText()).isEqualTo(ErrorCode.SERVER_MISCONFIGURED.suggestion());
            assertThat(error.get("message").asText()).isEqualTo("The server's ChatSDK configuration or the "
                    + "application's user mapping is wrong; the server log names the problem under this requestId.");
            assertThat(error.get("message").asText()).doesNotContain("ChatUserId", "TwoIds");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("CHATSDK-202: request " + error.get("requestId").asText()).contains("TwoIds"));
        }
    }

    @Test
    void stillAnswersABugAsARetryableInternalError() throws Exception {
        node = ChatNode.start(ChatSdk.builder().config(test.builder().build()).userResolver(principal -> {
            throw new IllegalStateException("a bug");
        }).build());

        JsonNode error = login();

        assertThat(error.get("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.get("retryable").asBoolean()).isTrue();
    }
}
