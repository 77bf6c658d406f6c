package dev.chatsdk.jakarta.web;

import java.util.ArrayList;
import java.util.List;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.config.ForwardedHeader;

/**
 * The client address of a request: what the rate limits count and the audit events carry.
 *
 * <p>The peer's address, unless the peer is one of {@code chatsdk.web.trusted-proxies} (addresses or CIDR ranges).
 * Then the one header {@code chatsdk.web.forwarded-header} names is read ({@code X-Forwarded-For} or RFC 7239
 * {@code Forwarded}; never the other, so a client cannot slip its own header past a proxy that writes only one),
 * all its lines joined in order, and walked from the right: the first hop that is not a trusted proxy is the
 * client; when every hop is trusted, the leftmost. Ports ({@code 1.2.3.4:567}, {@code [::1]:567}), brackets and
 * quotes are stripped and addresses written canonically, so neither a port nor a spelling makes a new client. A
 * hop that is no address ({@code unknown}, an obfuscated {@code _id}, garbage) ends the walk: the client is then
 * the trusted hop that reported it. Thread-safe.
 */
final class ClientAddresses {
    private final IpRanges trusted;
    private final ForwardedHeader header;

    ClientAddresses(ChatSdkConfig config) {
        this(IpRanges.of(config.web().proxies().trusted()), config.web().proxies().forwardedHeader());
    }

    ClientAddresses(IpRanges trusted, ForwardedHeader header) {
        this.trusted = trusted;
        this.header = header;
    }

    /** @return the client's address, or {@code null} when the framework does not tell the peer's */
    String of(ChatRequest request) {
        String peer = request.remoteAddress();
        if (peer == null) {
            return null;
        }
        String canonicalPeer = IpRanges.canonical(peer);
        String current = canonicalPeer != null ? canonicalPeer : peer;
        if (header == ForwardedHeader.NONE || !trusted.contains(current)) {
            return current;
        }
        List<String> hops = header == ForwardedHeader.FORWARDED
                ? forwardedFor(String.join(",", request.headers("Forwarded")))
                : xForwardedFor(String.join(",", request.headers("X-Forwarded-For")));
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (hop == null) {
                return current;
            }
            current = hop;
            if (!trusted.contains(hop)) {
                return hop;
            }
        }
        return current;
    }

    /** @return the hops of {@code X-Forwarded-For}, each an address in canonical form or {@code null} */
    static List<String> xForwardedFor(String joined) {
        List<String> hops = new ArrayList<>();
        if (joined.isBlank()) {
            return hops;
        }
        for (String hop : joined.split(",", -1)) {
            hops.add(address(unquote(hop.trim())));
        }
        return hops;
    }

    /** @return the {@code for} parameters of RFC 7239 {@code Forwarded}, each an address or {@code null} */
    static List<String> forwardedFor(String joined) {
        List<String> hops = new ArrayList<>();
        if (joined.isBlank()) {
            return hops;
        }
        for (String element : split(joined, ',')) {
            String node = null;
            for (String pair : split(element, ';')) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                    node = address(unquote(pair.substring(eq + 1).trim()));
                    break;
                }
            }
            hops.add(node);
        }
        return hops;
    }

    /** Splits at the separator outside quoted strings (which may hold {@code ,} and {@code ;}, escaped quotes). */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }

    /**
     * A node ({@code 1.2.3.4}, {@code 1.2.3.4:567}, {@code [::1]}, {@code [::1]:567}, {@code 2001:db8::1}) without its
     * port, in canonical form; {@code null} for {@code unknown}, an obfuscated identifier or anything else.
     */
    private static String address(String node) {
        String host = node;
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0 || (close < node.length() - 1 && node.charAt(close + 1) != ':')) {
                return null;
            }
            host = node.substring(1, close);
        } else if (node.indexOf(':') >= 0 && node.indexOf(':') == node.lastIndexOf(':')) {
            host = node.substring(0, node.indexOf(':'));
        }
        return IpRanges.canonical(host);
    }
}
