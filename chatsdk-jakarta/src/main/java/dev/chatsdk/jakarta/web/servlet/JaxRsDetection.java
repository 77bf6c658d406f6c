package dev.chatsdk.jakarta.web.servlet;

import java.util.Collection;
import java.util.Set;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import dev.chatsdk.jakarta.ChatSdkConfig;

/**
 * Tells whether this web application activated a JAX-RS application at its context root, by the
 * servlet registrations the container made — the real condition, unlike "a JAX-RS implementation is
 * on the classpath". References no JAX-RS type, so it loads on Tomcat and Jetty.
 */
final class JaxRsDetection {
    static final String DEFAULT_TOKEN_PATH = "/api/chat/token";
    static final String DEFAULT_API_BASE = "/chatsdk";

    private static final Set<String> DISPATCHERS = Set.of(
            "org.glassfish.jersey.servlet.ServletContainer",
            "org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher",
            "org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher",
            "org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet");

    private JaxRsDetection() {
    }

    /** @return the name of a JAX-RS registration mapped at {@code /*} or {@code /}, or {@code null} */
    static String rootApplication(ServletContext context) {
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            if (atRoot(registration.getMappings()) && isJaxRs(registration, ChatSdkInitializer.loader(context))) {
                return registration.getName();
            }
        }
        return null;
    }

    /** @return whether the configured paths are those {@code ChatTokenResource} declares */
    static boolean defaultPaths(ChatSdkConfig config) {
        return DEFAULT_TOKEN_PATH.equals(config.web().tokenPath()) && DEFAULT_API_BASE.equals(config.web().apiBase());
    }

    private static boolean atRoot(Collection<String> mappings) {
        return mappings.contains("/*") || mappings.contains("/");
    }

    private static boolean isJaxRs(ServletRegistration registration, ClassLoader loader) {
        if (registration.getClassName() != null && DISPATCHERS.contains(registration.getClassName())) {
            return true;
        }
        try {
            Class<?> application = Class.forName("jakarta.ws.rs.core.Application", false, loader);
            return application.isAssignableFrom(Class.forName(registration.getName(), false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
