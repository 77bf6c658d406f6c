package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module descriptor at work: the packaged jar and its runtime dependencies on the module path of a JVM of its
 * own, and a probe (src/test/resources/modulepath) on the class path, compiled here against the jar. Everywhere else
 * the tests run on the class path, where the descriptor is ignored, as in a WAR.
 */
class ModulePathIT {
    private static final String MODULE = "dev.chatsdk.jakarta";
    /** The API: the only exported packages. TODO(issue 17 merge): add dev.chatsdk.jakarta.config with its export. */
    private static final Set<String> API = Set.of("dev.chatsdk.jakarta", "dev.chatsdk.jakarta.spi",
            "dev.chatsdk.jakarta.event", "dev.chatsdk.jakarta.client", "dev.chatsdk.jakarta.config");
    /** Opened, unexported: what containers reach reflectively. */
    private static final Set<String> OPEN = Set.of("dev.chatsdk.jakarta.web.jaxrs", "dev.chatsdk.jakarta.web.cdi",
            "dev.chatsdk.jakarta.web.servlet", "dev.chatsdk.jakarta.web.openapi", "dev.chatsdk.jakarta.health",
            "dev.chatsdk.jakarta.observe");
    private static final List<String> RUNTIME = List.of("java-jwt", "jackson-databind", "jackson-core", "jackson-annotations");
    private static final List<String> CONTAINER_APIS = List.of("jakarta.servlet-api", "microprofile-config-api");

    @TempDir
    Path dir;

    @Test
    void resolvesExportsOnlyTheApiAndOffersItsProvidersToTheContainerApis() throws Exception {
        List<Path> modulePath = modulePath(RUNTIME, CONTAINER_APIS);
        Map<String, String> out = probe(modulePath, MODULE + ",microprofile.config.api");

        assertThat(out).containsEntry("named", "true").containsEntry("name", MODULE).containsEntry("automatic", "false");
        assertThat(list(out.get("exports"))).containsExactlyInAnyOrderElementsOf(API);
        assertThat(list(out.get("opens"))).containsExactlyInAnyOrderElementsOf(OPEN);
        // at run time an opened package is accessible too (reflection), every other internal one is not
        assertThat(list(out.get("accessible"))).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(API.stream(), OPEN.stream()).collect(Collectors.toSet()));

        // no deep reflection into any internal package that is not opened, and no ordinary access either
        assertThat(list(out.get("denied"))).contains("dev.chatsdk.jakarta.token", "dev.chatsdk.jakarta.session",
                "dev.chatsdk.jakarta.remote", "dev.chatsdk.jakarta.identity", "dev.chatsdk.jakarta.web");
        for (String pkg : list(out.get("reflectable"))) {
            assertThat(API.contains(pkg) || OPEN.contains(pkg)).as("reflectable package %s", pkg).isTrue();
        }
        assertThat(out).containsEntry("internalPublicConstructor", "IllegalAccessException");

        // the library's ServiceLoader lookups ('uses') work in the module and see the class path's listener
        assertThat(out).containsEntry("built", "true").containsEntry("listenerLoaded", "true");
        // its providers ('provides') are found as a container looks them up
        assertThat(list(out.get("servletInitializers"))).contains("dev.chatsdk.jakarta.web.servlet.ChatSdkInitializer");
        // the OpenAPI config source is offered by META-INF/services alone (class path deployments), see module-info
        assertThat(list(out.get("configSources"))).doesNotContain("dev.chatsdk.jakarta.web.openapi.OpenApiConfigSource");
    }

    @Test
    void resolvesAndRunsWithTheServletApiAlone() throws Exception {
        // no JAX-RS, CDI, MicroProfile or Micrometer: each is optional ('requires static')
        Map<String, String> out = probe(modulePath(RUNTIME, List.of("jakarta.servlet-api")), MODULE);

        assertThat(out).containsEntry("name", MODULE).containsEntry("built", "true").containsEntry("listenerLoaded", "true")
                .containsEntry("configSources", "no-api");
        assertThat(list(out.get("servletInitializers"))).contains("dev.chatsdk.jakarta.web.servlet.ChatSdkInitializer");
    }

    private Map<String, String> probe(List<Path> modulePath, String addModules) throws Exception {
        String mp = modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        Path src = dir.resolve("src/modulepath/probe/ModulePathProbe.java");
        Files.createDirectories(src.getParent());
        try (InputStream in = ModulePathIT.class.getResourceAsStream("/modulepath/ModulePathProbe.java")) {
            Files.copy(in, src);
        }
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "--module-path", mp, "--add-modules", MODULE, "-proc:none",
                "-d", classes.toString(), src.toString());
        assertThat(compiled).as("probe compiles against the module").isZero();
        Path services = classes.resolve("META-INF/services/dev.chatsdk.jakarta.spi.ChatEventListener");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "modulepath.probe.ModulePathProbe$Listener\n");

        Path log = dir.resolve("probe.log");
        Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "--module-path", mp, "--add-modules", addModules, "-cp", classes.toString(),
                "modulepath.probe.ModulePathProbe").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("probe ends").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("probe exit; output:%n%s", output).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** The packaged jar, then the named dependencies as the test class path has them. */
    private static List<Path> modulePath(List<String> runtime, List<String> apis) throws IOException {
        Path jar = Paths.get(System.getProperty("chatsdk.module.jar", "target/chatsdk-jakarta-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged library (failsafe runs after package)").isRegularFile();
        List<Path> path = new ArrayList<>(List.of(jar));
        List<String> wanted = new ArrayList<>(runtime);
        wanted.addAll(apis);
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Paths::get).collect(Collectors.toList());
        for (String artifact : wanted) {
            Path found = classPath.stream().filter(p -> p.getFileName().toString().matches(
                    java.util.regex.Pattern.quote(artifact) + "-\\d[^/]*\\.jar")).findFirst().orElse(null);
            assertThat(found).as("%s on the test class path", artifact).isNotNull();
            path.add(found);
        }
        return path;
    }

    private static List<String> list(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value.split(","));
    }
}
