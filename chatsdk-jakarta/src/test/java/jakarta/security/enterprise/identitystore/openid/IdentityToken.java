package jakarta.security.enterprise.identitystore.openid;

import java.util.Map;

/** Test fake of Jakarta Security's interface of the same name: the part the module reads. */
public interface IdentityToken {
    Map<String, Object> getClaims();
}
