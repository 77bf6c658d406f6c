package dev.chatsdk.jakarta.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a {@link TokenManager} schedules; the test runs it. */
final class ManualScheduler implements TokenManager.Scheduler {
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    final List<Runnable> tasks = new CopyOnWriteArrayList<>();
    final Set<Runnable> cancelled = ConcurrentHashMap.newKeySet();
    volatile boolean closed;

    @Override
    public Runnable schedule(Runnable task, Duration delay) {
        delays.add(delay);
        tasks.add(task);
        return () -> cancelled.add(task);
    }

    void runLatest() {
        Runnable task = tasks.get(tasks.size() - 1);
        if (!cancelled.contains(task)) {
            task.run();
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
