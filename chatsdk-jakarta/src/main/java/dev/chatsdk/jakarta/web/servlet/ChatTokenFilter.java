package dev.chatsdk.jakarta.web.servlet;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.web.ChatResponse;
import dev.chatsdk.jakarta.web.ChatTokenService;
import dev.chatsdk.jakarta.web.RequestAttributes;

/**
 * Serves the token endpoints in any Servlet 6 container. {@link ChatSdkInitializer} registers it;
 * at {@link #init(FilterConfig)} it decides once whether a JAX-RS application will answer instead
 * (see {@link JaxRsDetection}), and then either serves or steps aside for every request.
 */
public final class ChatTokenFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.web");

    private transient ChatTokenService service;
    private boolean serving;

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        super.init(filterConfig);
        service = (ChatTokenService) filterConfig.getServletContext().getAttribute(ChatSdkInitializer.SERVICE_ATTRIBUTE);
        if (service == null) {
            throw new ServletException("CHATSDK-103: the ChatSDK filter was registered without ChatSdkInitializer; "
                    + "let the container run it (embedded Jetty needs jetty-ee10-annotations for a WebAppContext), "
                    + "or add it in code: context.addServletContainerInitializer(new ChatSdkInitializer())");
        }
        ChatSdkConfig config = service.sdk().config();
        String jaxrs = JaxRsDetection.rootApplication(filterConfig.getServletContext());
        serving = config.servletFilter() == ChatSdkConfig.ServletFilterMode.ALWAYS || jaxrs == null
                || !JaxRsDetection.defaultPaths(config);
        LOG.log(System.Logger.Level.INFO, serving
                ? String.format("CHATSDK-102: the servlet filter serves %s and %s/*", config.tokenPath(), config.apiBase())
                : String.format("CHATSDK-102: the JAX-RS application '%s' at the context root serves %s and %s/*; "
                        + "the servlet filter steps aside", jaxrs, config.tokenPath(), config.apiBase()));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!service.serves(ServletChatRequest.path(request))) {
            chain.doFilter(request, response);
            return;
        }
        if (!serving) {
            // the JAX-RS resource answers; it reads the servlet request's attributes through this binding
            Function<String, Object> previous = RequestAttributes.bind(name -> ServletChatRequest.attribute(request, name));
            try {
                chain.doFilter(request, response);
            } finally {
                RequestAttributes.restore(previous);
            }
            return;
        }
        ChatResponse answer = service.handle(new ServletChatRequest(request));
        response.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setHeader(ChatResponse.HANDLER_HEADER, "servlet-filter");
        response.setContentType(ChatResponse.JSON);
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
