/**
 * ChatSdk Jakarta: short-lived chat tokens for the authenticated users of a Jakarta EE application.
 *
 * <p>The API is {@link dev.chatsdk.jakarta} (the entry point, configuration, user model and exceptions),
 * {@link dev.chatsdk.jakarta.config} (the parts of the configuration, one setting per key),
 * {@link dev.chatsdk.jakarta.spi} (what an application may plug in), {@link dev.chatsdk.jakarta.event} (what the
 * module reports) and {@link dev.chatsdk.jakarta.client} (a token cache for server-side callers). Every other
 * package is internal: not exported, and opened at run time only where a container must reach in reflectively.
 *
 * <p>In a WAR the jar sits on the class path and this descriptor is ignored; it matters to applications that put
 * the module on the module path.
 */
module dev.chatsdk.jakarta {
    // runtime dependencies, shipped with the application (none of their types is in the API)
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.core;
    requires com.auth0.jwt;

    // from the JDK: the HTTP client (transitive: TokenManager.Builder.httpClient takes one), the JDBC session store
    // (DataSource, JNDI lookup)
    requires transitive java.net.http;
    requires java.sql;
    requires java.naming;

    // the servlet API, supplied by the container (or, on plain servlet containers, by the application): required,
    // as the module provides a ServletContainerInitializer, and a provider's service must be readable
    requires jakarta.servlet;

    // the other container APIs: needed to compile, optional at run time (every use is guarded by the container
    // having the API)
    requires static jakarta.ws.rs;
    requires static jakarta.cdi;
    requires static jakarta.inject;
    requires static jakarta.transaction;
    // MicroProfile's config, health and metrics APIs have no module name of their own: these are the names derived
    // from their jar file names (microprofile-config-api-3.1.jar, ...); javac's requires-automatic warning is off
    // for them in the pom. Not transitive, although ChatSdkConfig.from(Config) takes MicroProfile Config's type:
    // a transitive requires of a file-name-derived module would pass the unstable name on to every consumer.
    requires static microprofile.config.api;
    requires static microprofile.health.api;
    requires static microprofile.metrics.api;
    requires static org.eclipse.microprofile.openapi;
    requires static micrometer.core;

    exports dev.chatsdk.jakarta;
    exports dev.chatsdk.jakarta.spi;
    exports dev.chatsdk.jakarta.event;
    exports dev.chatsdk.jakarta.client;
    exports dev.chatsdk.jakarta.config;

    // Reached reflectively by the container (JAX-RS: the resource's @Context fields; CDI: the producer, the
    // readiness check and the metrics registry lookup; the servlet container: the filter class the initializer
    // registers; MicroProfile OpenAPI: the filter named in mp.openapi.filter). Unqualified, as the implementing
    // modules differ from server to server (Weld, OpenWebBeans, Jersey, RESTEasy, SmallRye, Jetty, Tomcat...).
    opens dev.chatsdk.jakarta.web.jaxrs;
    opens dev.chatsdk.jakarta.web.cdi;
    opens dev.chatsdk.jakarta.web.servlet;
    opens dev.chatsdk.jakarta.web.openapi;
    opens dev.chatsdk.jakarta.health;
    opens dev.chatsdk.jakarta.observe;

    // what the application may plug in with META-INF/services (or a provides clause)
    uses dev.chatsdk.jakarta.spi.ChatUserResolver;
    uses dev.chatsdk.jakarta.spi.ChatEventListener;
    uses dev.chatsdk.jakarta.spi.TokenIssuerFactory;

    provides jakarta.servlet.ServletContainerInitializer
            with dev.chatsdk.jakarta.web.servlet.ChatSdkInitializer;
    // Not here: the OpenAPI ConfigSource of META-INF/services (web.openapi.OpenApiConfigSource). A 'provides' makes
    // its service's module mandatory at resolution, and MicroProfile Config is optional (Tomcat, Jetty); the servers
    // with MicroProfile OpenAPI deploy the jar in a WAR, on the class path, where META-INF/services applies.
}
