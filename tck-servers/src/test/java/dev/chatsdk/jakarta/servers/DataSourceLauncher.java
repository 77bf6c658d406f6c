package dev.chatsdk.jakarta.servers;

/**
 * A full server whose jdbc session store uses a DataSource the server itself defines on a {@link ServerDatabase}, and
 * which is stopped the way its own tools stop it; {@link ServerProcess#close()} then ends whatever is left.
 */
interface DataSourceLauncher extends ServerLauncher {
    /** Stops the started server with its own shutdown (Payara's {@code stop-domain}, Tomcat's shutdown port). */
    void stop() throws Exception;
}
