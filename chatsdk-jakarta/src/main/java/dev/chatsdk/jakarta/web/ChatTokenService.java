package dev.chatsdk.jakarta.web;

import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.health.ChatSdkHealth;
import dev.chatsdk.jakarta.health.HealthReport;
import dev.chatsdk.jakarta.internal.ChatSdkInternals;
import dev.chatsdk.jakarta.observe.Telemetry;

/**
 * All request handling, independent of the web framework: routing, authentication of the caller,
 * access rules, and the JSON answer. Adapters (servlet filter, JAX-RS resource) only translate a
 * request into a {@link ChatRequest} and write the {@link ChatResponse} back. Thread-safe.
 */
public final class ChatTokenService {
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Most characters of a request path a 404 repeats. */
    static final int ECHOED_PATH = 120;

    /** One endpoint: its method, and what answers it. */
    private interface Handler {
        ChatResponse handle(ChatRequest request, String requestId) throws IOException;
    }

    /** One endpoint that reads the body: what it decides from the headers, and what it does with the body. */
    private interface BodyHandler {
        ChatExchange.Step handle(ChatRequest request, String requestId) throws IOException;
    }

    private static final class Route {
        final String method;
        final Handler handler;
        /** For an endpoint that reads the body (then {@link #handler} is unused); else {@code null}. */
        final BodyHandler reader;
        /** Whether, from the headers alone, the endpoint will read the body (JSON content assumed). */
        final java.util.function.Predicate<ChatRequest> wantsBody;

        Route(String method, Handler handler) {
            this(method, handler, null, request -> false);
        }

        private Route(String method, Handler handler, BodyHandler reader,
                java.util.function.Predicate<ChatRequest> wantsBody) {
            this.method = method;
            this.handler = handler;
            this.reader = reader;
            this.wantsBody = wantsBody;
        }

        static Route reading(String method, BodyHandler reader, java.util.function.Predicate<ChatRequest> wantsBody) {
            return new Route(method, null, reader, wantsBody);
        }

        ChatExchange.Step step(ChatRequest request, String requestId) throws IOException {
            return reader != null ? reader.handle(request, requestId)
                    : ChatExchange.Step.answer(handler.handle(request, requestId));
        }
    }

    private final ChatSdk sdk;
    private final ChatSdkConfig config;
    private final ApiKeyCheck apiKeys;
    private final SessionEndpoints sessions;
    private final RateLimits limits;
    private final BrowserMode browser;
    private final Map<String, Route> api;
    private final ChatSdkHealth health;
    private final RequestTelemetry telemetry;
    private final HttpSessionEnds sessionEnds;

    public ChatTokenService(ChatSdk sdk) {
        this.sdk = sdk;
        this.config = sdk.config();
        ChatSdkInternals internals = ChatSdkInternals.of(sdk);
        this.browser = new BrowserMode(config);
        this.sessions = new SessionEndpoints(sdk, browser);
        ClientAddresses addresses = new ClientAddresses(config);
        this.limits = new RateLimits(config, internals.rateLimiter(), sdk.clock(), addresses);
        this.apiKeys = new ApiKeyCheck(config, internals.acceptedApiKeys(), limits);
        this.health = new ChatSdkHealth(sdk);
        this.telemetry = new RequestTelemetry(config, internals.telemetry(), addresses);
        this.sessionEnds = new HttpSessionEnds(sdk);
        Route issue = Route.reading("POST", this::issueForApiCaller, apiKeys::valid);
        Route refresh = Route.reading("POST", byClientReading(sessions::refresh), request -> true);
        Route logout = Route.reading("POST", byClientReading(sessions::logout), request -> true);
        Map<String, Route> routes = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("/auth/tokens", issue),
                Map.entry("/api/auth/connect", issue),
                Map.entry("/tokens", issue),
                Map.entry("/auth/refresh", refresh),
                Map.entry("/api/auth/refresh", refresh),
                Map.entry("/tokens/refresh", refresh),
                Map.entry("/auth/logout", logout),
                Map.entry("/auth/revoke", logout),
                Map.entry("/.well-known/jwks.json", new Route("GET", this::jwks)),
                Map.entry("/tokens/validate", new Route("GET", byClient((r, id) -> sessions.validate(r, id, false)))),
                Map.entry("/tokens/validate-ws", new Route("GET", byClient((r, id) -> sessions.validate(r, id, true))))));
        if (config.web().healthEnabled()) {
            routes.put("/health", new Route("GET", this::health));
        }
        this.api = Map.copyOf(routes);
    }

    /** The endpoints anyone can call with a token: limited per client address. */
    private Handler byClient(Handler handler) {
        return (request, requestId) -> {
            limits.client(request);
            return handler.handle(request, requestId);
        };
    }

    /** An endpoint anyone can call with a token that may read the body: limited per client address, headers first. */
    private BodyHandler byClientReading(BodyHandler handler) {
        return (request, requestId) -> {
            limits.client(request);
            return handler.handle(request, requestId);
        };
    }

    /** @return the health checks of this service's module (shared by the endpoint and MicroProfile Health) */
    public ChatSdkHealth health() {
        return health;
    }

    /**
     * {@code GET {api-base}/health}: 200 when UP, 503 when DOWN, never a secret. Without credential, the status and
     * the named check only; the details with {@code chatsdk.web.health-details=true} or a valid {@code X-API-Key}. A
     * wrong key is refused and counted like one on the token API: else health would be a free oracle for guessing.
     */
    private ChatResponse health(ChatRequest request, String requestId) {
        boolean details = config.web().healthDetails() || apiKeys.presentsHealthKey(request);
        HealthReport report = health.check();
        return Responses.status(report.up() ? 200 : 503, report.json(details), requestId);
    }

    /** @return what the end of an application's HTTP session does to the chat sessions started within it */
    public HttpSessionEnds sessionEnds() {
        return sessionEnds;
    }

    /** @return the module this service answers for */
    public ChatSdk sdk() {
        return sdk;
    }

    /** @return whether the path (below the context root) is one this service answers */
    public boolean serves(String path) {
        return path.equals(config.web().tokenPath()) || path.equals(config.web().apiBase())
                || path.startsWith(config.web().apiBase() + "/");
    }

    /**
     * @return every endpoint this service answers, as {@code "METHOD /path"} below the context root, with
     *         {@code {userId}} for the variable part (what the shipped OpenAPI document must describe)
     */
    public java.util.SortedSet<String> routes() {
        java.util.SortedSet<String> routes = new java.util.TreeSet<>();
        routes.add("GET " + config.web().tokenPath());
        routes.add("POST " + config.web().tokenPath());
        api.forEach((path, route) -> routes.add(route.method + " " + config.web().apiBase() + path));
        routes.add("POST " + config.web().apiBase() + UserPaths.REVOKE_USER_PATH);
        return routes;
    }

    /**
     * Answers a request whose path {@link #serves(String) is served}; any other path gets 404. A body the endpoint
     * needs is read here, blocking, with {@link ChatSdkConfig#bodyTimeout()} checked between reads; adapters that
     * can read without blocking use {@link #begin(ChatRequest)} instead.
     *
     * @return the response; never {@code null}, never an exception
     */
    public ChatResponse handle(ChatRequest request) {
        ChatExchange exchange = begin(request);
        return exchange.needsBody() ? exchange.readBlocking(request) : exchange.answer();
    }

    /**
     * Starts answering a request whose path {@link #serves(String) is served}: everything the headers decide is
     * decided here (route, method, credentials, rate limits, content type, declared length) without reading the body.
     * When no body is needed, the exchange holds the answer, with {@code Connection: close} if a body was sent and
     * is left unread. Otherwise the adapter reads the body and completes the exchange.
     *
     * @return the exchange; never {@code null}, never an exception
     */
    public ChatExchange begin(ChatRequest request) {
        String requestId = requestId(request.header("X-Request-ID"));
        RequestTelemetry.Scope observed = telemetry.begin(request);
        ChatResponse answer = null;
        try {
            ChatResponse preflight = browser.preflight(request, requestId);
            if (preflight != null) {
                answer = unread(request, preflight);
                return ChatExchange.answered(answer);
            }
            ChatExchange.Step step = safely(requestId, () -> route(request, requestId));
            if (step.answer != null) {
                answer = unread(request, Responses.withHeaders(step.answer, browser.cors(request)));
                return ChatExchange.answered(answer);
            }
            int limit = config.web().maxBodySize();
            if (request.contentLength() > limit) {
                answer = refused(request, requestId, RequestBodies.tooLarge(limit));
                return ChatExchange.answered(answer);
            }
            if (request.contentLength() == 0) {
                answer = Responses.withHeaders(safely(requestId, step.rest, new byte[0]), browser.cors(request));
                return ChatExchange.answered(answer);
            }
            // the body may arrive on another thread: this one lets go of the request, the last step takes it up
            Telemetry.restore(observed.previous);
            return ChatExchange.reading(limit, config.web().bodyTimeout(),
                    body -> resumed(observed, request, () -> Responses.withHeaders(
                            safely(requestId, step.rest, body), browser.cors(request))),
                    code -> resumed(observed, request, () -> refused(request, requestId, bodyProblem(code))));
        } finally {
            if (answer != null) {
                telemetry.end(observed, request, answer);
            }
        }
    }

    /**
     * For an adapter that reads the body before the JAX-RS resource answers (the servlet filter stepping aside):
     * whether, from the headers alone, the endpoint will read the body; decides nothing and counts nothing.
     *
     * @return the most body bytes the endpoint reads, or -1 when it answers without the body
     */
    public int bodyWanted(ChatRequest request) {
        String sub = request.path().startsWith(config.web().apiBase() + "/")
                ? request.path().substring(config.web().apiBase().length()) : "";
        Route route = api.get(sub);
        boolean wanted = route != null && route.reader != null && route.method.equals(request.method())
                && RequestBodies.isJson(request.header("Content-Type")) && RequestBodies.declared(request)
                && route.wantsBody.test(request);
        return wanted ? config.web().maxBodySize() : -1;
    }

    /**
     * For an adapter that reads the body before the JAX-RS resource answers: the answer when that body did not
     * arrive in time ({@link ErrorCode#REQUEST_TIMEOUT}), was too large ({@link ErrorCode#PAYLOAD_TOO_LARGE}) or
     * broke off ({@link ErrorCode#MALFORMED_JSON}), with {@code Connection: close}.
     */
    public ChatResponse refuseBody(ChatRequest request, ErrorCode code) {
        RequestTelemetry.Scope observed = telemetry.begin(request);
        ChatResponse answer = null;
        try {
            answer = refused(request, requestId(request.header("X-Request-ID")), bodyProblem(code));
            return answer;
        } finally {
            telemetry.end(observed, request, answer);
        }
    }

    private ChatSdkException bodyProblem(ErrorCode code) {
        switch (code) {
            case REQUEST_TIMEOUT:
                return RequestBodies.timedOut(config.web().bodyTimeout());
            case PAYLOAD_TOO_LARGE:
                return RequestBodies.tooLarge(config.web().maxBodySize());
            default:
                return new ChatSdkException(ErrorCode.MALFORMED_JSON, "The request body could not be read completely.");
        }
    }

    /** Takes the request up on this thread (the body arrived), answers, and lets go of it again. */
    private ChatResponse resumed(RequestTelemetry.Scope observed, ChatRequest request,
            java.util.function.Supplier<ChatResponse> answer) {
        RequestTelemetry.Scope here = new RequestTelemetry.Scope(Telemetry.bind(observed.clientIp, observed.endpoint),
                observed.started, observed.endpoint, observed.clientIp);
        ChatResponse response = null;
        try {
            response = answer.get();
            return response;
        } finally {
            telemetry.end(here, request, response);
        }
    }

    /** An answer about the body itself: the connection is closed, since the rest of the body is left unread. */
    private ChatResponse refused(ChatRequest request, String requestId, ChatSdkException e) {
        ChatResponse error = Responses.error(e.code(), e.getMessage(), requestId, Map.of("Connection", "close"));
        return Responses.withHeaders(error, browser.cors(request));
    }

    /**
     * An answer given without reading a body the client sent: {@code Connection: close}, so that the container
     * neither reads the next request out of that body nor waits for it (Tomcat swallows what is left otherwise).
     */
    private static ChatResponse unread(ChatRequest request, ChatResponse answer) {
        return RequestBodies.declared(request) ? Responses.withHeaders(answer, Map.of("Connection", "close")) : answer;
    }

    private interface Work<T> {
        T run() throws IOException;
    }

    private ChatExchange.Step safely(String requestId, Work<ChatExchange.Step> work) {
        try {
            return work.run();
        } catch (RuntimeException | IOException | LinkageError | ServiceConfigurationError e) {
            return ChatExchange.Step.answer(Failures.answer(requestId, e));
        }
    }

    private ChatResponse safely(String requestId, ChatExchange.BodyUse rest, byte[] body) {
        try {
            return rest.withBody(body);
        } catch (RuntimeException | IOException | LinkageError | ServiceConfigurationError e) {
            return Failures.answer(requestId, e);
        }
    }

    private ChatExchange.Step route(ChatRequest request, String requestId) throws IOException {
        String path = request.path();
        if (path.equals(config.web().tokenPath())) {
            String method = request.method();
            if (!method.equals("POST") && !method.equals("GET")) {
                return ChatExchange.Step.answer(methodNotAllowed(method, "GET, POST", requestId));
            }
            return ChatExchange.Step.answer(issueForPrincipal(request, requestId));
        }
        String sub = path.startsWith(config.web().apiBase() + "/") ? path.substring(config.web().apiBase().length()) : "";
        Route route = api.get(sub);
        if (route == null && UserPaths.mayRevokeUser(path)) {
            // the container's path has ;parameters stripped and dot segments resolved: read the user as sent
            String userId = UserPaths.revokedUser(request.rawPath(), config.web().apiBase());
            if (userId != null) {
                route = new Route("POST", (r, id) -> revokeUser(r, id, userId));
            }
        }
        if (route == null) {
            return ChatExchange.Step.answer(notFound(path, requestId));
        }
        if (!request.method().equals(route.method)) {
            return ChatExchange.Step.answer(methodNotAllowed(request.method(), route.method, requestId));
        }
        return route.step(request, requestId);
    }

    private ChatResponse issueForPrincipal(ChatRequest request, String requestId) {
        if (request.headers("Authorization").size() > 1) {
            return Responses.error(ErrorCode.INVALID_REQUEST, "Send one Authorization header, not several.", requestId);
        }
        Principal principal = request.principal();
        if (principal != null && ambientLogin(request.header("Authorization")) && !browser.fromAllowedPage(request)) {
            // a login the browser sends by itself (the session cookie, BASIC credentials it remembers) counts only for
            // this application's own pages and allowed origins: another page, even of the same site, must not start
            // chat sessions in the user's name (each may evict another)
            return Responses.error(ErrorCode.UNAUTHENTICATED, "The login came with a request from another page than this "
                    + "application's, which may not use it.", requestId);
        }
        if (principal == null) {
            return Responses.error(ErrorCode.UNAUTHENTICATED, "No user is logged in to this request.", requestId,
                    config.web().authChallenge().map(challenge -> Map.of("WWW-Authenticate", challenge)).orElse(Map.of()));
        }
        if (!config.identity().rolesAllowed().isEmpty() && config.identity().rolesAllowed().stream().noneMatch(request::isUserInRole)) {
            return Responses.error(ErrorCode.NO_CHAT_ACCESS, String.format(
                    "User '%s' has none of the roles allowed to chat.", principal.getName()), requestId);
        }
        limits.user(principal.getName());
        ChatUser user = sdk.resolveUser(principal, request::attribute, request::isUserInRole);
        ChatTokens tokens = sdk.issue(user);
        String recorded = sessionEnds.recordedId(tokens.sessionId(), user.id());
        if (recorded != null && sessionEnds.settle(request.recordChatSession(user.id(), recorded), user.id(), recorded)) {
            return Responses.error(ErrorCode.UNAUTHENTICATED, "The login ended while these tokens were being issued; "
                    + "they were revoked.", requestId, Map.of());
        }
        return Responses.tokens(tokens, requestId, browser.cookies() && tokens.refreshToken() != null
                ? browser.setCookie(tokens.refreshToken()) : null);
    }

    /**
     * @return whether a browser sends this login by itself, with any page's request: a session cookie (no header) or
     *         credentials it remembers (BASIC, Digest, Negotiate); never a bearer token, which only a script adds
     */
    private static boolean ambientLogin(String authorization) {
        return authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** The key, the caller's budget and the content type decide first; only then is the body read. */
    private ChatExchange.Step issueForApiCaller(ChatRequest request, String requestId) {
        apiKeys.require(request);
        limits.apiKey(request.header("X-API-Key"));
        if (!RequestBodies.isJson(request.header("Content-Type"))) {
            return ChatExchange.Step.answer(Responses.error(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be sent as application/json.", requestId));
        }
        return ChatExchange.Step.body(body -> Responses.tokens(sdk.issue(RequestBodies.user(body)), requestId));
    }

    /** The public keys of RS256/ES256 tokens, for verifiers; none with HS256 (404, like any unknown path). */
    private ChatResponse jwks(ChatRequest request, String requestId) {
        java.util.List<Map<String, Object>> keys = sdk.issuer().jwks();
        return keys.isEmpty() ? notFound(request.path(), requestId) : Responses.ok(Map.of("keys", keys), requestId);
    }

    /** 404 naming the path, cut to {@link #ECHOED_PATH} characters: an answer is no place to mirror a client's input. */
    private static ChatResponse notFound(String path, String requestId) {
        String shown = path.length() <= ECHOED_PATH ? path : path.substring(0, ECHOED_PATH) + "…";
        return Responses.error(ErrorCode.NOT_FOUND, String.format("No ChatSDK endpoint at '%s'.", shown), requestId);
    }

    private ChatResponse revokeUser(ChatRequest request, String requestId, String userId) {
        apiKeys.require(request);
        String problem = ChatUser.idProblem(userId);
        if (problem != null) {
            throw new ChatSdkException(ErrorCode.INVALID_USER_ID, problem);
        }
        int revoked = sdk.revokeUser(userId);
        return Responses.ok(Map.of("userId", userId, "revokedSessions", revoked), requestId);
    }

    private static ChatResponse methodNotAllowed(String method, String allowed, String requestId) {
        return Responses.error(ErrorCode.METHOD_NOT_ALLOWED,
                String.format("Method %s is not allowed here; use %s.", method, allowed), requestId,
                Map.of("Allow", allowed));
    }

    private static String requestId(String offered) {
        return offered != null && REQUEST_ID.matcher(offered).matches() ? offered : newRequestId();
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id correlates log lines and answers and
     * guards nothing, so it needs no {@code SecureRandom}, whose shared source every request would otherwise queue on.
     * Session and token ids stay {@code SecureRandom}'s.
     */
    static String newRequestId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    @Override
    public String toString() {
        return "ChatTokenService[tokenPath=" + config.web().tokenPath() + ", apiBase=" + config.web().apiBase() + ", tokenApi="
                + (apiKeys.on() ? "on" : "off") + "]";
    }
}
