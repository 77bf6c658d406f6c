package org.wildfly.security.http.oidc;

/** Test fake of WildFly's {@code elytron-http-oidc} type of the same name: a bearer-only login has no ID token. */
public class OidcSecurityContext {
    private final AccessToken token;
    private final IDToken idToken;

    public OidcSecurityContext(AccessToken token, IDToken idToken) {
        this.token = token;
        this.idToken = idToken;
    }

    public AccessToken getToken() {
        return token;
    }

    public IDToken getIDToken() {
        return idToken;
    }
}
