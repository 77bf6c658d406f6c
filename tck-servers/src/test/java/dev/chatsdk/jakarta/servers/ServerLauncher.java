package dev.chatsdk.jakarta.servers;

/**
 * How one full server is started with an example deployed: what the ITs hold (composition), so a test that needs
 * the same server as another takes its launcher instead of extending or instantiating the other test class.
 */
interface ServerLauncher {
    /** @return the server's name and version, for the report */
    String name();

    /** Starts the server with the example deployed; returns the process. {@code http} is a free port. */
    ServerProcess launch(int http) throws Exception;
}
