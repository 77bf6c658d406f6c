package dev.chatsdk.benchmarks.http;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.chatsdk.benchmarks.Fixtures;
import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.config.IdentityConfig;
import dev.chatsdk.jakarta.config.RateLimitConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.WebConfig;

/**
 * The HTTP side by side: the baseline {@code hello}, a token, refreshes on the memory and the JDBC
 * (PostgreSQL) store, and the remote issuer through a local upstream against calling that upstream
 * directly. Every server runs in this JVM on loopback, so client, servers and database share the machine
 * exactly as they share it in every other row: ratios, not absolute numbers, are the result.
 */
public final class HttpBenchmarks {
    /** The PostgreSQL database the JDBC rows use; a schema of their own is created in it and dropped after. */
    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "chatsdk_bench";
    /** The scaling part's own schema, so that it never meets the HTTP part's. */
    private static final String SCALING_SCHEMA = "chatsdk_bench_scaling";
    /** Room for every session a row issues (each token request starts one); the default 100,000 fills in seconds. */
    private static final int SESSIONS = 10_000_000;
    /** Sessions each refreshing connection takes turns with: a real session refreshes once an hour, not in a loop. */
    private static final int SESSIONS_PER_CONNECTION = 64;

    /** Warm-up before a row's later rounds: the JIT already knows the code, the connections are new. */
    private static final Duration REWARM = Duration.ofMillis(500);

    private final int connections;
    private final int rounds;
    private final Duration warmup;
    private final Duration measure;
    /** Whether hello and token are also measured with wrk, when it is installed. */
    private boolean crossCheck;
    private final String basic = "Authorization: Basic " + Base64.getEncoder()
            .encodeToString((BenchServer.USER + ":" + BenchServer.PASSWORD).getBytes(StandardCharsets.UTF_8));

    /**
     * @param connections concurrent keep-alive connections of the throughput rows
     * @param rounds      how many times every row runs, in turn with the others
     * @param warmup      load before a row's first measurement
     * @param measure     measurement window of each row in each round
     */
    public HttpBenchmarks(int connections, int rounds, Duration warmup, Duration measure) {
        this.connections = connections;
        this.rounds = rounds;
        this.warmup = warmup;
        this.measure = measure;
    }

    /**
     * Also measures {@code hello} and {@code token} with {@code wrk} (rows {@code wrk_hello}, {@code wrk_token}) when
     * it is installed.
     *
     * @return this
     */
    public HttpBenchmarks crossCheckWithWrk(boolean crossCheck) {
        this.crossCheck = crossCheck;
        return this;
    }

    /** One row of the table: a load against one server. */
    private static final class Row {
        final String name;
        final int port;
        final int connections;
        final Load.ClientFactory clients;

        Row(String name, int port, int connections, Load.ClientFactory clients) {
            this.name = name;
            this.port = port;
            this.connections = connections;
            this.clients = clients;
        }
    }

    /** @return every row, by name, in the order run */
    public Map<String, Load.Result> run(Consumer<String> progress) throws Exception {
        Map<String, Load.Result> results = new LinkedHashMap<>();
        // rotation grace 0: a tight loop of refreshes then holds one token per session, as a real session does
        // (it refreshes once per access TTL, long after the grace has dropped its spent token)
        ChatSdk memory = ChatSdk.builder().config(Fixtures.config(Fixtures.secret(), Fixtures.secret())
                .set(SessionConfig.Memory.MAX_SESSIONS, SESSIONS)
                .set(SessionConfig.ROTATION_GRACE, Duration.ZERO).build()).build();
        try (java.sql.Connection db = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            schema(db, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
            ChatSdk jdbc = ChatSdk.builder().config(Fixtures.config(Fixtures.secret(), Fixtures.secret())
                    .set(SessionConfig.ROTATION_GRACE, Duration.ZERO).set(ChatSdkConfig.Keys.SESSION_STORE, "jdbc")
                    .set(SessionConfig.Jdbc.URL, POSTGRES + "?currentSchema=" + SCHEMA)
                    .set(SessionConfig.Jdbc.USER, "postgres")
                    .set(SessionConfig.Jdbc.MAX_CONNECTIONS, connections * 2).build()).build();
            try (BenchServer app = new BenchServer(memory); BenchServer jdbcApp = new BenchServer(jdbc);
                    IsolatedApp.Isolated metered = IsolatedApp.start(true);
                    IsolatedApp.Isolated unmetered = IsolatedApp.start(false)) {
                byte[] hello = Connection.request("GET", "/api/hello", "", basic);
                byte[] token = Connection.request("POST", "/api/chat/token", "", basic);
                byte[] rejected = Connection.request("POST", "/chatsdk/auth/refresh", "", "Authorization: Bearer "
                        + wrongKeyRefreshToken());
                rounds(results, progress, List.of(
                        new Row("hello", app.port(), connections, c -> fixed(hello)),
                        new Row("token", app.port(), connections, c -> fixed(token)),
                        // the same with and without Micrometer, each in a copy of the classes of its own
                        new Row("token_no_metrics", unmetered.port, connections, c -> fixed(token)),
                        new Row("token_metrics", metered.port, connections, c -> fixed(token)),
                        new Row("rejected_refresh", app.port(), connections, c -> fixed(rejected, 401)),
                        new Row("refresh_memory", app.port(), connections, this::refresher),
                        new Row("refresh_jdbc", jdbcApp.port(), connections, this::refresher)));
                progress.accept("  with Micrometer: " + metered);
                if (crossCheck) {
                    wrk(results, progress, app.port());
                }
            } finally {
                schema(db, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }

        String apiKey = "ck_bench_" + Fixtures.secret();
        ChatSdk upstreamSdk = ChatSdk.builder().config(Fixtures.config(Fixtures.secret(), Fixtures.secret())
                .set(SessionConfig.Memory.MAX_SESSIONS, SESSIONS)
                .set(WebConfig.API_KEYS, List.of(apiKey)).build()).build();
        try (BenchServer upstream = new BenchServer(upstreamSdk)) {
            ChatSdk remote = ChatSdk.builder().config(ChatSdkConfig.builder()
                    .set(RemoteConfig.API_URL, "http://127.0.0.1:" + upstream.port() + "/chatsdk")
                    .set(RemoteConfig.API_KEY, apiKey)
                    .set(IdentityConfig.ROLES_ALLOWED, List.copyOf(Set.of(Fixtures.ROLE)))
                    .set(RemoteConfig.MAX_CONCURRENT_CALLS, connections * 4)
                    .set(RateLimitConfig.USER, Optional.empty()).set(RateLimitConfig.IP, Optional.empty())
                    .set(RateLimitConfig.API_KEY, Optional.empty()).build()).build();
            try (BenchServer app = new BenchServer(remote)) {
                // exactly what the remote issuer sends for alice
                byte[] direct = Connection.request("POST", "/chatsdk/api/auth/connect", "{\"userId\":\"alice\"}",
                        "X-API-Key: " + apiKey, "Content-Type: application/json");
                byte[] through = Connection.request("POST", "/api/chat/token", "", basic);
                rounds(results, progress, List.of(
                        new Row("upstream_direct", upstream.port(), connections, c -> fixed(direct)),
                        new Row("remote_token", app.port(), connections, c -> fixed(through)),
                        // latency alone: one connection, nothing queued behind anything
                        new Row("upstream_direct_1", upstream.port(), 1, c -> fixed(direct)),
                        new Row("remote_token_1", app.port(), 1, c -> fixed(through))));
            }
        }
        return results;
    }

    /** The MariaDB database the scaling part's MariaDB row creates for itself, and drops after. */
    public static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String MARIADB_DATABASE = "chatsdk_bench";

    /**
     * How the JDBC refresh scales: {@code hello}, then refreshes through 1, 2 and 4 instances of the application on one
     * PostgreSQL (the same 8 connections spread over them, as a load balancer would), and through one instance on the
     * machine's MariaDB, in turn as every other row.
     *
     * @return the rows {@code hello}, {@code refresh_jdbc_x1}, {@code _x2}, {@code _x4} and {@code refresh_mariadb}
     */
    public Map<String, Load.Result> scaling(Consumer<String> progress) throws Exception {
        Map<String, Load.Result> results = new LinkedHashMap<>();
        ChatSdk memory = ChatSdk.builder().config(Fixtures.config(Fixtures.secret(), Fixtures.secret())
                .set(SessionConfig.Memory.MAX_SESSIONS, SESSIONS).build()).build();
        String secret = Fixtures.secret();
        String wsSecret = Fixtures.secret();
        List<BenchServer> servers = new java.util.ArrayList<>();
        try (java.sql.Connection db = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            schema(db, "DROP SCHEMA IF EXISTS " + SCALING_SCHEMA + " CASCADE", "CREATE SCHEMA " + SCALING_SCHEMA);
            java.sql.Connection maria = mariaDb();
            try (BenchServer app = new BenchServer(memory)) {
                for (int i = 0; i < 4; i++) {
                    // one application: the same keys on every instance, which share the database
                    servers.add(new BenchServer(ChatSdk.builder().config(Fixtures.config(secret, wsSecret)
                            .set(SessionConfig.ROTATION_GRACE, Duration.ZERO).set(ChatSdkConfig.Keys.SESSION_STORE, "jdbc")
                            .set(SessionConfig.Jdbc.URL, POSTGRES + "?currentSchema=" + SCALING_SCHEMA)
                            .set(SessionConfig.Jdbc.USER, "postgres")
                            .set(SessionConfig.Jdbc.MAX_CONNECTIONS, connections * 2).build()).build()));
                }
                if (maria != null) {
                    servers.add(new BenchServer(ChatSdk.builder().config(Fixtures.config(secret, wsSecret)
                            .set(SessionConfig.ROTATION_GRACE, Duration.ZERO).set(ChatSdkConfig.Keys.SESSION_STORE, "jdbc")
                            .set(SessionConfig.Jdbc.URL, MARIADB + MARIADB_DATABASE)
                            .set(SessionConfig.Jdbc.USER, "root")
                            .set(SessionConfig.Jdbc.MAX_CONNECTIONS, connections * 2).build()).build()));
                } else {
                    progress.accept("  MariaDB is not reachable on 127.0.0.1:3306 (user root): its row is skipped");
                }
                byte[] hello = Connection.request("GET", "/api/hello", "", basic);
                List<MultiRow> rows = new java.util.ArrayList<>(List.of(
                        new MultiRow("hello", new int[] {app.port()}, c -> fixed(hello)),
                        new MultiRow("refresh_jdbc_x1", ports(servers, 0, 1), this::refresher),
                        new MultiRow("refresh_jdbc_x2", ports(servers, 0, 2), this::refresher),
                        new MultiRow("refresh_jdbc_x4", ports(servers, 0, 4), this::refresher)));
                if (maria != null) {
                    rows.add(new MultiRow("refresh_mariadb", ports(servers, 4, 5), this::refresher));
                }
                Map<String, Load.Result> merged = new LinkedHashMap<>();
                for (int round = 0; round < rounds; round++) {
                    for (MultiRow row : rows) {
                        merged.merge(row.name, Load.run(row.name, row.ports, connections, round == 0 ? warmup : REWARM,
                                measure, row.clients), Load.Result::plus);
                    }
                }
                report(results, progress, merged);
            } finally {
                for (BenchServer server : servers) {
                    server.close();
                }
                schema(db, "DROP SCHEMA IF EXISTS " + SCALING_SCHEMA + " CASCADE");
                if (maria != null) {
                    try (maria) {
                        schema(maria, "DROP DATABASE IF EXISTS " + MARIADB_DATABASE);
                    }
                }
            }
        }
        return results;
    }

    /** @return a connection to the machine's MariaDB with a fresh database for the row, or {@code null} without one */
    private static java.sql.Connection mariaDb() {
        try {
            java.sql.Connection maria = DriverManager.getConnection(MARIADB + "test?connectTimeout=2000", "root", "");
            schema(maria, "DROP DATABASE IF EXISTS " + MARIADB_DATABASE, "CREATE DATABASE " + MARIADB_DATABASE);
            return maria;
        } catch (SQLException e) {
            return null;
        }
    }

    private static int[] ports(List<BenchServer> servers, int from, int to) {
        return servers.subList(from, to).stream().mapToInt(BenchServer::port).toArray();
    }

    /** A row whose connections are spread over several instances of one application. */
    private record MultiRow(String name, int[] ports, Load.ClientFactory clients) {
    }

    /**
     * Runs the rows in turn, {@code rounds} times, so that whatever the machine does meanwhile (a neighbour,
     * the JIT, a collection) falls on every row alike; the first round warms up longer. A row's result merges
     * its rounds.
     */
    private void rounds(Map<String, Load.Result> results, Consumer<String> progress, List<Row> rows) throws Exception {
        Map<String, Load.Result> merged = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Row row : rows) {
                Load.Result r = Load.run(row.name, row.port, row.connections, round == 0 ? warmup : REWARM, measure,
                        row.clients);
                merged.merge(row.name, r, Load.Result::plus);
            }
        }
        report(results, progress, merged);
    }

    private static void report(Map<String, Load.Result> results, Consumer<String> progress,
            Map<String, Load.Result> merged) {
        for (Load.Result r : merged.values()) {
            results.put(r.name, r);
            progress.accept(String.format("  %-18s %9.0f req/s  p50 %6.3f ms  p99 %6.3f ms  errors %d", r.name,
                    r.perSecond(), r.millis(50), r.millis(99), r.errors));
        }
    }

    /**
     * {@code hello} and {@code token} again, measured by wrk over as many connections, in rounds as the Java rows:
     * their ratio should agree with the Java generator's.
     */
    private void wrk(Map<String, Load.Result> results, Consumer<String> progress, int port) throws Exception {
        if (!Wrk.available()) {
            progress.accept("  wrk is not installed (apt-get install wrk): the load generator cross-check is skipped");
            return;
        }
        List<String> login = List.of(basic);
        Wrk.run(port, "GET", "/api/hello", login, connections, warmup);
        Wrk.run(port, "POST", "/api/chat/token", login, connections, warmup);
        Map<String, Load.Result> merged = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String[] row : new String[][] {{"wrk_hello", "GET", "/api/hello"}, {"wrk_token", "POST", "/api/chat/token"}}) {
                Wrk.Result r = Wrk.run(port, row[1], row[2], login, connections, measure);
                double seconds = Math.max(1, measure.toSeconds());
                merged.merge(row[0], new Load.Result(row[0], connections, Math.round(r.perSecond() * seconds), r.errors(),
                        seconds, new org.HdrHistogram.Histogram(3)), Load.Result::plus);
            }
        }
        for (Load.Result r : merged.values()) {
            results.put(r.name, r);
            progress.accept(String.format("  %-18s %9.0f req/s  (wrk)  errors %d", r.name, r.perSecond(), r.errors));
        }
    }

    private static void schema(java.sql.Connection db, String... statements) throws SQLException {
        try (Statement s = db.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static Load.Client fixed(byte[] request) {
        return fixed(request, 200);
    }

    /** The same request every time, answered as expected when its status is {@code status}. */
    private static Load.Client fixed(byte[] request, int status) {
        return new Load.Client() {
            @Override
            public byte[] next() {
                return request;
            }

            @Override
            public boolean answered(Connection.Answer answer) {
                return answer.status == status;
            }
        };
    }

    /**
     * @return a refresh token of the right shape, issuer, audience and app id, signed with another key: what a flood
     *         of forged or foreign tokens sends, refused with 401 only after the signature is checked
     */
    private static String wrongKeyRefreshToken() {
        try (ChatSdk other = ChatSdk.builder().config(Fixtures.config(Fixtures.secret(), Fixtures.secret()).build()).build()) {
            return other.issue(dev.chatsdk.jakarta.ChatUser.of("alice")).refreshToken();
        }
    }

    /**
     * {@value #SESSIONS_PER_CONNECTION} sessions per connection, refreshed in turn, each with the token of its
     * previous answer: logs in that many times over the connection first. Requests are assembled from bytes
     * and tokens cut from the answer's bytes, so that the client costs about what a fixed request does.
     */
    private Load.Client refresher(Connection connection) throws java.io.IOException {
        byte[][] current = new byte[SESSIONS_PER_CONNECTION][];
        for (int i = 0; i < current.length; i++) {
            Connection.Answer login = connection.exchange(Connection.request("POST", "/api/chat/token", "", basic));
            if (login.status != 200) {
                throw new IllegalStateException("login failed: " + login.status + " " + login.text());
            }
            current[i] = refreshToken(login.body);
        }
        return new Load.Client() {
            private int turn;

            @Override
            public byte[] next() {
                byte[] token = current[turn];
                byte[] request = new byte[REFRESH_HEAD.length + token.length + REFRESH_TAIL.length];
                System.arraycopy(REFRESH_HEAD, 0, request, 0, REFRESH_HEAD.length);
                System.arraycopy(token, 0, request, REFRESH_HEAD.length, token.length);
                System.arraycopy(REFRESH_TAIL, 0, request, REFRESH_HEAD.length + token.length, REFRESH_TAIL.length);
                return request;
            }

            @Override
            public boolean answered(Connection.Answer answer) {
                if (answer.status != 200) {
                    throw new IllegalStateException("refresh failed: " + answer.status + " " + answer.text());
                }
                current[turn] = refreshToken(answer.body);
                turn = (turn + 1) % current.length;
                return true;
            }
        };
    }

    private static final byte[] REFRESH_HEAD = ("POST /chatsdk/auth/refresh HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: Bearer ").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REFRESH_TAIL = "\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REFRESH_KEY = "\"refreshToken\":\"".getBytes(StandardCharsets.US_ASCII);

    /** @return the bytes of the refresh token in a token response */
    private static byte[] refreshToken(byte[] json) {
        outer:
        for (int i = 0; i + REFRESH_KEY.length < json.length; i++) {
            for (int k = 0; k < REFRESH_KEY.length; k++) {
                if (json[i + k] != REFRESH_KEY[k]) {
                    continue outer;
                }
            }
            int from = i + REFRESH_KEY.length;
            int to = from;
            while (json[to] != '"') {
                to++;
            }
            return java.util.Arrays.copyOfRange(json, from, to);
        }
        throw new IllegalStateException("no refresh token in " + new String(json, StandardCharsets.UTF_8));
    }
}
