package dev.chatsdk.jakarta.servers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A full server whose jdbc session store uses a DataSource the server itself defines on a {@link ServerDatabase}, and
 * which is stopped the way its own tools stop it; {@link ServerProcess#close()} then ends whatever is left.
 */
interface DataSourceLauncher extends ServerLauncher {
    /** Stops the started server with its own shutdown (Payara's {@code stop-domain}, Tomcat's shutdown port). */
    void stop() throws Exception;

    /** @return the files and directories the server logs and keeps its configuration in, which must hold no secret */
    List<Path> logsAndConfiguration();

    /**
     * @return the matrix's module settings ({@link KitTarget.Deployment#hs256()}, secrets included) as the environment
     *         variables MicroProfile Config reads ({@code chatsdk.local.ws-secret} → {@code CHATSDK_LOCAL_WS_SECRET}):
     *         so they are on no command line, which servers log (Tomcat's VersionLoggerListener does), and in no
     *         configuration file
     */
    static Map<String, String> moduleEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        KitTarget.Deployment.hs256().moduleSettings()
                .forEach((key, value) -> env.put(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT), value));
        return env;
    }
}
