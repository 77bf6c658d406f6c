package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.testsupport.LogCapture;

/** What a caller in a transaction gets from the store's own threads: the unit's answer, its failure, or a timeout. */
class StoreThreadsTest {
    private static long deadlineIn(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    @Test
    void aCallerInATransactionGetsTheAnswerOfAnotherThread() {
        try (StoreThreads threads = new StoreThreads(() -> true)) {
            AtomicReference<Thread> ran = new AtomicReference<>();

            String answer = threads.run(deadlineIn(Duration.ofSeconds(5)), () -> {
                ran.set(Thread.currentThread());
                return "done";
            });

            assertThat(answer).isEqualTo("done");
            assertThat(ran.get()).isNotSameAs(Thread.currentThread());
            assertThat(ran.get().getName()).startsWith(StoreThreads.NAME);
            assertThat(ran.get().isDaemon()).isTrue();
        }
    }

    @Test
    void theUnitsOwnFailureReachesTheCallerAsItWas() {
        ChatSdkException refused = new ChatSdkException(ErrorCode.INVALID_REQUEST, "refused by the database");
        try (StoreThreads threads = new StoreThreads(() -> true)) {
            assertThatThrownBy(() -> threads.run(deadlineIn(Duration.ofSeconds(5)), () -> {
                throw refused;
            })).isSameAs(refused);
        }
    }

    @Test
    void aUnitThatDoesNotFinishByTheDeadlineIsStoreUnavailable() {
        CountDownLatch release = new CountDownLatch(1);
        try (StoreThreads threads = new StoreThreads(() -> true); LogCapture logs = new LogCapture("dev.chatsdk.jakarta.session")) {
            assertThatThrownBy(() -> threads.run(deadlineIn(Duration.ofMillis(50)), () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "too late";
            })).isInstanceOfSatisfying(ChatSdkException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
            assertThat(logs.lines()).containsExactly("CHATSDK-300: the session store failed (SQLState 08001, vendor code "
                    + "0): no session store thread outside the caller's transaction finished the operation within the "
                    + "timeout (chatsdk.session.jdbc.timeout)");
        } finally {
            release.countDown();
        }
    }

    @Test
    void withoutATransactionTheCallersThreadRunsTheUnitAndNoThreadStarts() {
        try (StoreThreads threads = new StoreThreads(() -> false)) {
            assertThat(threads.run(deadlineIn(Duration.ofSeconds(5)), () -> Thread.currentThread()))
                    .isSameAs(Thread.currentThread());
            assertThat(threads.toString()).isEqualTo("StoreThreads[started=false, closed=false]");
        }
    }
}
