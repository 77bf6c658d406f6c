package dev.chatsdk.quickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;

/**
 * The home page: what the quickstart is, and curl commands to try it, written for the address the page
 * was requested on. Plain HTML, no external resources.
 */
final class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ChatSdkConfig config = ((ChatSdk) getServletContext().getAttribute(ChatSdk.ATTRIBUTE)).config();
        String base = request.getScheme() + "://" + hostAndPort(request) + request.getContextPath();
        String token = base + config.tokenPath();
        String issue = base + config.apiBase() + "/auth/tokens";
        boolean tokenApi = !config.apiKeys().isEmpty();

        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>ChatSDK Jakarta quickstart</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;")
                .append("line-height:1.5;color:#222}\n")
                .append("pre{background:#f4f4f4;padding:.75rem;overflow-x:auto;border-radius:4px}\n")
                .append("code{background:#f4f4f4;padding:0 .2rem}\n</style>\n</head>\n<body>\n")
                .append("<h1>ChatSDK Jakarta quickstart</h1>\n")
                .append("<p>An embedded Jetty web application whose logged-in users get ChatSDK chat tokens from the ")
                .append("<code>chatsdk-jakarta</code> module. The container authenticates the user (HTTP BASIC here); ")
                .append("the module turns that principal into tokens at <code>").append(esc(config.tokenPath()))
                .append("</code> &mdash; the URL a ChatSDK client's <code>tokenProvider</code> calls.</p>\n")
                .append("<p>Issuer: <code>").append(esc(config.issuer())).append("</code>, app id <code>")
                .append(esc(config.appId())).append("</code>. Demo users: <code>alice</code> / ")
                .append("<code>alice-password</code> (role <code>").append(DemoUsers.CHAT_ROLE)
                .append("</code>) and <code>bob</code> / <code>bob-password</code> (no role).</p>\n")

                .append("<h2>Alice gets tokens</h2>\n")
                .append("<p>200 with <code>accessToken</code>, <code>refreshToken</code>, <code>wsToken</code>, ")
                .append("<code>expiresIn</code> and her profile:</p>\n")
                .append(pre("curl -s -u alice:alice-password -X POST " + token))

                .append("<h2>Bob is logged in, but may not chat</h2>\n")
                .append("<p>403 with the error code <code>NO_CHAT_ACCESS</code>, because ")
                .append("<code>chatsdk.access.roles-allowed</code> is <code>")
                .append(esc(String.join(",", config.rolesAllowed()))).append("</code>:</p>\n")
                .append(pre("curl -s -i -u bob:bob-password -X POST " + token))

                .append("<h2>Nobody logged in</h2>\n<p>401 from the container:</p>\n")
                .append(pre("curl -s -i -X POST " + token))

                .append("<h2>Server-to-server token API</h2>\n")
                .append("<p>Another service issues tokens for any user id with the API key. ")
                .append(tokenApi ? "It is <strong>on</strong> (<code>chatsdk.api-key</code> is set)."
                        : "It is <strong>off</strong> (answers 404 <code>TOKEN_API_DISABLED</code>): restart with "
                                + "<code>CHATSDK_API_KEY</code> set to turn it on.")
                .append("</p>\n")
                .append(pre("curl -s -X POST " + issue + " \\\n"
                        + "  -H \"X-API-Key: $CHATSDK_API_KEY\" -H 'Content-Type: application/json' \\\n"
                        + "  -d '{\"userId\":\"u-1\",\"name\":\"U\"}'"))

                .append("<h2>Configuration</h2>\n")
                .append("<p>Every MicroProfile Config key can be set as an environment variable: ")
                .append("<code>CHATSDK_APP_ID</code>, <code>CHATSDK_LOCAL_SECRET</code>, ")
                .append("<code>CHATSDK_LOCAL_WS_SECRET</code>, <code>CHATSDK_API_KEY</code>, ... ")
                .append("Without the two secrets, random ones are generated at each start, so tokens do not survive ")
                .append("a restart. <code>PORT</code> and <code>HOST</code> choose where the server listens.</p>\n")
                .append("</body>\n</html>\n");

        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String hostAndPort(HttpServletRequest request) {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + request.getServerPort();
    }

    private static String pre(String command) {
        return "<pre>" + esc(command) + "</pre>\n";
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
