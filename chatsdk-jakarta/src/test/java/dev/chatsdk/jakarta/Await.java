package dev.chatsdk.jakarta;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: what tests wait with instead of fixed sleeps. */
public final class Await {
    private Await() {
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param timeout   the deadline: long, since a loaded machine is slow, and passing the test costs only the wait
     * @param condition checked at once, then every 20 ms
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what);
            }
            Thread.sleep(20);
        }
    }
}
