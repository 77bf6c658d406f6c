package dev.chatsdk.jakarta.web.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An exploded web application in a temporary folder: a {@code web.xml} with BASIC login and a
 * {@code WEB-INF/classes/META-INF/microprofile-config.properties}. The module itself, as a library
 * on the server's class path, must find and configure itself with no entry of its own in web.xml.
 */
public final class TestWebapp {
    public static final String REALM = "chat";

    private final Map<String, String> properties;
    private boolean constrained = true;
    private String servlets = "";

    private TestWebapp(Map<String, String> properties) {
        this.properties = properties;
    }

    public static TestWebapp with(Map<String, String> properties) {
        return new TestWebapp(properties);
    }

    /** Leaves /api/* open, so the module itself meets the anonymous caller. */
    public TestWebapp unconstrained() {
        constrained = false;
        return this;
    }

    /** Adds a Jersey servlet serving {@code application} at {@code mapping}. */
    public TestWebapp jersey(Class<?> application, String mapping) {
        servlets += "<servlet><servlet-name>" + application.getName() + "</servlet-name>"
                + "<servlet-class>org.glassfish.jersey.servlet.ServletContainer</servlet-class>"
                + "<init-param><param-name>jakarta.ws.rs.Application</param-name><param-value>" + application.getName()
                + "</param-value></init-param><load-on-startup>1</load-on-startup></servlet>"
                + "<servlet-mapping><servlet-name>" + application.getName() + "</servlet-name><url-pattern>" + mapping
                + "</url-pattern></servlet-mapping>\n";
        return this;
    }

    /** Declares a DataSource the server binds under {@code java:comp/env/<name>}. */
    public TestWebapp dataSource(String name) {
        servlets += "<resource-ref><res-ref-name>" + name + "</res-ref-name><res-type>javax.sql.DataSource</res-type>"
                + "<res-auth>Container</res-auth></resource-ref>\n";
        return this;
    }

    /** Adds one of the application's own servlets. */
    public TestWebapp servlet(Class<?> type, String mapping) {
        servlets += "<servlet><servlet-name>" + type.getSimpleName() + "</servlet-name><servlet-class>" + type.getName()
                + "</servlet-class></servlet><servlet-mapping><servlet-name>" + type.getSimpleName()
                + "</servlet-name><url-pattern>" + mapping + "</url-pattern></servlet-mapping>\n";
        return this;
    }

    /** Adds one of the application's own filters; it runs before the module's. */
    public TestWebapp filter(Class<?> type, String mapping) {
        servlets += "<filter><filter-name>" + type.getSimpleName() + "</filter-name><filter-class>" + type.getName()
                + "</filter-class></filter><filter-mapping><filter-name>" + type.getSimpleName()
                + "</filter-name><url-pattern>" + mapping + "</url-pattern></filter-mapping>\n";
        return this;
    }

    /** Adds one of the application's own listeners. */
    public TestWebapp listener(Class<?> type) {
        servlets += "<listener><listener-class>" + type.getName() + "</listener-class></listener>\n";
        return this;
    }

    public Path write(Path dir) {
        try {
            Path meta = Files.createDirectories(dir.resolve("WEB-INF/classes/META-INF"));
            Files.writeString(meta.resolve("microprofile-config.properties"), properties.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
            // as docs/securing-the-token-endpoint.md says: the rest of /api/* needs a login, the token endpoint is left
            // to the module (exact paths win over /api/*), which answers the anonymous caller with its JSON 401
            String constraint = constrained
                    ? "<security-constraint><web-resource-collection><web-resource-name>chat</web-resource-name>"
                            + "<url-pattern>/api/*</url-pattern><url-pattern>/rest/api/*</url-pattern>"
                            + "</web-resource-collection><auth-constraint><role-name>**</role-name></auth-constraint>"
                            + "</security-constraint>\n"
                            + "<security-constraint><web-resource-collection><web-resource-name>token</web-resource-name>"
                            + "<url-pattern>/api/chat/token</url-pattern><url-pattern>/rest/api/chat/token</url-pattern>"
                            + "</web-resource-collection></security-constraint>\n"
                    : "";
            // Tomcat logs a BASIC header in on a path without a constraint only when told to
            Files.writeString(Files.createDirectories(dir.resolve("META-INF")).resolve("context.xml"),
                    "<Context preemptiveAuthentication=\"true\"/>\n");
            Files.writeString(dir.resolve("WEB-INF/web.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\" "
                    + "metadata-complete=\"false\">\n" + servlets + constraint
                    + "<login-config><auth-method>BASIC</auth-method><realm-name>" + REALM
                    + "</realm-name></login-config>\n</web-app>\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
