package dev.chatsdk.example.ee;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The application's JAX-RS application. At the context root and without explicit classes, the server
 * scans the WAR, WEB-INF/lib included, and finds the module's ChatTokenResource; the module's servlet
 * filter then steps aside (X-ChatSDK-Handler: jaxrs).
 */
@ApplicationPath("/")
public class ChatApplication extends Application {
}
