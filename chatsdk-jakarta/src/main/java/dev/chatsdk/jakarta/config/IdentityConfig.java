package dev.chatsdk.jakarta.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who the user is and who may get tokens ({@code chatsdk.identity.*}, {@code chatsdk.access.roles-allowed}).
 * Immutable.
 *
 * @since 0.3
 */
public final class IdentityConfig {
    /** Name of a request (then session) attribute holding the application's annotated user object. */
    public static final Setting<String> USER_ATTRIBUTE = Setting.trimmed("chatsdk.identity.user-attribute", null);
    /** Whether the user object's id must equal the authenticated principal's name; default {@code true}. */
    public static final Setting<Boolean> REQUIRE_PRINCIPAL_MATCH = Setting.bool(
            "chatsdk.identity.require-principal-match", true, "CHATSDK-072");
    /** MicroProfile JWT claims copied into {@code custom} (comma-separated). */
    public static final Setting<List<String>> JWT_CLAIMS = Setting.list("chatsdk.identity.jwt-claims");
    /** Roles whose holders get them listed in {@code custom.roles} (comma-separated). */
    public static final Setting<List<String>> ROLE_CLAIMS = Setting.list("chatsdk.identity.role-claims");
    /** Roles allowed to get chat tokens (comma-separated); empty: any authenticated user. */
    public static final Setting<List<String>> ROLES_ALLOWED = Setting.list("chatsdk.access.roles-allowed");


    private final String userAttribute;
    private final boolean requirePrincipalMatch;
    private final List<String> jwtClaims;
    private final List<String> roleClaims;
    private final Set<String> rolesAllowed;

    private IdentityConfig(ConfigValues v) {
        this.userAttribute = v.get(USER_ATTRIBUTE);
        this.requirePrincipalMatch = v.get(REQUIRE_PRINCIPAL_MATCH);
        this.jwtClaims = List.copyOf(v.get(JWT_CLAIMS));
        this.roleClaims = List.copyOf(v.get(ROLE_CLAIMS));
        this.rolesAllowed = Set.copyOf(new LinkedHashSet<>(v.get(ROLES_ALLOWED)));
    }

    /**
     * @param v the values; this part's problems are added to them
     * @return the part
     */
    public static IdentityConfig from(ConfigValues v) {
        v.check(JWT_CLAIMS);
        v.check(ROLE_CLAIMS);
        v.check(ROLES_ALLOWED);
        return new IdentityConfig(v);
    }

    /** @return the request or session attribute holding the application's user object; empty unless set */
    public Optional<String> userAttribute() {
        return Optional.ofNullable(userAttribute);
    }

    /** @return whether the user id of the {@link #userAttribute()} object must equal the principal's name */
    public boolean requirePrincipalMatch() {
        return requirePrincipalMatch;
    }

    /** @return MicroProfile JWT claims copied into {@code custom} */
    public List<String> jwtClaims() {
        return jwtClaims;
    }

    /** @return roles listed in {@code custom.roles} when the user has them */
    public List<String> roleClaims() {
        return roleClaims;
    }

    /** @return roles allowed to get tokens; empty means any authenticated user */
    public Set<String> rolesAllowed() {
        return rolesAllowed;
    }

    @Override
    public String toString() {
        return "identity[userAttribute=" + userAttribute + ", requirePrincipalMatch=" + requirePrincipalMatch
                + ", jwtClaims=" + jwtClaims + ", roleClaims=" + roleClaims + ", rolesAllowed=" + rolesAllowed + "]";
    }
}
