package dev.chatsdk.jakarta.session;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The one class of the store that uses the JTA API, loaded only when a container bound a
 * {@link TransactionSynchronizationRegistry} ({@link JtaGuard}), so that the module runs where the API is missing.
 */
final class JtaStatus {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.session");

    private JtaStatus() {
    }

    /**
     * @param registry   the container's {@code TransactionSynchronizationRegistry}
     * @param dataSource the JNDI name of the store's DataSource, for the start-up line
     * @return threads that run the store's work outside the caller's transaction, whenever there is one
     */
    static StoreThreads threads(Object registry, String dataSource) {
        TransactionSynchronizationRegistry transactions = (TransactionSynchronizationRegistry) registry;
        LOG.log(System.Logger.Level.INFO, String.format("CHATSDK-120: the session store's DataSource %s may take part "
                + "in the container's JTA transactions; called inside one, the store works on threads of its own outside "
                + "it (at most %d at once), so sessions, rotations and revocations commit on their own, whatever becomes "
                + "of the caller's transaction", dataSource, StoreThreads.THREADS));
        return new StoreThreads(() -> inTransaction(transactions));
    }

    /** Any status but none counts, even an unknown or a marked-for-rollback one: the connection would be enlisted. */
    private static boolean inTransaction(TransactionSynchronizationRegistry transactions) {
        try {
            return transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
