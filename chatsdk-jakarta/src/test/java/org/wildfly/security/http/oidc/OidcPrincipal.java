package org.wildfly.security.http.oidc;

import java.security.Principal;

/** Test fake of WildFly's {@code elytron-http-oidc} principal: its name is the {@code principal-attribute} claim. */
public class OidcPrincipal<T extends OidcSecurityContext> implements Principal {
    private final String name;
    private final T context;

    public OidcPrincipal(String name, T context) {
        this.name = name;
        this.context = context;
    }

    public T getOidcSecurityContext() {
        return context;
    }

    @Override
    public String getName() {
        return name;
    }
}
