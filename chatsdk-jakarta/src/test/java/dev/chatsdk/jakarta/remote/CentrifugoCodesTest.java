package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.Await;
import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.testsupport.LogCapture;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.NoSecretsInLogs;
import dev.chatsdk.jakarta.TestConfig;

/** The Centrifugo code no other test asserts: a disconnect dropped because too many are waiting. */
class CentrifugoCodesTest {
    @Test
    void aDisconnectBeyondTheQueueIs577() {
        TestConfig test = new TestConfig();
        String key = TestConfig.randomSecret();
        NoSecretsInLogs.secret(key);
        ChatSdk sdk = MpConfigured.sdk(MpConfigured.properties(test, "chatsdk.centrifugo.api-url",
                "http://127.0.0.1:9/api", "chatsdk.centrifugo.api-key", key));
        // the queue is full: the executor refuses, as the client's own does beyond QUEUE waiting disconnects
        CentrifugoClient client = new CentrifugoClient(sdk.config(), Clock.systemUTC(), HttpClient.newHttpClient(),
                task -> {
                    throw new RejectedExecutionException("full");
                });
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta.remote")) {
            client.disconnect("judy", "logout");

            assertThat(logs.lines()).containsExactly("CHATSDK-577: " + CentrifugoClient.QUEUE + " Centrifugo disconnects "
                    + "are already waiting; the one for user '" + TestConfig.APP_ID + ":judy' after logout is dropped");
        }
    }

    @Test
    void closingStopsTheThreadsAndDropsLaterDisconnectsWith578() throws Exception {
        String key = TestConfig.randomSecret();
        NoSecretsInLogs.secret(key);
        ChatSdk sdk = MpConfigured.sdk(MpConfigured.properties(new TestConfig(), "chatsdk.centrifugo.api-url",
                "http://127.0.0.1:9/api", "chatsdk.centrifugo.api-key", key));
        CentrifugoClient client = CentrifugoClient.create(sdk.config(), Clock.systemUTC());
        client.disconnect("judy", "logout");

        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta.remote")) {
            client.close();
            client.close();
            client.disconnect("judy", "logout");

            assertThat(logs.lines()).contains("CHATSDK-578: ChatSDK Jakarta is closed; 1 Centrifugo disconnect(s) "
                    + "dropped (the sockets stay open until they close or their ws token expires)");
        }
        Await.until("no chatsdk-centrifugo-* thread after close", Duration.ofSeconds(5),
                () -> centrifugoThreads() == 0);
        sdk.close();
    }

    private static long centrifugoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("chatsdk-centrifugo-")).count();
    }
}
