package org.wildfly.security.http.oidc;

import java.util.Map;

/** Test fake of WildFly's {@code elytron-http-oidc} type of the same name. */
public class AccessToken extends JsonWebToken {
    public AccessToken(Map<String, Object> claims) {
        super(claims);
    }
}
