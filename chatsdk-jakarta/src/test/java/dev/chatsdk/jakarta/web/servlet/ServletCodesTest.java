package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.chatsdk.testsupport.LogCapture;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet filter's request-time code no other test asserts: an answer that cannot be written because the client
 * went away, on a deployment configured with MicroProfile Config properties.
 */
class ServletCodesTest {
    private final TestConfig test = new TestConfig();

    @Test
    void anAnswerTheClientNoLongerTakesIs203() throws Exception {
        AtomicBoolean completed = new AtomicBoolean();
        HttpServletResponse gone = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getOutputStream") || method.getName().equals("flushBuffer")) {
                        throw new IOException("Broken pipe");
                    }
                    return null;
                });
        AsyncContext async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getResponse":
                            return gone;
                        case "complete":
                            completed.set(true);
                            return null;
                        default:
                            return null;
                    }
                });
        // the token API with a declared body far over the limit: answered at once (413), without reading the body
        Map<String, String> headers = Map.of("x-api-key", test.apiKey, "content-type", "application/json",
                "content-length", String.valueOf(50L * 1024 * 1024));
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getMethod":
                            return "POST";
                        case "getServletPath":
                        case "getRequestURI":
                            return "/chatsdk/auth/tokens";
                        case "getContextPath":
                            return "";
                        case "getHeader":
                            return headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                        case "getHeaders": {
                            String value = headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                            return Collections.enumeration(value == null ? List.of() : List.of(value));
                        }
                        case "getContentLengthLong":
                            return 50L * 1024 * 1024;
                        case "getContentLength":
                            return 50 * 1024 * 1024;
                        case "getRemoteAddr":
                            return "127.0.0.1";
                        case "isAsyncSupported":
                        case "isUserInRole":
                            return method.getName().equals("isAsyncSupported");
                        case "startAsync":
                            return async;
                        case "getDispatcherType":
                            return DispatcherType.REQUEST;
                        default:
                            return null;
                    }
                });
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta.web")) {
            MpConfigured.with(MpConfigured.properties(test), loader -> {
                ServletContext context = StartupLogCodesTest.context(loader);
                new ChatSdkInitializer().onStartup(Set.of(), context);
                ChatTokenFilter filter = new ChatTokenFilter();
                filter.init(StartupLogCodesTest.filterConfig(context));
                filter.doFilter(request, gone, (req, res) -> {
                    throw new AssertionError("the filter passed the token API on");
                });
                return null;
            });

            assertThat(logs.lines()).anyMatch(line -> line.startsWith(
                    "CHATSDK-203: an answer could not be written; the client went away java.io.IOException: Broken pipe"));
            assertThat(completed).isTrue();
        }
    }
}
