package dev.chatsdk.jakarta.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.TestConfig;
import dev.chatsdk.jakarta.web.ChatTokenService;

/** The shipped document against the code: its twin, its routes, its error codes, its references. */
class OpenApiDocumentTest {
    private final OpenApiSpec spec = OpenApiSpec.load();

    @Test
    void shipsTheYamlAndTheJsonTheFilterReadsAsOneDocument() throws java.io.IOException {
        if (!OpenApiSpec.json(ChatOpenApiFilter.DOCUMENT).equals(spec.root)) {
            // after an edit of openapi.yaml: its JSON twin, ready to copy over src/main/resources/META-INF/chatsdk/openapi.json
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.expected.json"),
                    new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(spec.root));
        }
        assertThat(OpenApiSpec.json(ChatOpenApiFilter.DOCUMENT)).as("openapi.json differs from openapi.yaml; "
                + "target/openapi.expected.json is the yaml as JSON").isEqualTo(spec.root);
        assertThat(ChatOpenApiFilter.document()).isEqualTo(spec.root);
    }

    @Test
    void describesEveryRouteTheServiceAnswersAndNoOther() {
        ChatTokenService service = new ChatTokenService(ChatSdk.builder().config(new TestConfig().builder().build()).build());

        SortedSet<String> routes = service.routes();

        assertThat(spec.operations()).containsExactlyElementsOf(routes);
        assertThat(routes).contains("POST /api/chat/token", "POST /chatsdk/auth/refresh",
                "POST /chatsdk/api/users/{userId}/revoke-tokens", "GET /chatsdk/tokens/validate-ws");
    }

    /** A comma inside an unquoted YAML flow-mapping value splits it into a second key with a null value. */
    @Test
    void holdsNoNullValue() {
        List<String> nulls = new ArrayList<>();
        collectNulls(spec.root, "", nulls);

        assertThat(nulls).as("keys with null values (unquoted commas in the yaml?)").isEmpty();
    }

    private static void collectNulls(com.fasterxml.jackson.databind.JsonNode node, String path, List<String> nulls) {
        if (node.isNull()) {
            nulls.add(path);
        }
        node.fields().forEachRemaining(e -> collectNulls(e.getValue(), path + "/" + e.getKey(), nulls));
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            collectNulls(node.get(i), path + "/" + i, nulls);
        }
    }

    @Test
    void listsEveryErrorCodeOfTheModule() {
        List<String> documented = new ArrayList<>();
        spec.root.at("/components/schemas/ChatSdkErrorCode/enum").forEach(code -> documented.add(code.asText()));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList());
    }

    @Test
    void resolvesEveryReferenceAndSecurityScheme() {
        List<String> refs = new ArrayList<>();
        collectRefs(spec.root, refs);
        assertThat(refs).isNotEmpty();
        refs.forEach(ref -> assertThat(spec.root.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());

        SortedSet<String> schemes = new TreeSet<>();
        spec.root.get("paths").forEach(item -> item.forEach(operation -> operation.path("security")
                .forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add))));
        assertThat(schemes).isNotEmpty();
        schemes.forEach(scheme -> assertThat(spec.root.at("/components/securitySchemes/" + scheme).isMissingNode())
                .as(scheme).isFalse());
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    @Test
    void namesTheFilterAtTheLowestOrdinalSoTheApplicationWins() {
        assertThat(OpenApiConfigSource.FILTER_CLASS).isEqualTo(ChatOpenApiFilter.class.getName());

        SmallRyeConfig discovered = new SmallRyeConfigBuilder().addDiscoveredSources().build();
        assertThat(discovered.getValue(OpenApiConfigSource.FILTER_KEY, String.class)).isEqualTo(ChatOpenApiFilter.class.getName());

        SmallRyeConfig overridden = new SmallRyeConfigBuilder().addDiscoveredSources()
                .withSources(new MapBackedConfigSource("app", java.util.Map.of(OpenApiConfigSource.FILTER_KEY, "com.example.AppFilter"), 100) {
                    private static final long serialVersionUID = 1L;
                }).build();
        assertThat(overridden.getValue(OpenApiConfigSource.FILTER_KEY, String.class)).isEqualTo("com.example.AppFilter");
    }

    @Test
    void documentsTheEndpointsWhereTheConfigurationPutsThem() {
        ChatOpenApiFilter filter = new ChatOpenApiFilter("/app/chat-token", "/chat");

        assertThat(filter.served("/api/chat/token")).isEqualTo("/app/chat-token");
        assertThat(filter.served("/chatsdk/auth/refresh")).isEqualTo("/chat/auth/refresh");
        assertThat(filter.served("/chatsdk/api/users/{userId}/revoke-tokens")).isEqualTo("/chat/api/users/{userId}/revoke-tokens");
    }
}
