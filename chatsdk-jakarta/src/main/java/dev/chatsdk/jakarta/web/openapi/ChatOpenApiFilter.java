package dev.chatsdk.jakarta.web.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chatsdk.jakarta.ChatSdkConfig;

/**
 * Puts the module's endpoints into the application's generated OpenAPI document: the paths, schemas,
 * security schemes and tags of the shipped {@value #DOCUMENT}, at the configured
 * {@code chatsdk.web.token-path} and {@code chatsdk.web.api-base}. It replaces the single templated path
 * that annotation scanning makes of {@code ChatTokenResource}'s catch-all {@code @Path}, and never
 * overwrites a component the application defined under the same name.
 *
 * <p>MicroProfile OpenAPI creates it from {@code mp.openapi.filter}, which {@link OpenApiConfigSource}
 * sets at the lowest ordinal. An application with a filter of its own keeps the chat endpoints by calling
 * {@code new ChatOpenApiFilter().filterOpenAPI(model)} from it. Thread-safe.
 */
public final class ChatOpenApiFilter implements OASFilter {
    /** The document, as a class path resource of the module; {@code openapi.yaml} beside it is the same as YAML. */
    public static final String DOCUMENT = "META-INF/chatsdk/openapi.json";
    static final String DEFAULT_TOKEN_PATH = "/api/chat/token";
    static final String DEFAULT_API_BASE = "/chatsdk";
    /** The path variable of {@code ChatTokenResource}'s {@code @Path}; scanning documents it as one path. */
    static final String RESOURCE_TEMPLATE = "{chatsdkPath}";

    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.web");

    private final String tokenPath;
    private final String apiBase;

    /** For MicroProfile OpenAPI: the paths come from the application's MicroProfile Config. */
    public ChatOpenApiFilter() {
        this(configured(ChatSdkConfig.Keys.TOKEN_PATH, DEFAULT_TOKEN_PATH), configured(ChatSdkConfig.Keys.API_BASE, DEFAULT_API_BASE));
    }

    ChatOpenApiFilter(String tokenPath, String apiBase) {
        this.tokenPath = tokenPath;
        this.apiBase = apiBase;
    }

    private static String configured(String key, String fallback) {
        try {
            Config config = ConfigProvider.getConfig(ChatOpenApiFilter.class.getClassLoader());
            return config.getOptionalValue(key, String.class).map(String::trim).filter(p -> p.startsWith("/"))
                    .map(p -> p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p).orElse(fallback);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, String.format("CHATSDK-550: the OpenAPI document shows the default "
                    + "path for '%s': MicroProfile Config could not be read (%s)", key, e.getClass().getName()));
            return fallback;
        }
    }

    /** @return the shipped document, parsed */
    static JsonNode document() {
        try (InputStream in = ChatOpenApiFilter.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the ChatSDK Jakarta jar");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(DOCUMENT + " cannot be read", e);
        }
    }

    /** @return where the endpoint of the document's path is served in this deployment */
    String served(String documentPath) {
        if (documentPath.equals(DEFAULT_TOKEN_PATH)) {
            return tokenPath;
        }
        return apiBase + documentPath.substring(DEFAULT_API_BASE.length());
    }

    @Override
    public void filterOpenAPI(OpenAPI model) {
        JsonNode document = document();
        if (model.getPaths() == null) {
            model.setPaths(OASFactory.createPaths());
        }
        Map<String, ?> scanned = model.getPaths().getPathItems();
        for (String path : scanned == null ? new ArrayList<String>() : new ArrayList<>(scanned.keySet())) {
            if (path.contains(RESOURCE_TEMPLATE)) {
                model.getPaths().removePathItem(path);
            }
        }
        for (Map.Entry<String, JsonNode> path : OpenApiModel.fields(document.get("paths"))) {
            model.getPaths().addPathItem(served(path.getKey()), OpenApiModel.pathItem(path.getValue()));
        }
        if (model.getComponents() == null) {
            model.setComponents(OASFactory.createComponents());
        }
        OpenApiModel.addComponents(model.getComponents(), document.get("components"));
        for (JsonNode tag : document.get("tags")) {
            String name = tag.get("name").asText();
            if (model.getTags() == null || model.getTags().stream().map(Tag::getName).noneMatch(name::equals)) {
                model.addTag(OpenApiModel.tag(tag));
            }
        }
    }
}
