package dev.chatsdk.jakarta.session;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds out whether the container runs JTA transactions the store's DataSource may be enlisted in: through the
 * {@code TransactionSynchronizationRegistry} every Jakarta EE server binds at {@value #REGISTRY} (WildFly, Payara,
 * Open Liberty alike). Found, the store keeps its work out of a caller's transaction ({@link StoreThreads}); not found
 * (Tomcat, Jetty, Jersey on Grizzly, a server without the JTA API), a caller has no transaction to keep out of.
 */
final class JtaGuard {
    /** The registry's name in the Jakarta EE platform. */
    static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private JtaGuard() {
    }

    /**
     * Looks the registry up from the component that builds the store (at deployment).
     *
     * @param dataSource the JNDI name of the store's DataSource, for the start-up line
     * @return threads that keep the store out of callers' transactions, or {@link StoreThreads#callerOnly()} without JTA
     */
    static StoreThreads threadsFor(String dataSource) {
        Object registry;
        try {
            registry = new InitialContext().lookup(REGISTRY);
        } catch (NamingException | RuntimeException e) {
            return StoreThreads.callerOnly();
        }
        try {
            return JtaStatus.threads(registry, dataSource);
        } catch (LinkageError | ClassCastException e) {
            // a registry bound without the jakarta.transaction API visible here, or of another kind
            return StoreThreads.callerOnly();
        }
    }
}
