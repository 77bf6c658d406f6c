package dev.chatsdk.jakarta.web.servlet;

import java.util.Set;

import jakarta.ws.rs.core.Application;

import dev.chatsdk.jakarta.web.jaxrs.ChatTokenResource;

/** A web application's own JAX-RS application that includes the module's resource. */
public class TestRestApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ChatTokenResource.class);
    }
}
