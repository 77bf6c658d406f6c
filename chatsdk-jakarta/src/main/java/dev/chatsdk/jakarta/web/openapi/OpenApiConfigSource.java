package dev.chatsdk.jakarta.web.openapi;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Names {@link ChatOpenApiFilter} as the application's {@code mp.openapi.filter}, at the lowest ordinal:
 * any value the application sets wins (its own filter then replaces this one; it can call
 * {@code new ChatOpenApiFilter().filterOpenAPI(model)} to keep the chat endpoints). Servers without
 * MicroProfile OpenAPI never read the key. Thread-safe.
 */
public final class OpenApiConfigSource implements ConfigSource {
    /** The MicroProfile OpenAPI key of the application's filter. */
    public static final String FILTER_KEY = "mp.openapi.filter";
    /** Below the defaults of every standard source (100, 300, 400), so that any of them wins. */
    static final int ORDINAL = 1;

    /** A string, not a class literal: resolving the filter class needs the MicroProfile OpenAPI API. */
    static final String FILTER_CLASS = "dev.chatsdk.jakarta.web.openapi.ChatOpenApiFilter";

    private static final Map<String, String> PROPERTIES = Map.of(FILTER_KEY, FILTER_CLASS);

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "chatsdk-openapi-defaults";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
