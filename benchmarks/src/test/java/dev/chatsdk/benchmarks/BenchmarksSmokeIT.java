package dev.chatsdk.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps {@code benchmarks/run} from rotting: the packaged jar runs every part (memory, every JMH benchmark in
 * a fork, every HTTP row) in smoke mode and writes a summary with every key. No timing is judged here.
 */
class BenchmarksSmokeIT {
    private static final List<String> KEYS = List.of("issue_vs_raw_java_jwt", "issue_vs_jjwt", "issue_vs_smallrye_jwt",
            "issue_vs_stream_sdk", "http_token_vs_hello", "http_refresh_memory_vs_hello", "http_refresh_jdbc_vs_hello", "http_rejected_refresh_vs_hello",
            "http_token_with_metrics_vs_without", "remote_token_vs_upstream_direct", "remote_added_latency_p50_ms", "memory_bytes_per_session", "allocated_bytes_per_issue",
            "memory_bytes_per_session_10k", "memory_bytes_per_session_100k", "memory_bytes_per_session_1m",
            "http_refresh_mariadb_vs_hello");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void runsEveryPartAndWritesEveryKey() throws Exception {
        Path out = Path.of("target", "smoke");
        Path log = Path.of("target", "benchmarks-smoke.log");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", Path.of("target", "benchmarks.jar").toString(), "--smoke", "--only", "memory,jmh,http,scaling", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        assertThat(run.waitFor(4, TimeUnit.MINUTES)).as("finished; see %s", log).isTrue();
        assertThat(run.exitValue()).as("exit status; see %s", log).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String key : KEYS) {
            assertThat(summary.path(key).isNumber()).as(key).isTrue();
            assertThat(Double.isFinite(summary.path(key).asDouble())).as(key).isTrue();
        }
        summary.path("http").fields().forEachRemaining(row -> assertThat(row.getValue().path("errors").asLong())
                .as("errors of %s", row.getKey()).isZero());
        assertThat(Files.readString(out.resolve("summary.md"))).contains("| `issue_vs_raw_java_jwt` |");
        // the metrics row measured a module that did update its meters
        assertThat(Files.readString(log)).containsPattern("with Micrometer: IsolatedApp\\[requests timed=[1-9]");
    }
}
