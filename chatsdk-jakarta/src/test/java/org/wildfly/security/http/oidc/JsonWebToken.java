package org.wildfly.security.http.oidc;

import java.util.Map;

/** Test fake of WildFly's {@code elytron-http-oidc} type of the same name: the shape the module reads, claims in a map as jose4j parses them. */
public class JsonWebToken {
    private final Map<String, Object> claims;

    public JsonWebToken(Map<String, Object> claims) {
        this.claims = claims;
    }

    public Object getClaimValue(String name) {
        return claims.get(name);
    }
}
