package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.chatsdk.testsupport.ServerVersions;

/**
 * WildFly from the wildfly-dist zip on Maven Central, with the jakartaee-war example deployed: users in its
 * ApplicationRealm, MicroProfile Config built in, the module's secrets as system properties.
 */
final class WildFlyLauncher implements ServerLauncher {
    /** Changes the unpacked server before it starts. */
    @FunctionalInterface
    interface Configuration {
        /** @return more arguments for {@code standalone.sh} */
        List<String> apply(Path home) throws IOException;
    }

    private final Configuration configuration;

    /** The server as it is unpacked. */
    WildFlyLauncher() {
        this(home -> List.of());
    }

    WildFlyLauncher(Configuration configuration) {
        this.configuration = configuration;
    }

    @Override
    public String name() {
        return "WildFly " + ServerVersions.wildFly();
    }

    @Override
    public ServerProcess launch(int http) throws Exception {
        Path home = unzip(KitTarget.serversDir().resolve("wildfly.zip"), Path.of("target", "wildfly"));
        Path bin = home.resolve("bin");
        for (String script : new String[] {"standalone.sh", "add-user.sh", "jboss-cli.sh"}) {
            bin.resolve(script).toFile().setExecutable(true);
        }
        addUser(bin, KitTarget.USER, KitTarget.PASSWORD, "chat-user");
        addUser(bin, KitTarget.DENIED_USER, KitTarget.DENIED_PASSWORD, "staff");
        Files.copy(KitTarget.serversDir().resolve("app.war"), home.resolve("standalone/deployments/app.war"),
                StandardCopyOption.REPLACE_EXISTING);
        List<String> extra = configuration.apply(home);

        int offset = http - 8080;
        List<String> command = new ArrayList<>(List.of(bin.resolve("standalone.sh").toString(), "-b", "127.0.0.1",
                "-bmanagement", "127.0.0.1", "-Djboss.socket.binding.port-offset=" + offset));
        command.addAll(extra);
        command.addAll(KitTarget.systemProperties());
        return ServerProcess.start("WildFly", command, Map.of("JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1"),
                Path.of("target", "wildfly.log"));
    }

    static void addUser(Path bin, String user, String password, String group) throws Exception {
        Process p = new ProcessBuilder(bin.resolve("add-user.sh").toString(), "-a", "-u", user, "-p", password, "-g", group)
                .redirectErrorStream(true).redirectOutput(Path.of("target", "wildfly-add-user.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("add-user.sh failed for " + user + "; see target/wildfly-add-user.log");
        }
    }

    /** A fresh copy per run: a reused server directory remembers old deployments. */
    static Path unzip(Path zip, Path into) throws IOException {
        if (Files.exists(into)) {
            try (var paths = Files.walk(into)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (top == null) {
                    top = into.resolve(Path.of(e.getName()).getName(0));
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return top;
    }
}
