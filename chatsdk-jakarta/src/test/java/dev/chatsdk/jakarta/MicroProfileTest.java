package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Start-up on a server that lacks MicroProfile Config: the module, java-jwt and Jackson in a class
 * loader of their own, with the MicroProfile Config API but no implementation, or without either.
 */
class MicroProfileTest {
    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static String startUpFailure(boolean withApi) throws Exception {
        List<URL> urls = new ArrayList<>(List.of(location(ChatSdk.class), location(JWT.class),
                location(ObjectMapper.class), location(JsonFactory.class), location(JsonProperty.class)));
        if (withApi) {
            urls.add(location(ConfigProvider.class));
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(isolated);
            Class<?> sdk = isolated.loadClass(ChatSdk.class.getName());
            sdk.getMethod("fromMicroProfileConfig", ClassLoader.class).invoke(null, isolated);
            throw new AssertionError("start-up should have failed");
        } catch (InvocationTargetException e) {
            assertThat(e.getCause().getClass().getName()).isEqualTo(ChatSdkConfigException.class.getName());
            return e.getCause().getMessage();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void namesTheImplementationToAddWhenOnlyTheApiIsPresent() throws Exception {
        assertThat(startUpFailure(true)).isEqualTo("ChatSDK Jakarta cannot start: 1 configuration problem"
                + System.lineSeparator() + "CHATSDK-001: no MicroProfile Config implementation is visible to this "
                + "application; on a server without one (Tomcat, Jetty), add io.smallrye.config:smallrye-config to the "
                + "server's or the application's classpath, or build the module in code with ChatSdk.builder()");
    }

    @Test
    void namesBothDependenciesWhenTheApiIsMissing() throws Exception {
        assertThat(startUpFailure(false)).isEqualTo("ChatSDK Jakarta cannot start: 1 configuration problem"
                + System.lineSeparator() + "CHATSDK-002: the MicroProfile Config API is not on the classpath; on a "
                + "server without it (Tomcat, Jetty), add org.eclipse.microprofile.config:microprofile-config-api and "
                + "io.smallrye.config:smallrye-config, or build the module in code with ChatSdk.builder()");
    }
}
