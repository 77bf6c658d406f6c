package dev.chatsdk.jakarta.web.servlet;

import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.config.ServletFilterMode;
import dev.chatsdk.jakarta.internal.ChatSdkInternals;
import dev.chatsdk.jakarta.remote.RedactedUrl;
import dev.chatsdk.jakarta.web.ChatSdkRegistry;
import dev.chatsdk.jakarta.web.ChatTokenService;

/**
 * Runs at deployment in every Servlet 6 container (listed in
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}): reads the configuration,
 * fails the deployment with every problem listed when it is wrong, publishes the {@link ChatSdk}
 * as the servlet context attribute {@link ChatSdk#ATTRIBUTE}, and registers {@link ChatTokenFilter}
 * on the token path and the API base. An application that set {@link ChatSdk#ATTRIBUTE} itself
 * before start-up keeps its own instance. Unless {@code chatsdk.web.logout-ends} and {@code chatsdk.web.expiry-ends}
 * ask for nothing the issuer can do, it also registers the {@link HttpSessionEndListener} that revokes the chat
 * sessions started within an HTTP session when that session ends.
 *
 * <p>When the servlet context is destroyed it unregisters the module and closes the instance it built (its store's
 * own connections, its threads, its HTTP clients); an instance the application set itself stays the application's to
 * close.
 */
public final class ChatSdkInitializer implements ServletContainerInitializer {
    static final String SERVICE_ATTRIBUTE = ChatTokenService.class.getName();
    static final String FILTER_NAME = "chatsdk-token-filter";
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta");

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        boolean given = context.getAttribute(ChatSdk.ATTRIBUTE) instanceof ChatSdk;
        String origin = given ? "ChatSdk given in code" : "from MicroProfile Config";
        ChatTokenService service = new ChatTokenService(sdk(context));
        ChatSdkConfig config = service.sdk().config();
        context.setAttribute(ChatSdk.ATTRIBUTE, service.sdk());
        context.setAttribute(SERVICE_ATTRIBUTE, service);
        ClassLoader loader = loader(context);
        ChatSdkRegistry.register(loader, service);
        context.addListener(new Unregister(loader, given ? null : service.sdk()));

        String mode = ChatSdkConfig.REMOTE.equals(config.issuer())
                ? String.format("tokens from the ChatSDK API at %s; refresh and logout under %s%s are forwarded; "
                        + "token API off", RedactedUrl.of(config.remote().apiUrl().orElse(null)), context.getContextPath(),
                        config.web().apiBase())
                : String.format("sessions in %s; token API under %s%s is %s", config.session().store(),
                        context.getContextPath(), config.web().apiBase(),
                        ChatSdkInternals.of(service.sdk()).acceptedApiKeys().isEmpty() ? "off (no chatsdk.web.api-keys)"
                                : "on");
        LOG.log(System.Logger.Level.INFO, String.format("CHATSDK-100: %s issuer active (%s); app-facing endpoint %s%s; %s",
                config.issuer(), origin, context.getContextPath(), config.web().tokenPath(), mode));
        service.sessionEnds().startupWarning().ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        if (service.sessionEnds().records()) {
            context.addListener(new HttpSessionEndListener(service.sessionEnds()));
        }
        if (config.web().servletFilter() == ServletFilterMode.NEVER) {
            LOG.log(System.Logger.Level.INFO, "CHATSDK-104: servlet filter off (chatsdk.web.servlet-filter=never)");
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, ChatTokenFilter.class);
        if (filter != null) {
            filter.setAsyncSupported(true);
            // ASYNC: the dispatch that hands a body read without blocking over to the JAX-RS resource
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true,
                    config.web().tokenPath(), config.web().apiBase() + "/*");
        }
    }

    private static ChatSdk sdk(ServletContext context) throws ServletException {
        Object given = context.getAttribute(ChatSdk.ATTRIBUTE);
        if (given instanceof ChatSdk) {
            return (ChatSdk) given;
        }
        try {
            return ChatSdk.fromMicroProfileConfig(loader(context));
        } catch (ChatSdkConfigException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    /** The application's class loader; embedded containers may report none, then the thread's or ours. */
    static ClassLoader loader(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        return loader != null ? loader : ChatSdkInitializer.class.getClassLoader();
    }

    /**
     * At undeployment: forgets the application's module, and closes it when this initializer built it. Then it drops
     * both references: a container that keeps the listeners of a stopped context (Jetty, restarting a context in
     * place, adds new ones at each start) keeps no old class loader or module through it.
     */
    private static final class Unregister implements ServletContextListener {
        private ClassLoader loader;
        private ChatSdk built;

        /** @param built the module this initializer built, or {@code null} for the application's own */
        Unregister(ClassLoader loader, ChatSdk built) {
            this.loader = loader;
            this.built = built;
        }

        @Override
        public synchronized void contextDestroyed(ServletContextEvent event) {
            if (loader != null) {
                ChatSdkRegistry.unregister(loader);
            }
            if (built != null) {
                built.close();
                LOG.log(System.Logger.Level.INFO, "CHATSDK-110: ChatSDK Jakarta stopped with its application "
                        + "(session store connections, threads and HTTP clients it opened are released)");
            }
            loader = null;
            built = null;
        }
    }
}
