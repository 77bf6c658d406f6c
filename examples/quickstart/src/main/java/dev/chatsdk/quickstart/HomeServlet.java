package dev.chatsdk.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;

/**
 * The page at {@code /}, and its script and style under {@value #ASSETS}: plain files in the jar
 * ({@code src/main/resources/dev/chatsdk/quickstart/page/}), no build step. The page logs in with the
 * container's form login, fetches the user's chat tokens, shows their claims and keeps them fresh with a small
 * JavaScript token manager. The server fills in only what the page cannot know: the logged-in user, the
 * module's paths and rotation grace, and the curl commands for the address the page was requested on. No
 * secret is ever put in the page; scripts, styles and fetches are same-origin only (Content-Security-Policy).
 */
final class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Where the page's script and style are served. */
    static final String ASSETS = "/page";

    private static final Map<String, String> ASSET_TYPES = Map.of(
            "app.js", "text/javascript;charset=utf-8",
            "token-manager.js", "text/javascript;charset=utf-8",
            "style.css", "text/css;charset=utf-8");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private final transient String template = new String(read("index.html"), StandardCharsets.UTF_8);
    private final transient Map<String, byte[]> assets = assets();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (ASSETS.equals(request.getServletPath())) {
            asset(request.getPathInfo() == null ? "" : request.getPathInfo().substring(1), response);
            return;
        }
        byte[] body = page(request).getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=utf-8");
        // the page names the logged-in user: never cached
        response.setHeader("Cache-Control", "no-store");
        securityHeaders(response);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void asset(String name, HttpServletResponse response) throws IOException {
        byte[] body = assets.get(name);
        if (body == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(ASSET_TYPES.get(name));
        response.setHeader("Cache-Control", "no-cache");
        securityHeaders(response);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", CSP);
    }

    private String page(HttpServletRequest request) {
        ChatSdkConfig config = ((ChatSdk) getServletContext().getAttribute(ChatSdk.ATTRIBUTE)).config();
        String base = request.getScheme() + "://" + hostAndPort(request) + request.getContextPath();
        Principal user = request.getUserPrincipal();
        boolean tokenApi = !config.web().apiKeys().isEmpty();

        Map<String, String> values = new LinkedHashMap<>();
        values.put("user", user == null ? "" : esc(user.getName()));
        values.put("contextPath", esc(request.getContextPath()));
        values.put("tokenPath", esc(config.web().tokenPath()));
        values.put("apiBase", esc(config.web().apiBase()));
        values.put("rotationGraceMs", String.valueOf(config.session().rotationGrace().toMillis()));
        values.put("issuer", esc(config.issuer()));
        values.put("appId", esc(config.appId()));
        values.put("chatRole", esc(DemoUsers.CHAT_ROLE));
        values.put("rolesAllowed", esc(String.join(",", config.identity().rolesAllowed())));
        values.put("tokenUrl", esc(base + config.web().tokenPath()));
        values.put("refreshUrl", esc(base + config.web().apiBase() + "/auth/refresh"));
        values.put("issueUrl", esc(base + config.web().apiBase() + "/auth/tokens"));
        values.put("tokenApiState", tokenApi ? "It is <strong>on</strong> (<code>chatsdk.web.api-keys</code> is set)."
                : "It is <strong>off</strong> (answers 404 <code>TOKEN_API_DISABLED</code>): restart with "
                        + "<code>CHATSDK_WEB_API_KEYS</code> set to turn it on.");

        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder html = new StringBuilder(template.length() + 1024);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("index.html uses an unknown placeholder: " + m.group());
            }
            m.appendReplacement(html, Matcher.quoteReplacement(value));
        }
        m.appendTail(html);
        return html.toString();
    }

    private static Map<String, byte[]> assets() {
        Map<String, byte[]> assets = new LinkedHashMap<>();
        for (String name : ASSET_TYPES.keySet()) {
            assets.put(name, read(name));
        }
        return Map.copyOf(assets);
    }

    private static byte[] read(String name) {
        try (InputStream in = HomeServlet.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the quickstart jar lacks its page file page/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostAndPort(HttpServletRequest request) {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + request.getServerPort();
    }

    /** HTML-escapes text, including what came from the request's Host header. */
    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }
}
