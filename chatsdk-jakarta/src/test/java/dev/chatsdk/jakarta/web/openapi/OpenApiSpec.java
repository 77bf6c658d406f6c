package dev.chatsdk.jakarta.web.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.chatsdk.testsupport.Http;

/**
 * The shipped {@code META-INF/chatsdk/openapi.yaml}, read from the class path as the jar ships it, with
 * what the tests ask of it: which response an answer falls under, and whether a body fits its schema
 * (JSON Schema 2020-12, OpenAPI 3.1's dialect, checked by networknt's validator).
 */
final class OpenApiSpec {
    static final String YAML = "META-INF/chatsdk/openapi.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    final JsonNode root;

    private OpenApiSpec(JsonNode root) {
        this.root = root;
    }

    static OpenApiSpec load() {
        return new OpenApiSpec(JSON.valueToTree(new Yaml().load(resource(YAML))));
    }

    static JsonNode json(String resource) {
        try (InputStream in = resource(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = OpenApiSpec.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path");
        }
        return in;
    }

    /** @return every operation, as {@code "METHOD /path"} */
    SortedSet<String> operations() {
        SortedSet<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey()));
        }
        return operations;
    }

    /** @return the node a local reference ({@code #/components/...}) points at */
    JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = root.at(node.get("$ref").asText().substring(1));
            if (node.isMissingNode()) {
                throw new AssertionError("unresolved reference in " + YAML);
            }
        }
        return node;
    }

    /** @return the response object documented for this status of the operation, or its {@code default} */
    JsonNode response(String method, String path, int status) {
        JsonNode operation = root.get("paths").path(path).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            throw new AssertionError(method + " " + path + " is not in " + YAML);
        }
        JsonNode responses = operation.get("responses");
        JsonNode response = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status)) : responses.get("default");
        if (response == null) {
            throw new AssertionError(method + " " + path + " documents no " + status + " response");
        }
        return resolve(response);
    }

    /** @return the schema violations of the reply's body, and the documented headers it lacks */
    List<String> violations(String method, String path, Http.Reply reply) {
        JsonNode response = response(method, path, reply.status());
        List<String> problems = new ArrayList<>(violations(response.at("/content/application~1json/schema"), body(reply)));
        for (Iterator<String> headers = response.path("headers").fieldNames(); headers.hasNext();) {
            String header = headers.next();
            if (reply.header(header) == null) {
                problems.add("header " + header + " is missing");
            }
        }
        return problems;
    }

    /** @return the violations of the value against a schema of the document (often a reference into it) */
    List<String> violations(JsonNode schema, JsonNode value) {
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        wrapper.setAll((ObjectNode) schema);
        wrapper.set("components", root.get("components"));
        Schema validator = SCHEMAS.getSchema(SchemaLocation.of("https://chatsdk.dev/openapi.json"), wrapper);
        List<String> problems = new ArrayList<>();
        for (Error error : validator.validate(value)) {
            problems.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return problems;
    }

    /** Parsed by the reply, which tells NoSecretsInLogs about a refresh token in it. */
    private static JsonNode body(Http.Reply reply) {
        return reply.json();
    }
}
