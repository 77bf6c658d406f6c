package dev.chatsdk.jakarta.web;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** An in-memory {@link ChatRequest} for unit tests of the service, which never sees HTTP itself. */
final class FakeRequest implements ChatRequest {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new HashMap<>();
    private final Set<String> roles = new HashSet<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private Principal principal;
    private long contentLength = -1;
    private InputStream body = InputStream.nullInputStream();

    FakeRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    FakeRequest header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    FakeRequest user(String name, String... userRoles) {
        principal = () -> name;
        roles.addAll(Set.of(userRoles));
        return this;
    }

    FakeRequest attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    FakeRequest json(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        contentLength = bytes.length;
        return header("Content-Type", "application/json").body(new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    FakeRequest body(InputStream in, long declaredLength) {
        body = in;
        contentLength = declaredLength;
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return roles.contains(role);
    }

    @Override
    public Object attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public InputStream body() {
        return body;
    }
}
