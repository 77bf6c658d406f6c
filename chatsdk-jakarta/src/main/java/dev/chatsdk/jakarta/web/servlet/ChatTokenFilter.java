package dev.chatsdk.jakarta.web.servlet;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.config.ServletFilterMode;
import dev.chatsdk.jakarta.web.ChatExchange;
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
        serving = config.web().servletFilter() == ServletFilterMode.ALWAYS || jaxrs == null
                || !JaxRsDetection.defaultPaths(config);
        LOG.log(System.Logger.Level.INFO, serving
                ? String.format("CHATSDK-102: the servlet filter serves %s and %s/*", config.web().tokenPath(), config.web().apiBase())
                : String.format("CHATSDK-102: the JAX-RS application '%s' at the context root serves %s and %s/*; "
                        + "the servlet filter steps aside", jaxrs, config.web().tokenPath(), config.web().apiBase()));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!service.serves(ServletChatRequest.path(request))) {
            chain.doFilter(request, response);
            return;
        }
        if (!serving) {
            if (ServletChatRequest.path(request).equals(service.sdk().config().web().tokenPath())) {
                // the resource asks JAX-RS for the principal, which asks the container: settle the login here first
                DeferredLogins.principal(request);
            }
            stepAside(request, response, chain);
            return;
        }
        ServletChatRequest chatRequest = new ServletChatRequest(request);
        ChatExchange exchange = service.begin(chatRequest);
        if (!exchange.needsBody()) {
            ChatResponse answer = exchange.answer();
            if (answer.headers().containsKey("Connection") && request.isAsyncSupported()) {
                // a body left unread: answered at once, then what is still coming is dropped without a thread (so
                // the client reads the answer instead of a reset), and the connection closed (Tomcat would
                // otherwise swallow the rest on this thread)
                answerThenLinger(request.startAsync(), answer);
            } else {
                write(response, answer);
            }
            return;
        }
        if (!request.isAsyncSupported() || arrived(request, exchange.bodyLimit())) {
            // a filter or servlet ahead of this one is not async-supported: blocking reads, deadline checked between;
            // or the whole declared body is already in the container's buffer, and reading it cannot block (an async
            // cycle would only add its cost: the usual case, a server caller's small JSON body in the first packet)
            write(response, exchange.readBlocking(chatRequest));
            return;
        }
        AsyncContext async = request.startAsync();
        AsyncBody.start(async, exchange.bodyLimit(), exchange.bodyTimeout(), new AsyncBody.Outcome() {
            @Override
            public void read(byte[] body) {
                answer(async, exchange.complete(body));
            }

            @Override
            public void refused(ErrorCode code) {
                answer(async, code == ErrorCode.REQUEST_TIMEOUT ? exchange.timedOut()
                        : code == ErrorCode.PAYLOAD_TOO_LARGE ? exchange.tooLarge() : exchange.unreadable());
            }
        });
    }

    /**
     * The JAX-RS resource answers: it too decides from the headers first and reads only a body its endpoint needs,
     * with blocking reads whose deadline is checked between reads (a JAX-RS entity stream has no non-blocking read;
     * pre-reading here and handing the body over on an async dispatch was tried, and Payara's dispatch of it logged
     * errors on responses already recycled).
     */
    private static void stepAside(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        passOn(request, response, chain);
    }

    /** @return whether the declared body, within the limit, has fully arrived in the container's buffer */
    private static boolean arrived(HttpServletRequest request, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        return declared > 0 && declared <= limit && request.getInputStream().available() >= declared;
    }

    /** Lends the servlet request's attributes to the JAX-RS resource, which reads them through this binding. */
    private static void passOn(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Function<String, Object> previous = RequestAttributes.bind(name -> ServletChatRequest.attribute(request, name));
        try {
            chain.doFilter(request, response);
        } finally {
            RequestAttributes.restore(previous);
        }
    }

    /** Writes the answer of an async cycle and completes it; {@code null}: the cycle was already answered. */
    private static void answer(AsyncContext async, ChatResponse answer) {
        if (answer == null) {
            return;
        }
        try {
            write((HttpServletResponse) async.getResponse(), answer);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "CHATSDK-203: an answer could not be written; the client went away", e);
        } finally {
            async.complete();
        }
    }

    /** Writes and flushes an answer given without the body, then drops what is still coming of that body. */
    private void answerThenLinger(AsyncContext async, ChatResponse answer) {
        try {
            write((HttpServletResponse) async.getResponse(), answer);
            async.getResponse().flushBuffer();
            AsyncBody.linger(async, service.sdk().config().web().bodyTimeout());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "CHATSDK-203: an answer could not be written; the client went away", e);
            async.complete();
        }
    }

    private static void write(HttpServletResponse response, ChatResponse answer) throws IOException {
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
