package dev.chatsdk.jakarta.web;

import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.health.ChatSdkHealth;
import dev.chatsdk.jakarta.health.HealthReport;
import dev.chatsdk.jakarta.observe.WithheldMessages;
import dev.chatsdk.jakarta.remote.UpstreamUnavailableException;
import dev.chatsdk.jakarta.token.LocalTokenIssuer;

/**
 * All request handling, independent of the web framework: routing, authentication of the caller,
 * access rules, and the JSON answer. Adapters (servlet filter, JAX-RS resource) only translate a
 * request into a {@link ChatRequest} and write the {@link ChatResponse} back. Thread-safe.
 */
public final class ChatTokenService {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.web");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String REVOKE_USER_PATH = "/api/users/{userId}/revoke-tokens";
    private static final Pattern REVOKE_USER = Pattern.compile(REVOKE_USER_PATH.replace("{userId}", "([^/]+)"));

    /** One endpoint: its method, and what answers it. */
    private interface Handler {
        ChatResponse handle(ChatRequest request, String requestId) throws IOException;
    }

    private static final class Route {
        final String method;
        final Handler handler;

        Route(String method, Handler handler) {
            this.method = method;
            this.handler = handler;
        }
    }

    private final ChatSdk sdk;
    private final ChatSdkConfig config;
    private final ApiKeys apiKeys;
    private final SessionEndpoints sessions;
    private final RateLimits limits;
    private final BrowserMode browser;
    private final Map<String, Route> api;
    private final ChatSdkHealth health;
    private final RequestTelemetry telemetry;

    public ChatTokenService(ChatSdk sdk) {
        this.sdk = sdk;
        this.config = sdk.config();
        this.apiKeys = new ApiKeys(sdk.issuer() instanceof LocalTokenIssuer ? config.apiKeys() : java.util.List.of());
        this.browser = new BrowserMode(config);
        this.sessions = new SessionEndpoints(sdk, browser);
        ClientAddresses addresses = new ClientAddresses(config);
        this.limits = new RateLimits(config, sdk.rateLimiter(), sdk.clock(), addresses);
        this.health = new ChatSdkHealth(sdk);
        this.telemetry = new RequestTelemetry(config, sdk.telemetry(), addresses);
        Route issue = new Route("POST", this::issueForApiCaller);
        Route refresh = new Route("POST", byClient(sessions::refresh));
        Route logout = new Route("POST", byClient(sessions::logout));
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
        if (config.healthEnabled()) {
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
        boolean details = config.healthDetails() || presentsHealthKey(request);
        HealthReport report = health.check();
        return Responses.status(report.up() ? 200 : 503, report.json(details), requestId);
    }

    /** @return whether the request carries a valid API key; {@code false} when it carries none */
    private boolean presentsHealthKey(ChatRequest request) {
        if (request.headers("X-API-Key").isEmpty()) {
            return false;
        }
        if (apiKeys.isEmpty()) {
            throw new ChatSdkException(ErrorCode.INVALID_API_KEY, String.format("No API key shows the health details "
                    + "here; ask without X-API-Key, or set '%s'.", ChatSdkConfig.Keys.HEALTH_DETAILS));
        }
        requireApiKey(request);
        return true;
    }

    /** @return the module this service answers for */
    public ChatSdk sdk() {
        return sdk;
    }

    /** @return whether the path (below the context root) is one this service answers */
    public boolean serves(String path) {
        return path.equals(config.tokenPath()) || path.equals(config.apiBase())
                || path.startsWith(config.apiBase() + "/");
    }

    /**
     * @return every endpoint this service answers, as {@code "METHOD /path"} below the context root, with
     *         {@code {userId}} for the variable part (what the shipped OpenAPI document must describe)
     */
    public java.util.SortedSet<String> routes() {
        java.util.SortedSet<String> routes = new java.util.TreeSet<>();
        routes.add("GET " + config.tokenPath());
        routes.add("POST " + config.tokenPath());
        api.forEach((path, route) -> routes.add(route.method + " " + config.apiBase() + path));
        routes.add("POST " + config.apiBase() + REVOKE_USER_PATH);
        return routes;
    }

    /**
     * Answers a request whose path {@link #serves(String) is served}; any other path gets 404.
     *
     * @return the response; never {@code null}, never an exception
     */
    public ChatResponse handle(ChatRequest request) {
        String requestId = requestId(request.header("X-Request-ID"));
        RequestTelemetry.Scope observed = telemetry.begin(request);
        ChatResponse response = null;
        try {
            ChatResponse preflight = browser.preflight(request, requestId);
            response = preflight != null ? preflight
                    : Responses.withHeaders(routeSafely(request, requestId), browser.cors(request));
            return response;
        } finally {
            telemetry.end(observed, request, response);
            RequestBodies.discardRest(request);
        }
    }

    private ChatResponse routeSafely(ChatRequest request, String requestId) {
        try {
            return route(request, requestId);
        } catch (ChatSdkConfigException e) {
            LOG.log(System.Logger.Level.ERROR, "CHATSDK-202: request " + requestId + " met a mapping problem: "
                    + e.getMessage());
            return Responses.error(ErrorCode.INTERNAL_ERROR, "The application's user mapping is wrong; the server log "
                    + "names the problem under this requestId.", requestId);
        } catch (RateLimits.Exceeded e) {
            return Responses.error(e.code(), e.getMessage(), requestId, e.headers(), e.retryAfterSeconds);
        } catch (UpstreamUnavailableException e) {
            return Responses.error(e.code(), e.getMessage(), requestId, e.retryAfterSeconds());
        } catch (ChatSdkException e) {
            return Responses.error(e.code(), e.getMessage(), requestId);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "CHATSDK-201: request " + requestId + " body could not be read", e);
            return Responses.error(ErrorCode.MALFORMED_JSON, "The request body could not be read completely.", requestId);
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            LOG.log(System.Logger.Level.ERROR, "CHATSDK-200: request " + requestId + " failed unexpectedly with "
                    + e.getClass().getName() + " (messages withheld: they may quote a header or a credential)",
                    WithheldMessages.of(e));
            return Responses.error(ErrorCode.INTERNAL_ERROR,
                    "The request failed unexpectedly; the server log has the details under this requestId.", requestId);
        }
    }

    private ChatResponse route(ChatRequest request, String requestId) throws IOException {
        String path = request.path();
        if (path.equals(config.tokenPath())) {
            String method = request.method();
            if (!method.equals("POST") && !method.equals("GET")) {
                return methodNotAllowed(method, "GET, POST", requestId);
            }
            return issueForPrincipal(request, requestId);
        }
        String sub = path.startsWith(config.apiBase() + "/") ? path.substring(config.apiBase().length()) : "";
        Route route = api.get(sub);
        Matcher revokeUser = REVOKE_USER.matcher(sub);
        if (route == null && revokeUser.matches()) {
            route = new Route("POST", (r, id) -> revokeUser(r, id, revokeUser.group(1)));
        }
        if (route == null) {
            return Responses.error(ErrorCode.NOT_FOUND, String.format("No ChatSDK endpoint at '%s'.", path), requestId);
        }
        if (!request.method().equals(route.method)) {
            return methodNotAllowed(request.method(), route.method, requestId);
        }
        return route.handler.handle(request, requestId);
    }

    private ChatResponse issueForPrincipal(ChatRequest request, String requestId) {
        Principal principal = request.principal();
        if (principal == null) {
            return Responses.error(ErrorCode.UNAUTHENTICATED, "No user is logged in to this request.", requestId,
                    config.authChallenge().map(challenge -> Map.of("WWW-Authenticate", challenge)).orElse(Map.of()));
        }
        if (!config.rolesAllowed().isEmpty() && config.rolesAllowed().stream().noneMatch(request::isUserInRole)) {
            return Responses.error(ErrorCode.NO_CHAT_ACCESS, String.format(
                    "User '%s' has none of the roles allowed to chat.", principal.getName()), requestId);
        }
        limits.user(principal.getName());
        ChatUser user = sdk.resolveUser(principal, request::attribute, request::isUserInRole);
        ChatTokens tokens = sdk.issue(user);
        return Responses.tokens(tokens, requestId, browser.cookies() && tokens.refreshToken() != null
                ? browser.setCookie(tokens.refreshToken()) : null);
    }

    private ChatResponse issueForApiCaller(ChatRequest request, String requestId) throws IOException {
        requireApiKey(request);
        limits.apiKey(request.header("X-API-Key"));
        if (!RequestBodies.isJson(request.header("Content-Type"))) {
            return Responses.error(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be sent as application/json.", requestId);
        }
        ChatUser user = RequestBodies.user(RequestBodies.readBounded(request, config.maxBodySize()));
        return Responses.tokens(sdk.issue(user), requestId);
    }

    /** The public keys of RS256/ES256 tokens, for verifiers; none with HS256 (404, like any unknown path). */
    private ChatResponse jwks(ChatRequest request, String requestId) {
        if (sdk.issuer() instanceof LocalTokenIssuer && !((LocalTokenIssuer) sdk.issuer()).jwks().isEmpty()) {
            return Responses.ok(Map.of("keys", ((LocalTokenIssuer) sdk.issuer()).jwks()), requestId);
        }
        return Responses.error(ErrorCode.NOT_FOUND, String.format("No ChatSDK endpoint at '%s'.", request.path()),
                requestId);
    }

    private ChatResponse revokeUser(ChatRequest request, String requestId, String userId) {
        requireApiKey(request);
        int revoked = sdk.revokeUser(userId);
        return Responses.ok(Map.of("userId", userId, "revokedSessions", revoked), requestId);
    }

    /** @throws ChatSdkException unless the request carries one of the configured API keys */
    private void requireApiKey(ChatRequest request) {
        if (!(sdk.issuer() instanceof LocalTokenIssuer)) {
            throw new ChatSdkException(ErrorCode.TOKEN_API_DISABLED, "The token API is off with the remote issuer; "
                    + "it must not relay this server's API key for callers.");
        }
        if (apiKeys.isEmpty()) {
            throw new ChatSdkException(ErrorCode.TOKEN_API_DISABLED, String.format(
                    "The token API is off because '%s' is not set.", ChatSdkConfig.Keys.API_KEY));
        }
        limits.beforeApiKey(request);
        String key = request.header("X-API-Key");
        if (key == null || key.isBlank()) {
            limits.failedApiKey(request);
            throw new ChatSdkException(ErrorCode.MISSING_API_KEY, "The X-API-Key header is missing.");
        }
        if (request.headers("X-API-Key").size() > 1) {
            // which of two keys would count differs from server to server (first, last, joined): refuse both
            limits.failedApiKey(request);
            throw new ChatSdkException(ErrorCode.INVALID_API_KEY, "Send one X-API-Key header, not several.");
        }
        if (!apiKeys.matches(key)) {
            limits.failedApiKey(request);
            throw new ChatSdkException(ErrorCode.INVALID_API_KEY, "The X-API-Key header does not hold a valid API key.");
        }
    }

    private static ChatResponse methodNotAllowed(String method, String allowed, String requestId) {
        return Responses.error(ErrorCode.METHOD_NOT_ALLOWED,
                String.format("Method %s is not allowed here; use %s.", method, allowed), requestId,
                Map.of("Allow", allowed));
    }

    private static String requestId(String offered) {
        return offered != null && REQUEST_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    @Override
    public String toString() {
        return "ChatTokenService[tokenPath=" + config.tokenPath() + ", apiBase=" + config.apiBase() + ", tokenApi="
                + (apiKeys.isEmpty() ? "off" : "on") + "]";
    }
}
