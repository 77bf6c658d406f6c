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
    private String rawPath;
    private final Map<String, java.util.List<String>> headers = new HashMap<>();
    private final Set<String> roles = new HashSet<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private Principal principal;
    private long contentLength = -1;
    private InputStream body = InputStream.nullInputStream();
    private String remoteAddress = "127.0.0.1";

    FakeRequest(String method, String path) {
        this.method = method;
        this.path = path;
        this.rawPath = path;
    }

    /** The path as sent, when it differs from the decoded {@link #path()} (percent escapes, {@code ;params}). */
    FakeRequest rawPath(String raw) {
        rawPath = raw;
        return this;
    }

    /** Replaces the header's lines with this one. */
    FakeRequest header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), new java.util.ArrayList<>(java.util.List.of(value)));
        return this;
    }

    /** Adds one more line of the header, after those already there (what a proxy does). */
    FakeRequest addHeader(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), n -> new java.util.ArrayList<>()).add(value);
        return this;
    }

    /** @param address the peer's address, {@code null} when the framework does not tell */
    FakeRequest from(String address) {
        remoteAddress = address;
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
    public String rawPath() {
        return rawPath;
    }

    @Override
    public String header(String name) {
        java.util.List<String> lines = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return lines == null ? null : lines.get(0);
    }

    @Override
    public java.util.List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), java.util.List.of());
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
        return remoteAddress;
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
