package dev.chatsdk.quickstart;

import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One quickstart with its defaults, started in this JVM on a free loopback port before the tests of a class and
 * stopped after them; a test gets it as a {@link Quickstart} parameter. Tests that need other settings start
 * their own.
 */
final class RunningQuickstart implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningQuickstart.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getStore(NAMESPACE).put(Quickstart.class, Quickstart.start(0, Map.of()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Quickstart quickstart = context.getStore(NAMESPACE).remove(Quickstart.class, Quickstart.class);
        if (quickstart != null) {
            quickstart.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Quickstart.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Quickstart.class, Quickstart.class);
    }
}
