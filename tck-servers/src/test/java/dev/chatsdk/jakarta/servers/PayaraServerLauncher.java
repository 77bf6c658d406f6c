package dev.chatsdk.jakarta.servers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.chatsdk.testsupport.ServerVersions;

/**
 * The full Payara Server distribution from Maven Central on the Temurin 25 JDK, configured with its own tool,
 * {@code asadmin}: domain1 of a fresh unpack with its ports all moved to a free port base (admin, HTTP, HTTPS, IIOP,
 * JMS, JMX, OSGi shell, data grid), on 127.0.0.1 where the domain lets them, the users in the file realm, the
 * PostgreSQL driver as a library, a JDBC pool and resource on the {@link ServerDatabase}, the jdbc store's two
 * settings as system properties, then the jakartaee-war deployed. The module's secrets reach it as environment
 * variables of the domain's process ({@link DataSourceLauncher#moduleEnvironment()}), so they are neither on a
 * command line nor in {@code domain.xml}.
 */
final class PayaraServerLauncher implements DataSourceLauncher {
    /** The jdbc-resource's JNDI name, which {@code chatsdk.session.jdbc.datasource} names. */
    static final String DATASOURCE = "jdbc/chat";
    private static final String DOMAIN = "domain1";
    /** The ports of the domain, as create-domain --portbase would derive them from a port base (HTTP: the test's). */
    private static final int[] PORT_OFFSETS = {37, 38, 39, 48, 49, 59, 66, 76, 81, 86};
    private static final Path WORK = Path.of("target", "payara-server").toAbsolutePath();

    private final ServerDatabase database;
    private Path home;
    private int adminPort;

    PayaraServerLauncher(ServerDatabase database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "Payara Server " + ServerVersions.payaraServer();
    }

    @Override
    public ServerProcess launch(int http) throws Exception {
        long started = System.nanoTime();
        Files.deleteIfExists(Path.of("target", "payara-server-asadmin.log"));
        home = WildFlyLauncher.unzip(KitTarget.serversDir().resolve("payara-server.zip"), WORK);
        home.resolve("bin/asadmin").toFile().setExecutable(true);
        long unpacked = System.nanoTime();
        int base = portBase(http);
        adminPort = base + 48;
        ports(home.resolve("glassfish/domains/" + DOMAIN + "/config/domain.xml"), base, http);
        long portsSet = System.nanoTime();

        Map<String, String> env = new LinkedHashMap<>(asJava());
        env.putAll(DataSourceLauncher.moduleEnvironment());
        ServerProcess server = ServerProcess.start("Payara Server", List.of(asadminPath(), "start-domain", "--verbose", DOMAIN), env,
                Path.of("target", "payara-server.log"));
        try {
            awaitAdmin(Duration.ofSeconds(200));
            long booted = System.nanoTime();
            configure();
            long configured = System.nanoTime();
            remote("deploy", "--contextroot", "app", "--name", "app", KitTarget.serversDir().resolve("app.war").toAbsolutePath().toString());
            System.out.printf("%s: unpacked %d ms, ports set %d ms, start-domain %d ms, configured %d ms, deployed %d ms%n", name(),
                    millis(started, unpacked), millis(unpacked, portsSet), millis(portsSet, booted), millis(booted, configured),
                    millis(configured, System.nanoTime()));
        } catch (Exception e) {
            // the test class gets no process to stop when the launch fails: the domain stops here
            server.close();
            throw e;
        }
        return server;
    }

    /** The realm's users, the driver, the pool and resource, and the jdbc store's settings: one asadmin run. */
    private void configure() throws Exception {
        Path alice = WORK.resolve("alice.pw");
        Path bob = WORK.resolve("bob.pw");
        Files.writeString(alice, "AS_ADMIN_USERPASSWORD=" + KitTarget.PASSWORD + "\n");
        Files.writeString(bob, "AS_ADMIN_USERPASSWORD=" + KitTarget.DENIED_PASSWORD + "\n");
        // trust authentication, yet the pool's ping fails with RAR8054 (no password credential) without a password
        String pool = String.join(":", "user=" + ServerDatabase.USER, "password=unused", "serverName=" + ServerDatabase.HOST,
                "portNumber=" + ServerDatabase.PORT, "databaseName=" + database.name());
        Path commands = WORK.resolve("configure.asadmin");
        Files.write(commands, List.of(
                "create-file-user --groups chat-user --passwordfile " + alice + " " + KitTarget.USER,
                "create-file-user --groups staff --passwordfile " + bob + " " + KitTarget.DENIED_USER,
                "add-library " + KitTarget.serversDir().resolve("postgresql.jar").toAbsolutePath(),
                "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource"
                        + " --steadypoolsize 0 --maxpoolsize 4 --property " + pool + " chatPool",
                "ping-connection-pool chatPool",
                "create-jdbc-resource --connectionpoolid chatPool " + DATASOURCE,
                "create-system-properties chatsdk.session.store=jdbc:chatsdk.session.jdbc.datasource=" + DATASOURCE));
        remote("multimode", "--file", commands.toString());
    }

    @Override
    public void stop() throws Exception {
        local("stop-domain", DOMAIN);
    }

    @Override
    public List<Path> logsAndConfiguration() {
        Path domain = home.resolve("glassfish/domains/" + DOMAIN);
        return List.of(Path.of("target", "payara-server.log"), Path.of("target", "payara-server-asadmin.log"), WORK.resolve("configure.asadmin"),
                domain.resolve("logs"), domain.resolve("config/domain.xml"));
    }

    /**
     * Moves every port domain1 opens to the port base (what {@code create-domain --portbase} does, without its 15 s of
     * key generation): admin, HTTP (the test's port), HTTPS, IIOP and its two TLS listeners, JMX, JMS, the OSGi shell,
     * the data grid (which is switched off); the listeners that have an address listen on 127.0.0.1. The JVM compiles
     * with C1 only and collects with the serial collector, which boots faster on two shared cores.
     */
    private static void ports(Path domainXml, int base, int http) throws IOException {
        ConfigFiles.replace(domainXml, "port=\"4848\"", "address=\"127.0.0.1\" port=\"" + (base + 48) + "\"");
        ConfigFiles.replace(domainXml, "port=\"8080\"", "address=\"127.0.0.1\" port=\"" + http + "\"");
        ConfigFiles.replace(domainXml, "port=\"8181\"", "address=\"127.0.0.1\" port=\"" + (base + 81) + "\"");
        ConfigFiles.replace(domainXml, "port=\"3700\"", "port=\"" + (base + 37) + "\"");
        ConfigFiles.replace(domainXml, "port=\"3820\"", "port=\"" + (base + 38) + "\"");
        ConfigFiles.replace(domainXml, "port=\"3920\"", "port=\"" + (base + 39) + "\"");
        ConfigFiles.replace(domainXml, "port=\"8686\"", "port=\"" + (base + 86) + "\"");
        ConfigFiles.replace(domainXml, "name=\"JMS_PROVIDER_PORT\" value=\"7676\"", "name=\"JMS_PROVIDER_PORT\" value=\"" + (base + 76) + "\"");
        ConfigFiles.replace(domainXml, "telnet.port=6666", "telnet.port=" + (base + 66));
        ConfigFiles.replace(domainXml, "start-port=\"5900\" das-port=\"4900\"", "start-port=\"" + (base + 59) + "\" das-port=\"" + (base + 49) + "\"");
        ConfigFiles.replace(domainXml, "address=\"0.0.0.0\"", "address=\"127.0.0.1\"");
        // no data grid, as Payara Micro runs with --nocluster: it would listen on every interface and look for members
        ConfigFiles.replace(domainXml, "<hazelcast-config-specific-configuration></hazelcast-config-specific-configuration>",
                "<hazelcast-config-specific-configuration enabled=\"false\"></hazelcast-config-specific-configuration>");
        ConfigFiles.replace(domainXml, "<jvm-options>-Xmx512m</jvm-options>",
                "<jvm-options>-Xmx512m</jvm-options><jvm-options>-XX:TieredStopAtLevel=1</jvm-options><jvm-options>-XX:+UseSerialGC</jvm-options>");
    }

    /** A port base whose ports are all free, outside the hundred of the HTTP port the test chose. */
    private static int portBase(int http) {
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + 100 * random.nextInt(100);
            if (base / 100 != http / 100 && allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base for Payara Server between 20000 and 29900");
    }

    private static boolean allFree(int base) {
        for (int offset : PORT_OFFSETS) {
            try (ServerSocket socket = new ServerSocket(base + offset)) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the domain's admin REST interface answers, which start-domain --verbose does not report. */
    private void awaitAdmin(Duration limit) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI version = URI.create("http://127.0.0.1:" + adminPort + "/management/domain/version");
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(version).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Payara Server's admin port did not answer within " + limit + "; see target/payara-server.log");
    }

    /** Runs an asadmin subcommand on the local installation (stop-domain). */
    private void local(String subcommand, String... arguments) throws Exception {
        asadmin(List.of(), subcommand, arguments);
    }

    /** Runs an asadmin subcommand against the running domain's admin port. */
    private void remote(String subcommand, String... arguments) throws Exception {
        asadmin(List.of("--host", "127.0.0.1", "--port", String.valueOf(adminPort)), subcommand, arguments);
    }

    /** Runs asadmin; its output goes to target/payara-server-asadmin.log, and a failure names the subcommand only. */
    private void asadmin(List<String> options, String subcommand, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(asadminPath()));
        command.addAll(options);
        command.add(subcommand);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "payara-server-asadmin.log").toFile()));
        builder.environment().putAll(asJava());
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("asadmin " + subcommand + " did not finish in 180 s; see target/payara-server-asadmin.log");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + subcommand + " failed; see target/payara-server-asadmin.log");
        }
    }

    private String asadminPath() {
        return home.resolve("bin/asadmin").toString();
    }

    private static Map<String, String> asJava() {
        return Map.of("AS_JAVA", System.getProperty("payara.java.home"));
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
