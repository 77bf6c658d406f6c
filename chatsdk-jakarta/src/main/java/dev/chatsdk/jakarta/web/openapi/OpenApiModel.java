package dev.chatsdk.jakarta.web.openapi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the parts of the shipped OpenAPI document (parsed JSON) into MicroProfile OpenAPI model objects,
 * through {@link OASFactory}, so any implementation (SmallRye on WildFly, Payara's own) can merge them.
 * It covers exactly the constructs the document uses; the methods it calls exist in MicroProfile OpenAPI
 * 3.1 and 4.x alike, except a schema's type, set by whichever form the API at hand has.
 */
final class OpenApiModel {
    private OpenApiModel() {
    }

    static PathItem pathItem(JsonNode json) {
        PathItem item = OASFactory.createPathItem();
        if (json.has("get")) {
            item.setGET(operation(json.get("get")));
        }
        if (json.has("post")) {
            item.setPOST(operation(json.get("post")));
        }
        return item;
    }

    static Operation operation(JsonNode json) {
        Operation operation = OASFactory.createOperation()
                .operationId(text(json, "operationId")).summary(text(json, "summary")).description(text(json, "description"));
        List<String> tags = new ArrayList<>();
        json.path("tags").forEach(tag -> tags.add(tag.asText()));
        operation.setTags(tags.isEmpty() ? null : tags);
        if (json.has("security")) {
            List<SecurityRequirement> security = new ArrayList<>();
            for (JsonNode requirement : json.get("security")) {
                SecurityRequirement alternative = OASFactory.createSecurityRequirement();
                requirement.fieldNames().forEachRemaining(alternative::addScheme);
                security.add(alternative);
            }
            operation.setSecurity(security);
        }
        if (json.has("parameters")) {
            List<Parameter> parameters = new ArrayList<>();
            json.get("parameters").forEach(parameter -> parameters.add(parameter(parameter)));
            operation.setParameters(parameters);
        }
        if (json.has("requestBody")) {
            operation.setRequestBody(requestBody(json.get("requestBody")));
        }
        APIResponses responses = OASFactory.createAPIResponses();
        for (Map.Entry<String, JsonNode> response : fields(json.path("responses"))) {
            if (response.getKey().equals("default")) {
                responses.setDefaultValue(response(response.getValue()));
            } else {
                responses.addAPIResponse(response.getKey(), response(response.getValue()));
            }
        }
        return operation.responses(responses);
    }

    static Parameter parameter(JsonNode json) {
        if (json.has("$ref")) {
            return OASFactory.createParameter().ref(json.get("$ref").asText());
        }
        return OASFactory.createParameter().name(text(json, "name"))
                .in(Parameter.In.valueOf(json.get("in").asText().toUpperCase(Locale.ROOT)))
                .required(json.has("required") ? json.get("required").asBoolean() : null)
                .description(text(json, "description")).schema(schema(json.get("schema")));
    }

    static RequestBody requestBody(JsonNode json) {
        if (json.has("$ref")) {
            return OASFactory.createRequestBody().ref(json.get("$ref").asText());
        }
        return OASFactory.createRequestBody().description(text(json, "description"))
                .required(json.has("required") ? json.get("required").asBoolean() : null).content(content(json.get("content")));
    }

    static APIResponse response(JsonNode json) {
        if (json.has("$ref")) {
            return OASFactory.createAPIResponse().ref(json.get("$ref").asText());
        }
        APIResponse response = OASFactory.createAPIResponse().description(text(json, "description"));
        for (Map.Entry<String, JsonNode> header : fields(json.path("headers"))) {
            response.addHeader(header.getKey(), header(header.getValue()));
        }
        return json.has("content") ? response.content(content(json.get("content"))) : response;
    }

    static Header header(JsonNode json) {
        if (json.has("$ref")) {
            return OASFactory.createHeader().ref(json.get("$ref").asText());
        }
        return OASFactory.createHeader().description(text(json, "description")).schema(schema(json.get("schema")));
    }

    private static Content content(JsonNode json) {
        Content content = OASFactory.createContent();
        for (Map.Entry<String, JsonNode> media : fields(json)) {
            MediaType type = OASFactory.createMediaType().schema(schema(media.getValue().get("schema")));
            content.addMediaType(media.getKey(), type);
        }
        return content;
    }

    static SecurityScheme securityScheme(JsonNode json) {
        SecurityScheme scheme = OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.valueOf(json.get("type").asText().toUpperCase(Locale.ROOT)))
                .description(text(json, "description")).scheme(text(json, "scheme")).bearerFormat(text(json, "bearerFormat"))
                .name(text(json, "name"));
        return json.has("in") ? scheme.in(SecurityScheme.In.valueOf(json.get("in").asText().toUpperCase(Locale.ROOT))) : scheme;
    }

    static Schema schema(JsonNode json) {
        if (json.has("$ref")) {
            return OASFactory.createSchema().ref(json.get("$ref").asText());
        }
        Schema schema = OASFactory.createSchema().description(text(json, "description")).format(text(json, "format"))
                .pattern(text(json, "pattern"));
        if (json.has("type")) {
            type(schema, json.get("type"));
        }
        if (json.has("minLength")) {
            schema.setMinLength(json.get("minLength").asInt());
        }
        if (json.has("maxLength")) {
            schema.setMaxLength(json.get("maxLength").asInt());
        }
        if (json.has("minimum")) {
            schema.setMinimum(new BigDecimal(json.get("minimum").asText()));
        }
        if (json.has("enum") || json.has("const")) {
            List<Object> values = new ArrayList<>();
            (json.has("enum") ? json.get("enum") : List.of(json.get("const"))).forEach(value -> values.add(scalar(value)));
            schema.setEnumeration(values);
        }
        if (json.has("required")) {
            List<String> required = new ArrayList<>();
            json.get("required").forEach(name -> required.add(name.asText()));
            schema.setRequired(required);
        }
        for (Map.Entry<String, JsonNode> property : fields(json.path("properties"))) {
            schema.addProperty(property.getKey(), schema(property.getValue()));
        }
        if (json.has("items")) {
            schema.setItems(schema(json.get("items")));
        }
        if (json.has("additionalProperties")) {
            schema.setAdditionalPropertiesBoolean(json.get("additionalProperties").asBoolean());
        }
        return schema;
    }

    /**
     * Sets {@code "string"} or {@code ["string", "null"]}: as a list of types with MicroProfile OpenAPI
     * 4 (OpenAPI 3.1), as one type and {@code nullable} with 3.x.
     */
    private static void type(Schema schema, JsonNode json) {
        List<String> names = new ArrayList<>();
        (json.isArray() ? json : List.of(json)).forEach(name -> names.add(name.asText().toUpperCase(Locale.ROOT)));
        try {
            Method listForm = method(Schema.class, "setType", List.class);
            if (listForm != null) {
                List<Schema.SchemaType> types = new ArrayList<>();
                names.forEach(name -> types.add(Schema.SchemaType.valueOf(name)));
                listForm.invoke(schema, types);
                return;
            }
            boolean nullable = names.remove("NULL");
            method(Schema.class, "setType", Schema.SchemaType.class).invoke(schema, Schema.SchemaType.valueOf(names.get(0)));
            if (nullable) {
                method(Schema.class, "setNullable", Boolean.class).invoke(schema, Boolean.TRUE);
            }
        } catch (IllegalAccessException | InvocationTargetException | NullPointerException e) {
            throw new IllegalStateException("this MicroProfile OpenAPI API cannot set a schema type", e);
        }
    }

    private static Method method(Class<?> type, String name, Class<?> parameter) {
        try {
            return type.getMethod(name, parameter);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    static Tag tag(JsonNode json) {
        return OASFactory.createTag().name(text(json, "name")).description(text(json, "description"));
    }

    /** Adds every component of the document the model does not have yet under the same name. */
    static void addComponents(Components components, JsonNode json) {
        Map<String, SecurityScheme> schemes = components.getSecuritySchemes();
        for (Map.Entry<String, JsonNode> e : fields(json.path("securitySchemes"))) {
            if (schemes == null || !schemes.containsKey(e.getKey())) {
                components.addSecurityScheme(e.getKey(), securityScheme(e.getValue()));
            }
        }
        Map<String, Parameter> parameters = components.getParameters();
        for (Map.Entry<String, JsonNode> e : fields(json.path("parameters"))) {
            if (parameters == null || !parameters.containsKey(e.getKey())) {
                components.addParameter(e.getKey(), parameter(e.getValue()));
            }
        }
        Map<String, Header> headers = components.getHeaders();
        for (Map.Entry<String, JsonNode> e : fields(json.path("headers"))) {
            if (headers == null || !headers.containsKey(e.getKey())) {
                components.addHeader(e.getKey(), header(e.getValue()));
            }
        }
        Map<String, RequestBody> bodies = components.getRequestBodies();
        for (Map.Entry<String, JsonNode> e : fields(json.path("requestBodies"))) {
            if (bodies == null || !bodies.containsKey(e.getKey())) {
                components.addRequestBody(e.getKey(), requestBody(e.getValue()));
            }
        }
        Map<String, APIResponse> responses = components.getResponses();
        for (Map.Entry<String, JsonNode> e : fields(json.path("responses"))) {
            if (responses == null || !responses.containsKey(e.getKey())) {
                components.addResponse(e.getKey(), response(e.getValue()));
            }
        }
        Map<String, Schema> schemas = components.getSchemas();
        for (Map.Entry<String, JsonNode> e : fields(json.path("schemas"))) {
            if (schemas == null || !schemas.containsKey(e.getKey())) {
                components.addSchema(e.getKey(), schema(e.getValue()));
            }
        }
    }

    private static Object scalar(JsonNode value) {
        return value.isBoolean() ? (Object) value.asBoolean() : value.isNumber() ? value.numberValue() : value.asText();
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode json) {
        return () -> {
            Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
            return fields;
        };
    }
}
