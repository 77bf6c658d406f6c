/**
 * Extension points: {@link dev.chatsdk.jakarta.spi.TokenIssuer} with its
 * {@link dev.chatsdk.jakarta.spi.TokenIssuerFactory}, {@link dev.chatsdk.jakarta.spi.SessionStore},
 * {@link dev.chatsdk.jakarta.spi.RateLimiter}, {@link dev.chatsdk.jakarta.spi.ChatUserResolver} and
 * {@link dev.chatsdk.jakarta.spi.ChatEventListener}. Each is discovered in this order: given in code to
 * {@code ChatSdk.builder()}, then {@link java.util.ServiceLoader}, then the built-in default; event listeners are all
 * used, those given in code first, and CDI observers receive the same events.
 *
 * <h2>One shape for extension: required methods, and optional capabilities as default methods</h2>
 *
 * <p>The module reaches issuers and stores only through these interfaces, never through the built-in classes: what
 * the built-in {@code local} and {@code remote} issuers and the {@code memory} and {@code jdbc} stores can do beyond
 * the basics is a default method here, which an implementation of the application's own overrides to offer the same.
 * A default answers the way the endpoints need when the capability is absent.
 *
 * <table>
 * <caption>Optional capabilities</caption>
 * <tr><th>Method</th><th>Serves</th><th>Default</th></tr>
 * <tr><td>{@link dev.chatsdk.jakarta.spi.TokenIssuer#refreshWithResult}</td><td>refresh, and the retry flag of
 *     metrics and {@code TokenRefreshed}</td><td>{@code refresh}, no retry</td></tr>
 * <tr><td>{@link dev.chatsdk.jakarta.spi.TokenIssuer#revokeUser}</td><td>{@code ChatSdk.revokeUser},
 *     {@code POST {api-base}/api/users/{userId}/revoke-tokens}</td><td>{@code TOKEN_API_DISABLED}</td></tr>
 * <tr><td>{@link dev.chatsdk.jakarta.spi.TokenIssuer#revokeUser(String, String)}</td><td>the application's logout
 *     or expiry with {@code chatsdk.web.logout-ends=user} / {@code expiry-ends=user}, telling why</td>
 *     <td>{@code revokeUser(userId)}</td></tr>
 * <tr><td>{@link dev.chatsdk.jakarta.spi.TokenIssuer#validatesTokens} with
 *     {@link dev.chatsdk.jakarta.spi.TokenIssuer#validate}</td><td>{@code GET {api-base}/tokens/validate},
 *     {@code /tokens/validate-ws}</td><td>{@code TOKEN_API_DISABLED}</td></tr>
 * <tr><td>{@link dev.chatsdk.jakarta.spi.TokenIssuer#jwks}</td><td>{@code GET {api-base}/.well-known/jwks.json}</td>
 *     <td>none: 404</td></tr>
 * <tr><td>{@link dev.chatsdk.jakarta.spi.TokenIssuer#health}</td><td>{@code GET {api-base}/health}, MicroProfile
 *     Health, {@code ChatSdk.health()}</td><td>UP, {@code issuer.class}</td></tr>
 * <tr><td>{@link dev.chatsdk.jakarta.spi.TokenIssuer#logoutEndsSession}</td><td>the logout answer's
 *     {@code reason}</td><td>{@code true}</td></tr>
 * <tr><td>{@link dev.chatsdk.jakarta.spi.SessionStore#health}</td><td>the health report's {@code sessionStore*}</td>
 *     <td>UP, not checked</td></tr>
 * <tr><td>{@link dev.chatsdk.jakarta.spi.SessionStore#onEviction}</td><td>eviction events and metrics</td>
 *     <td>ignored</td></tr>
 * </table>
 *
 * <p>A factory builds its issuer from one {@link dev.chatsdk.jakarta.spi.IssuerContext}: configuration, clock, the
 * session store (made on first use) and a listener for calls to an upstream API. For example, an issuer selected by
 * {@code chatsdk.issuer=acme} and listed in {@code META-INF/services/dev.chatsdk.jakarta.spi.TokenIssuerFactory}:
 *
 * <pre>{@code
 * public final class AcmeIssuerFactory implements TokenIssuerFactory {
 *     public String name() {
 *         return "acme";
 *     }
 *
 *     public TokenIssuer create(IssuerContext context) {
 *         return new AcmeIssuer(context.config(), context.clock(), context.sessionStore());
 *     }
 * }
 *
 * final class AcmeIssuer implements TokenIssuer {
 *     // issue, refresh and revoke(refreshToken) are required; then, to serve user-wide revocation and health:
 *     public int revokeUser(String userId) {
 *         return sessions.revokeUser(userId, clock.instant());
 *     }
 *
 *     public Health health(Duration deadline) {
 *         return Health.up(Map.of("acme.keyId", keyId));
 *     }
 * }
 * }</pre>
 *
 * <p>Or give the instances in code: {@code ChatSdk.builder().config(config).issuer(new AcmeIssuer(…))
 * .sessionStore(store).build()}; the store given there is the one the health report checks.
 */
package dev.chatsdk.jakarta.spi;
