package dev.chatsdk.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.chatsdk.benchmarks.http.HttpBenchmarks;
import dev.chatsdk.benchmarks.memory.SessionMemory;

/**
 * {@code benchmarks/run [--quick | --smoke] [--only memory,jmh,http] [--out DIR]}: the memory footprint, the
 * JMH benchmarks and the HTTP load
 * harness, one after the other in one run, then every ratio of the summary from that same run, printed as
 * a Markdown table and written to {@code DIR/summary.json} (and {@code summary.md}).
 */
public final class BenchmarkMain {
    /** One summary key: its target, and whether a value must stay at most or at least that. */
    private enum Target {
        ISSUE_VS_RAW_JAVA_JWT("issue_vs_raw_java_jwt", 1.3, true, "ours ÷ bare java-jwt, ns per three-token bundle"),
        ISSUE_VS_JJWT("issue_vs_jjwt", 1.0, true, "ours ÷ jjwt, per token"),
        ISSUE_VS_SMALLRYE_JWT("issue_vs_smallrye_jwt", 1.0, true, "ours ÷ SmallRye JWT builder, per token"),
        ISSUE_VS_STREAM_SDK("issue_vs_stream_sdk", 1.0, true, "ours ÷ Stream SDK createToken, per token"),
        HTTP_TOKEN_VS_HELLO("http_token_vs_hello", 0.7, false, "POST /api/chat/token ÷ GET /api/hello, req/s"),
        HTTP_REFRESH_MEMORY_VS_HELLO("http_refresh_memory_vs_hello", 0.6, false, "refresh, memory store ÷ hello, req/s"),
        HTTP_REFRESH_JDBC_VS_HELLO("http_refresh_jdbc_vs_hello", 0.25, false, "refresh, PostgreSQL store ÷ hello, req/s"),
        HTTP_REJECTED_REFRESH_VS_HELLO("http_rejected_refresh_vs_hello", 0.8, false,
                "refresh with a well-formed token of another key (401) ÷ hello, req/s"),
        HTTP_TOKEN_WITH_METRICS_VS_WITHOUT("http_token_with_metrics_vs_without", 0.9, false,
                "token with Micrometer present ÷ without, req/s"),
        REMOTE_TOKEN_VS_UPSTREAM_DIRECT("remote_token_vs_upstream_direct", 0.35, false,
                "remote issuer ÷ its upstream called directly, req/s, 8 connections"),
        LOAD_GENERATOR_DISAGREEMENT("load_generator_disagreement", 0.1, true,
                "|token ÷ hello by wrk ÷ the same by the Java generator − 1| (when wrk is installed)"),
        REMOTE_ADDED_LATENCY_P50_MS("remote_added_latency_p50_ms", 0.5, true, "remote issuer p50 − upstream direct p50, ms"),
        MEMORY_BYTES_PER_SESSION("memory_bytes_per_session", 300, true, "heap per live session, 1,000,000 sessions (quick, full)"),
        JDBC_REFRESH_X2_VS_X1("jdbc_refresh_2_instances_vs_1", Double.NaN, false,
                "refresh, PostgreSQL store: 2 instances on one database ÷ 1 (scaling part)"),
        JDBC_REFRESH_X4_VS_X1("jdbc_refresh_4_instances_vs_1", Double.NaN, false,
                "refresh, PostgreSQL store: 4 instances on one database ÷ 1 (scaling part)"),
        HTTP_REFRESH_MARIADB_VS_HELLO("http_refresh_mariadb_vs_hello", Double.NaN, false,
                "refresh, MariaDB store ÷ hello, req/s (scaling part)"),
        MEMORY_BYTES_PER_SESSION_10K("memory_bytes_per_session_10k", Double.NaN, true,
                "heap per live session, 10,000 sessions (scaling part)"),
        MEMORY_BYTES_PER_SESSION_100K("memory_bytes_per_session_100k", Double.NaN, true,
                "heap per live session, 100,000 sessions (scaling part)"),
        MEMORY_BYTES_PER_SESSION_1M("memory_bytes_per_session_1m", Double.NaN, true,
                "heap per live session, 1,000,000 sessions (scaling part)"),
        ALLOCATED_BYTES_PER_ISSUE("allocated_bytes_per_issue", Double.NaN, true, "bytes allocated per issue (JMH -prof gc)");

        final String key;
        final double limit;
        final boolean atMost;
        final String meaning;

        Target(String key, double limit, boolean atMost, String meaning) {
            this.key = key;
            this.limit = limit;
            this.atMost = atMost;
            this.meaning = meaning;
        }

        Boolean met(double value) {
            if (Double.isNaN(limit)) {
                return null;
            }
            return atMost ? value <= limit : value >= limit;
        }

        String target() {
            if (Double.isNaN(limit)) {
                return "—";
            }
            return (atMost ? (key.startsWith("issue_vs") && limit == 1.0 ? "< " : "≤ ") : "≥ ") + format(limit);
        }
    }

    /** How long and how often: the full run, the quick one, and a smoke run that only proves every part works. */
    enum Mode {
        FULL("full", 1_000_000, 2, 5, TimeValue.seconds(2), 10, TimeValue.seconds(2), 5, Duration.ofSeconds(8),
                Duration.ofSeconds(5)),
        QUICK("quick", 1_000_000, 1, 3, TimeValue.seconds(1), 5, TimeValue.seconds(1), 3, Duration.ofSeconds(3),
                Duration.ofSeconds(2)),
        /** Numbers without meaning, in about a minute: what the build's BenchmarksSmokeIT runs. */
        SMOKE("smoke", 20_000, 1, 1, TimeValue.milliseconds(200), 1, TimeValue.milliseconds(200), 1,
                Duration.ofMillis(300), Duration.ofMillis(300));

        final String label;
        final int sessions;
        final int forks;
        final int warmupIterations;
        final TimeValue warmupTime;
        final int iterations;
        final TimeValue iterationTime;
        final int rounds;
        final Duration httpWarmup;
        final Duration httpMeasure;

        Mode(String label, int sessions, int forks, int warmupIterations, TimeValue warmupTime, int iterations,
                TimeValue iterationTime, int rounds, Duration httpWarmup, Duration httpMeasure) {
            this.label = label;
            this.sessions = sessions;
            this.forks = forks;
            this.warmupIterations = warmupIterations;
            this.warmupTime = warmupTime;
            this.iterations = iterations;
            this.iterationTime = iterationTime;
            this.rounds = rounds;
            this.httpWarmup = httpWarmup;
            this.httpMeasure = httpMeasure;
        }
    }

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.FULL;
        java.util.Set<String> parts = java.util.Set.of("memory", "jmh", "http");
        Path out = Path.of("benchmarks", "target", "results");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                mode = Mode.QUICK;
            } else if (args[i].equals("--smoke")) {
                mode = Mode.SMOKE;
            } else if (args[i].equals("--only") && i + 1 < args.length) {
                parts = java.util.Set.of(args[++i].split(","));
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                System.err.println("usage: benchmarks/run [--quick | --smoke] [--only memory,jmh,http,scaling] [--out DIR]");
                System.exit(2);
            }
        }
        Files.createDirectories(out);
        Instant started = Instant.now();
        say("ChatSDK Jakarta benchmarks (%s) on %d cores, Java %s", mode.label,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        double bytesPerSession = Double.NaN;
        if (parts.contains("memory")) {
            say("memory: %,d sessions in the memory store", mode.sessions);
            bytesPerSession = SessionMemory.bytesPerSession(mode.sessions);
            say("  %.1f bytes per session", bytesPerSession);
        }
        Map<String, RunResult> jmh = new LinkedHashMap<>();
        if (parts.contains("jmh")) {
            say("JMH: issue (ours, bare java-jwt, jjwt, SmallRye JWT, Stream SDK, RS256, ES256), refresh");
            jmh = jmh(mode, out);
        }
        Map<String, dev.chatsdk.benchmarks.http.Load.Result> load = new LinkedHashMap<>();
        if (parts.contains("http")) {
            say("HTTP load on loopback (embedded Jetty 12, keep-alive connections)");
            HttpBenchmarks http = new HttpBenchmarks(8, mode.rounds, mode.httpWarmup, mode.httpMeasure)
                    .crossCheckWithWrk(mode != Mode.SMOKE);
            load = http.run(BenchmarkMain::say);
        }

        Map<String, dev.chatsdk.benchmarks.http.Load.Result> scaling = new LinkedHashMap<>();
        double[] perSession = new double[0];
        if (parts.contains("scaling")) {
            int[] sizes = mode == Mode.SMOKE ? new int[] {1_000, 2_000, 4_000} : new int[] {10_000, 100_000, 1_000_000};
            perSession = new double[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                perSession[i] = SessionMemory.bytesPerSession(sizes[i]);
                say("scaling: %,d sessions in the memory store: %.1f bytes per session", sizes[i], perSession[i]);
            }
            say("scaling: refresh through 1, 2 and 4 instances on one PostgreSQL, and on MariaDB");
            scaling = new HttpBenchmarks(8, mode.rounds, mode.httpWarmup, mode.httpMeasure).scaling(BenchmarkMain::say);
        }

        Map<Target, Double> summary = new LinkedHashMap<>();
        if (!jmh.isEmpty()) {
            double ours = score(jmh, "chatsdkIssueHs256");
            summary.put(Target.ISSUE_VS_RAW_JAVA_JWT, ours / score(jmh, "rawJavaJwt"));
            summary.put(Target.ISSUE_VS_JJWT, ours / score(jmh, "jjwt"));
            summary.put(Target.ISSUE_VS_SMALLRYE_JWT, ours / score(jmh, "smallryeJwt"));
            summary.put(Target.ISSUE_VS_STREAM_SDK, (ours / 3) / score(jmh, "streamSdkCreateToken"));
        }
        if (!load.isEmpty()) {
            double hello = load.get("hello").perSecond();
            summary.put(Target.HTTP_TOKEN_VS_HELLO, load.get("token").perSecond() / hello);
            summary.put(Target.HTTP_REFRESH_MEMORY_VS_HELLO, load.get("refresh_memory").perSecond() / hello);
            summary.put(Target.HTTP_REFRESH_JDBC_VS_HELLO, load.get("refresh_jdbc").perSecond() / hello);
            summary.put(Target.HTTP_REJECTED_REFRESH_VS_HELLO, load.get("rejected_refresh").perSecond() / hello);
            summary.put(Target.HTTP_TOKEN_WITH_METRICS_VS_WITHOUT, load.get("token_metrics").perSecond()
                    / load.get("token_no_metrics").perSecond());
            summary.put(Target.REMOTE_TOKEN_VS_UPSTREAM_DIRECT, load.get("remote_token").perSecond()
                    / load.get("upstream_direct").perSecond());
            if (load.containsKey("wrk_token")) {
                double wrk = load.get("wrk_token").perSecond() / load.get("wrk_hello").perSecond();
                summary.put(Target.LOAD_GENERATOR_DISAGREEMENT, Math.abs(wrk / (load.get("token").perSecond() / hello) - 1));
            }
            summary.put(Target.REMOTE_ADDED_LATENCY_P50_MS, load.get("remote_token_1").millis(50)
                    - load.get("upstream_direct_1").millis(50));
        }
        if (!Double.isNaN(bytesPerSession)) {
            summary.put(Target.MEMORY_BYTES_PER_SESSION, bytesPerSession);
        }
        if (!scaling.isEmpty()) {
            double one = scaling.get("refresh_jdbc_x1").perSecond();
            summary.put(Target.JDBC_REFRESH_X2_VS_X1, scaling.get("refresh_jdbc_x2").perSecond() / one);
            summary.put(Target.JDBC_REFRESH_X4_VS_X1, scaling.get("refresh_jdbc_x4").perSecond() / one);
            if (scaling.containsKey("refresh_mariadb")) {
                summary.put(Target.HTTP_REFRESH_MARIADB_VS_HELLO, scaling.get("refresh_mariadb").perSecond()
                        / scaling.get("hello").perSecond());
            }
            for (Map.Entry<String, dev.chatsdk.benchmarks.http.Load.Result> row : scaling.entrySet()) {
                load.putIfAbsent(row.getKey().equals("hello") ? "hello_scaling" : row.getKey(), row.getValue());
            }
        }
        if (perSession.length == 3) {
            summary.put(Target.MEMORY_BYTES_PER_SESSION_10K, perSession[0]);
            summary.put(Target.MEMORY_BYTES_PER_SESSION_100K, perSession[1]);
            summary.put(Target.MEMORY_BYTES_PER_SESSION_1M, perSession[2]);
        }
        if (!jmh.isEmpty()) {
            summary.put(Target.ALLOCATED_BYTES_PER_ISSUE, secondary(jmh.get("chatsdkIssueHs256"), "gc.alloc.rate.norm"));
        }

        String table = table(summary, jmh, load, mode, started);
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("summary.md"), table);
        Files.writeString(out.resolve("summary.json"), json(summary, jmh, load, mode, started));
        say("written: %s and %s", out.resolve("summary.json"), out.resolve("summary.md"));
    }

    private static Map<String, RunResult> jmh(Mode mode, Path out) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("dev\\.chatsdk\\.benchmarks\\.jmh\\..*")
                .addProfiler(GCProfiler.class)
                // a fixed, pre-touched heap: otherwise the growth of the memory store is measured as the
                // kernel's page faults, not as our code
                .jvmArgs("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch")
                .shouldFailOnError(true)
                .result(out.resolve("jmh.json").toString())
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON);
        options.forks(mode.forks).warmupIterations(mode.warmupIterations).warmupTime(mode.warmupTime)
                .measurementIterations(mode.iterations).measurementTime(mode.iterationTime);
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            byName.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), r);
        }
        return byName;
    }

    private static double score(Map<String, RunResult> jmh, String name) {
        RunResult r = jmh.get(name);
        if (r == null) {
            throw new IllegalStateException("JMH did not report " + name);
        }
        return r.getPrimaryResult().getScore();
    }

    private static double secondary(RunResult r, String name) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(name)) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    private static String table(Map<Target, Double> summary, Map<String, RunResult> jmh,
            Map<String, dev.chatsdk.benchmarks.http.Load.Result> load, Mode mode, Instant started) {
        StringBuilder md = new StringBuilder();
        md.append(String.format("Run: %s, %s mode, %d cores, Java %s (%s), %s%n%n", Instant.now(), mode.label,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        md.append("| Key | Value | Target | Met | Meaning |\n|---|---:|---:|:---:|---|\n");
        for (Map.Entry<Target, Double> e : summary.entrySet()) {
            Boolean met = e.getKey().met(e.getValue());
            md.append(String.format("| `%s` | %s | %s | %s | %s |%n", e.getKey().key, format(e.getValue()),
                    e.getKey().target(), met == null ? "" : met ? "yes" : "**no**", e.getKey().meaning));
        }
        md.append("\n| JMH benchmark | ns/op | ± (99.9 %) | bytes/op |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, RunResult> e : jmh.entrySet()) {
            Result primary = e.getValue().getPrimaryResult();
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f |%n", e.getKey(), primary.getScore(),
                    primary.getScoreError(), secondary(e.getValue(), "gc.alloc.rate.norm")));
        }
        md.append("\n| HTTP row | connections | req/s | p50 ms | p99 ms | p99.9 ms | errors |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (dev.chatsdk.benchmarks.http.Load.Result r : load.values()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.3f | %.3f | %.3f | %d |%n", r.name, r.connections,
                    r.perSecond(), r.millis(50), r.millis(99), r.millis(99.9), r.errors));
        }
        md.append(String.format("%nWall time: %d s%n", Duration.between(started, Instant.now()).toSeconds()));
        return md.toString();
    }

    private static String json(Map<Target, Double> summary, Map<String, RunResult> jmh,
            Map<String, dev.chatsdk.benchmarks.http.Load.Result> load, Mode mode, Instant started) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<Target, Double> e : summary.entrySet()) {
            root.put(e.getKey().key, round(e.getValue()));
        }
        Map<String, Object> targets = new LinkedHashMap<>();
        for (Map.Entry<Target, Double> e : summary.entrySet()) {
            if (e.getKey().met(e.getValue()) != null) {
                targets.put(e.getKey().key, Map.of("target", e.getKey().target(), "met", e.getKey().met(e.getValue())));
            }
        }
        root.put("targets", targets);
        Map<String, Object> jmhRows = new LinkedHashMap<>();
        jmh.forEach((name, r) -> jmhRows.put(name, Map.of("ns_per_op", round(r.getPrimaryResult().getScore()),
                "error_ns", round(r.getPrimaryResult().getScoreError()),
                "bytes_per_op", round(secondary(r, "gc.alloc.rate.norm")))));
        root.put("jmh", jmhRows);
        Map<String, Object> httpRows = new LinkedHashMap<>();
        load.forEach((name, r) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("connections", r.connections);
            row.put("requests_per_second", round(r.perSecond()));
            row.put("p50_ms", round(r.millis(50)));
            row.put("p99_ms", round(r.millis(99)));
            row.put("p999_ms", round(r.millis(99.9)));
            row.put("errors", r.errors);
            httpRows.put(name, row);
        });
        root.put("http", httpRows);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", mode.label);
        run.put("started", started.toString());
        run.put("seconds", Duration.between(started, Instant.now()).toSeconds());
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("java", System.getProperty("java.version"));
        run.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        root.put("run", run);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }

    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 1000) / 1000.0;
    }

    private static String format(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
