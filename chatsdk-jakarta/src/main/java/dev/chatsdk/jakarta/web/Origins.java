package dev.chatsdk.jakarta.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Web origins as browsers write them in the {@code Origin} header (RFC 6454 §6.2): {@code scheme://host[:port]}, the
 * scheme and host in lower case, no default port, no userinfo, path, query or fragment. An entry of
 * {@code chatsdk.web.cors.allowed-origins} is compared with that header as text, so any other spelling would never
 * match; {@link #problem} says which. Stateless and thread-safe.
 */
public final class Origins {
    /** ASCII host: a DNS name (letters, digits, hyphens, dots) or an IPv4 literal, or a bracketed IPv6 literal. */
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+\\]");
    private static final Pattern EXACT = Pattern.compile("(https?)://([^/?#@:\\[\\]]+|\\[[^\\]/?#@]+\\])(:[1-9][0-9]{0,4})?");

    private Origins() {
    }

    /**
     * @param origin an entry of {@code chatsdk.web.cors.allowed-origins}
     * @return {@code null} when the entry is an origin exactly as a browser sends it, else what is wrong with it
     */
    public static String problem(String origin) {
        if (origin.indexOf('*') >= 0) {
            return "a wildcard is never an origin: list each origin";
        }
        URI uri = uri(origin);
        if (uri == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            return "it is not an http or https origin";
        }
        if (uri.getRawUserInfo() != null) {
            return "browsers never send credentials in an origin";
        }
        if (!uri.getRawPath().isEmpty()) {
            return "an origin has no path, not even '/'";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "an origin has no query or fragment";
        }
        if (uri.getPort() == defaultPort(uri.getScheme())) {
            return "browsers leave the default port out";
        }
        if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
            return "browsers write the scheme and host in lower case";
        }
        if (!HOST.matcher(uri.getHost()).matches() || !EXACT.matcher(origin).matches() || uri.getPort() > 65535) {
            return "it is not an origin as browsers write it (ASCII host, punycode for international names, port 1 to "
                    + "65535 without leading zeros)";
        }
        return null;
    }

    /**
     * @param origin an entry that {@link #problem} refuses
     * @return the origin a browser would send for it ({@code https://App.example.com:443/} →
     *         {@code https://app.example.com}), or {@code null} when there is none (a wildcard, no http(s) URL)
     */
    public static String suggestion(String origin) {
        if (origin.indexOf('*') >= 0) {
            return null;
        }
        URI uri = uri(origin);
        if (uri == null || uri.getHost() == null || uri.getPort() > 65535) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            return null;
        }
        int port = uri.getPort();
        String exact = scheme + "://" + host + (port < 0 || port == defaultPort(scheme) ? "" : ":" + port);
        return problem(exact) == null ? exact : null;
    }

    /**
     * The request's own origin as its browser writes it. The refresh cookie is {@code Secure}, so a browser sends it
     * over HTTPS only: whatever scheme reaches this server behind a TLS-terminating proxy, the page that sent the
     * cookie was {@code https://} and the {@code Host} it addressed.
     *
     * @param host the request's {@code Host} header, or {@code null}
     * @return {@code https://host[:port]} in lower case without the default port, or {@code null} without a usable
     *         host
     */
    static String ownHttps(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String origin = "https://" + host.trim().toLowerCase(Locale.ROOT);
        if (origin.endsWith(":443")) {
            origin = origin.substring(0, origin.length() - 4);
        }
        return problem(origin) == null ? origin : null;
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
