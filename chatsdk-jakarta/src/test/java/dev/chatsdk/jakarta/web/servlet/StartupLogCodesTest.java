package dev.chatsdk.jakarta.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.testsupport.LogCapture;
import dev.chatsdk.jakarta.MpConfigured;
import dev.chatsdk.jakarta.TestConfig;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

/**
 * The start-up log lines no other test asserts, from a deployment configured with MicroProfile Config properties: the
 * servlet initializer and filter run against a servlet context of their own (no container needed for what they log).
 */
class StartupLogCodesTest {
    private final TestConfig test = new TestConfig();

    /** A servlet context that keeps attributes and accepts a filter; every other call answers nothing. */
    static ServletContext context(ClassLoader loader) {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        FilterRegistration.Dynamic filter = (FilterRegistration.Dynamic) Proxy.newProxyInstance(
                StartupLogCodesTest.class.getClassLoader(), new Class<?>[] {FilterRegistration.Dynamic.class},
                (proxy, method, args) -> null);
        return (ServletContext) Proxy.newProxyInstance(StartupLogCodesTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAttribute":
                            return attributes.get((String) args[0]);
                        case "setAttribute":
                            attributes.put((String) args[0], args[1]);
                            return null;
                        case "getClassLoader":
                            return loader;
                        case "getContextPath":
                            return "/app";
                        case "addFilter":
                            return filter;
                        case "getServletRegistrations":
                            return Collections.emptyMap();
                        case "getInitParameterNames":
                        case "getAttributeNames":
                            return Collections.emptyEnumeration();
                        case "toString":
                            return "test servlet context";
                        default:
                            return null;
                    }
                });
    }

    static FilterConfig filterConfig(ServletContext context) {
        return (FilterConfig) Proxy.newProxyInstance(StartupLogCodesTest.class.getClassLoader(),
                new Class<?>[] {FilterConfig.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getServletContext":
                            return context;
                        case "getFilterName":
                            return ChatSdkInitializer.FILTER_NAME;
                        case "getInitParameterNames":
                            return Collections.emptyEnumeration();
                        default:
                            return null;
                    }
                });
    }

    @Test
    void theFilterSaysWhoServesTheEndpoints102() throws Exception {
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            MpConfigured.with(MpConfigured.properties(test), loader -> {
                ServletContext context = context(loader);
                new ChatSdkInitializer().onStartup(Set.of(), context);
                new ChatTokenFilter().init(filterConfig(context));
                return null;
            });

            assertThat(logs.lines()).contains("CHATSDK-102: the servlet filter serves /api/chat/token and /chatsdk/*");
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("CHATSDK-100: local issuer active (from "
                    + "MicroProfile Config); app-facing endpoint /app/api/chat/token; sessions in memory"));
        }
    }

    @Test
    void aFilterWithoutTheInitializerFailsWith103() throws Exception {
        MpConfigured.with(MpConfigured.properties(test), loader -> {
            assertThatThrownBy(() -> new ChatTokenFilter().init(filterConfig(context(loader))))
                    .isInstanceOf(ServletException.class)
                    .hasMessageStartingWith("CHATSDK-103: the ChatSDK filter was registered without ChatSdkInitializer; ");
            return null;
        });
    }

    @Test
    void aFilterSetToNeverIsLoggedAs104() throws Exception {
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            ServletContext context = MpConfigured.with(MpConfigured.properties(test,
                    "chatsdk.web.servlet-filter", "never"), loader -> {
                        ServletContext c = context(loader);
                        new ChatSdkInitializer().onStartup(Set.of(), c);
                        return c;
                    });

            assertThat(logs.lines()).contains("CHATSDK-104: servlet filter off (chatsdk.web.servlet-filter=never)");
            assertThat(context.getAttribute(ChatSdk.ATTRIBUTE)).isInstanceOf(ChatSdk.class);
        }
    }

    @Test
    void aRemoteIssuerWithoutALogoutPathWarns106() throws Exception {
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            MpConfigured.sdk(MpConfigured.properties(test, "chatsdk.issuer", "remote",
                    "chatsdk.api-url", "http://127.0.0.1:9", "chatsdk.remote.api-key", test.apiKey, "chatsdk.web.api-keys", null,
                    "chatsdk.remote.logout-path", null));

            assertThat(logs.lines()).contains("CHATSDK-106: remote issuer without 'chatsdk.remote.logout-path': logout "
                    + "cannot end a session at the ChatSDK API; refresh tokens stay valid until they expire");
        }
    }

    @Test
    void aRemoteIssuerThatCannotEndTheSessionsOfALogoutWarns115AndRegistersNoListener() throws Exception {
        java.util.List<Object> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            MpConfigured.with(MpConfigured.properties(test, "chatsdk.issuer", "remote", "chatsdk.api-url",
                    "http://127.0.0.1:9", "chatsdk.remote.api-key", test.apiKey, "chatsdk.web.api-keys", null,
                    "chatsdk.remote.logout-path", "/logout"), loader -> {
                        new ChatSdkInitializer().onStartup(Set.of(), listening(context(loader), listeners));
                        return null;
                    });

            assertThat(logs.lines()).anyMatch(line -> line.startsWith("CHATSDK-115: chatsdk.web.logout-ends=sessions asks "
                    + "to revoke the chat sessions of an ended HTTP session, but the remote issuer cannot end one chat "
                    + "session by its id") && line.contains("set chatsdk.web.logout-ends=user to revoke every chat session"));
            assertThat(listeners).noneMatch(HttpSessionEndListener.class::isInstance);
        }
    }

    @Test
    void aRemoteIssuerWhoseLogoutEndsTheUserRegistersTheListenerWithoutWarning() throws Exception {
        java.util.List<Object> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            MpConfigured.with(MpConfigured.properties(test, "chatsdk.issuer", "remote", "chatsdk.api-url",
                    "http://127.0.0.1:9", "chatsdk.remote.api-key", test.apiKey, "chatsdk.web.api-keys", null,
                    "chatsdk.remote.logout-path", "/logout", "chatsdk.web.logout-ends", "user"), loader -> {
                        new ChatSdkInitializer().onStartup(Set.of(), listening(context(loader), listeners));
                        return null;
                    });

            assertThat(logs.lines()).noneMatch(line -> line.startsWith("CHATSDK-115"));
            assertThat(listeners).anyMatch(HttpSessionEndListener.class::isInstance);
        }
    }

    @Test
    void theLocalIssuerRegistersTheListenerThatEndsTheSessionsOfALogout() throws Exception {
        java.util.List<Object> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            MpConfigured.with(MpConfigured.properties(test), loader -> {
                new ChatSdkInitializer().onStartup(Set.of(), listening(context(loader), listeners));
                return null;
            });

            assertThat(logs.lines()).noneMatch(line -> line.startsWith("CHATSDK-115"));
            assertThat(listeners).anyMatch(HttpSessionEndListener.class::isInstance);
        }
    }

    /** The context, keeping what is given to {@code addListener(T)}. */
    private static ServletContext listening(ServletContext context, java.util.List<Object> listeners) {
        return (ServletContext) Proxy.newProxyInstance(StartupLogCodesTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addListener") && args.length == 1 && !(args[0] instanceof String)
                            && !(args[0] instanceof Class)) {
                        listeners.add(args[0]);
                        return null;
                    }
                    try {
                        return method.invoke(context, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void theTelemetrySaysWhereEventsGo520() throws Exception {
        try (LogCapture logs = new LogCapture("dev.chatsdk.jakarta")) {
            MpConfigured.sdk(MpConfigured.properties(test));

            assertThat(logs.lines()).anyMatch(line -> line.startsWith("CHATSDK-520: audit events go to the log "
                    + "'dev.chatsdk.jakarta.audit', 0 listener(s); metrics: "));
        }
    }
}
