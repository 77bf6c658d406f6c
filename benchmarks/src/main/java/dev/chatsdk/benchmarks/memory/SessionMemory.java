package dev.chatsdk.benchmarks.memory;

import dev.chatsdk.jakarta.config.SessionConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import dev.chatsdk.benchmarks.Fixtures;
import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatUser;

/**
 * Heap bytes per live session in the memory store: a module issues one session to each of {@code n}
 * distinct users (ids {@code user-0000001}…, no profile) through its public API, and the heap in use after
 * a full collection is compared with the heap before. Everything the store keeps alive counts: the map
 * entries, the session, the user object and its id string, the per-user index.
 */
public final class SessionMemory {
    private SessionMemory() {
    }

    /** @return heap bytes retained per session */
    public static double bytesPerSession(int sessions) {
        ChatSdk sdk = ChatSdk.create(Fixtures.config(Fixtures.secret(), Fixtures.secret())
                .set(SessionConfig.Memory.MAX_SESSIONS, sessions + 1)
                .build());
        sdk.issue(ChatUser.of("warm-up"));
        long before = usedAfterGc();
        for (int i = 1; i <= sessions; i++) {
            // the user objects are kept alive by the store alone, so they count
            sdk.issue(ChatUser.of(String.format("user-%07d", i)));
        }
        long after = usedAfterGc();
        if (sdk.revokeUser(String.format("user-%07d", sessions)) != 1) {
            throw new IllegalStateException("the store lost a session");
        }
        return (after - before) / (double) sessions;
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
