package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import dev.chatsdk.testsupport.ServerVersions;

/**
 * The Tomcat distribution zip from Maven Central, started with {@code bin/catalina.sh run}: the connector and the
 * shutdown port on free loopback ports in {@code conf/server.xml} (the shutdown command a random word), the users and
 * roles in {@code conf/tomcat-users.xml}, the PostgreSQL driver in {@code lib/}, and the servlet-war in
 * {@code webapps/} with a DataSource {@code jdbc/chat} on the {@link ServerDatabase} added to its
 * {@code META-INF/context.xml}. The jdbc store's two settings are {@code -D} options in {@code CATALINA_OPTS}; the
 * secrets are environment variables ({@link DataSourceLauncher#moduleEnvironment()}), since Tomcat logs its JVM's
 * arguments.
 */
final class TomcatDistributionLauncher implements DataSourceLauncher {
    /** Where the Context's Resource is bound: what {@code chatsdk.session.jdbc.datasource} names. */
    static final String DATASOURCE = "java:comp/env/jdbc/chat";
    private static final Path WORK = Path.of("target", "tomcat-distribution").toAbsolutePath();

    private final ServerDatabase database;
    private Path home;
    /** The word the shutdown port obeys: random, so that nothing but this launcher stops the server. */
    private final String shutdownCommand = randomWord();
    private int shutdownPort;
    private int httpPort;

    TomcatDistributionLauncher(ServerDatabase database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "Tomcat " + ServerVersions.tomcatDistribution() + " (distribution)";
    }

    @Override
    public ServerProcess launch(int http) throws Exception {
        long started = System.nanoTime();
        home = WildFlyLauncher.unzip(KitTarget.serversDir().resolve("tomcat.zip"), WORK);
        long unpacked = System.nanoTime();
        // the zip keeps no file modes: the scripts arrive without the execute bit
        try (var scripts = Files.list(home.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        }
        httpPort = http;
        shutdownPort = ServerProcess.freePort();
        Path serverXml = home.resolve("conf/server.xml");
        ConfigFiles.replace(serverXml, "<Server port=\"8005\" shutdown=\"SHUTDOWN\">",
                "<Server port=\"" + shutdownPort + "\" address=\"127.0.0.1\" shutdown=\"" + shutdownCommand + "\">");
        ConfigFiles.replace(serverXml, "<Connector port=\"8080\" protocol=\"HTTP/1.1\"", "<Connector port=\"" + http + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
        ConfigFiles.replace(home.resolve("conf/tomcat-users.xml"), "</tomcat-users>", String.format(
                "  <role rolename=\"chat-user\"/>%n  <role rolename=\"staff\"/>%n  <user username=\"%s\" password=\"%s\" roles=\"chat-user\"/>%n"
                        + "  <user username=\"%s\" password=\"%s\" roles=\"staff\"/>%n</tomcat-users>",
                KitTarget.USER, KitTarget.PASSWORD, KitTarget.DENIED_USER, KitTarget.DENIED_PASSWORD));
        Files.copy(KitTarget.serversDir().resolve("postgresql.jar"), home.resolve("lib/postgresql.jar"));
        // one application: the distribution's own (ROOT, docs, examples, manager) would only lengthen the start
        try (var webapps = Files.walk(home.resolve("webapps"))) {
            webapps.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(home.resolve("webapps"))).forEach(p -> p.toFile().delete());
        }
        withDataSource(KitTarget.serversDir().resolve("servlet.war"), home.resolve("webapps/app.war"));

        Map<String, String> env = new LinkedHashMap<>(DataSourceLauncher.moduleEnvironment());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CATALINA_OPTS", "-Dchatsdk.session.store=jdbc -Dchatsdk.session.jdbc.datasource=" + DATASOURCE);
        ServerProcess server = ServerProcess.start("Tomcat distribution", List.of(home.resolve("bin/catalina.sh").toString(), "run"), env,
                Path.of("target", "tomcat-distribution.log"));
        System.out.printf("%s: unpacked %d ms, configured %d ms%n", name(), (unpacked - started) / 1_000_000,
                (System.nanoTime() - unpacked) / 1_000_000);
        return server;
    }

    /** Copies the WAR, its META-INF/context.xml given a Resource on the database (what an application ships). */
    private void withDataSource(Path war, Path target) throws IOException {
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("META-INF/context.xml")) {
                    found = true;
                    out.write(contextXml(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        if (!found) {
            throw new IllegalStateException(war + " has no META-INF/context.xml");
        }
    }

    /** @return the example's Context (an empty element) with the DataSource inside; a small pool, as the machine is shared */
    private String contextXml(String context) {
        if (!context.matches("(?s).*<Context[^>]*/>\\s*")) {
            throw new IllegalStateException("the servlet-war's META-INF/context.xml is no longer an empty <Context/>");
        }
        return context.replaceFirst("<Context([^>]*)/>", "<Context$1>\n  <Resource name=\"jdbc/chat\" auth=\"Container\" type=\"javax.sql.DataSource\""
                + " driverClassName=\"org.postgresql.Driver\" url=\"" + database.url() + "\" username=\"" + ServerDatabase.USER + "\" password=\"\""
                + " initialSize=\"0\" maxTotal=\"4\" maxIdle=\"2\" closeMethod=\"close\"/>\n</Context>");
    }

    private static String randomWord() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return "stop-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public List<Path> logsAndConfiguration() {
        return List.of(Path.of("target", "tomcat-distribution.log"), home.resolve("logs"), home.resolve("conf"));
    }

    /**
     * Sends the shutdown command to the shutdown port, as {@code catalina.sh stop} does, and waits (at most 30 s) until
     * the connector closed, which Tomcat does after it stopped the application: the module has closed its store.
     */
    @Override
    public void stop() throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", shutdownPort); OutputStream out = socket.getOutputStream()) {
            out.write(shutdownCommand.getBytes(StandardCharsets.US_ASCII));
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket open = new Socket("127.0.0.1", httpPort)) {
                Thread.sleep(100);
            } catch (IOException closed) {
                return;
            }
        }
        System.out.println(name() + " still listened 30 s after the shutdown command; its process is ended instead");
    }
}
