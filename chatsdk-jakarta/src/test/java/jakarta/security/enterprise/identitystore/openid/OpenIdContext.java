package jakarta.security.enterprise.identitystore.openid;

import jakarta.json.JsonObject;

/** Test fake of Jakarta Security's interface of the same name: the part the module reads. */
public interface OpenIdContext {
    String getSubject();

    IdentityToken getIdentityToken();

    JsonObject getClaimsJson();
}
