package org.wildfly.security.http.oidc;

/** Test fake of WildFly's subclass of the context, which its OIDC mechanism actually puts in the principal. */
public class RefreshableOidcSecurityContext extends OidcSecurityContext {
    public RefreshableOidcSecurityContext(AccessToken token, IDToken idToken) {
        super(token, idToken);
    }
}
