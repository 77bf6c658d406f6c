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
    public static final Setting<String> USER_ATTRIBUTE = Setting.trimmed("chatsdk.identity.user-attribute", null)
            .asFreeText();
    /** Whether the user object's id must equal the authenticated principal's name; default {@code true}. */
    public static final Setting<Boolean> REQUIRE_PRINCIPAL_MATCH = Setting.bool(
            "chatsdk.identity.require-principal-match", true, "CHATSDK-072");
    /**
     * The claim of a claims-carrying principal (MicroProfile JWT, OpenID Connect) whose value is the chat user id;
     * unset: the principal's name.
     */
    public static final Setting<String> CLAIM_USER_ID = Setting.trimmed("chatsdk.identity.claims.user-id", null);
    /** Claims tried in order for the user's display name (comma-separated); default {@code name,preferred_username}. */
    public static final Setting<List<String>> CLAIM_NAME = Setting.list("chatsdk.identity.claims.name")
            .withDefault(List.of("name", "preferred_username"));
    /** Claims tried in order for the user's avatar URL (comma-separated); default {@code picture}. */
    public static final Setting<List<String>> CLAIM_AVATAR = Setting.list("chatsdk.identity.claims.avatar")
            .withDefault(List.of("picture"));
    /** Claims tried in order for the user's email (comma-separated); default {@code email}. */
    public static final Setting<List<String>> CLAIM_EMAIL = Setting.list("chatsdk.identity.claims.email")
            .withDefault(List.of("email"));
    /** Claims of a claims-carrying principal copied into {@code custom} (comma-separated). */
    public static final Setting<List<String>> CLAIM_CUSTOM = Setting.list("chatsdk.identity.claims.custom");
    /** The former name of {@link #CLAIM_CUSTOM}, still read; setting both is a configuration problem. */
    public static final Setting<List<String>> JWT_CLAIMS = Setting.list("chatsdk.identity.jwt-claims");
    /** Roles whose holders get them listed in {@code custom.roles} (comma-separated). */
    public static final Setting<List<String>> ROLE_CLAIMS = Setting.list("chatsdk.identity.role-claims");
    /** Roles allowed to get chat tokens (comma-separated); empty: any authenticated user. */
    public static final Setting<List<String>> ROLES_ALLOWED = Setting.list("chatsdk.access.roles-allowed");


    private final String userAttribute;
    private final boolean requirePrincipalMatch;
    private final String userIdClaim;
    private final List<String> nameClaims;
    private final List<String> avatarClaims;
    private final List<String> emailClaims;
    private final List<String> customClaims;
    private final List<String> roleClaims;
    private final Set<String> rolesAllowed;

    private IdentityConfig(ConfigValues v) {
        this.userAttribute = v.get(USER_ATTRIBUTE);
        this.requirePrincipalMatch = v.get(REQUIRE_PRINCIPAL_MATCH);
        this.userIdClaim = v.get(CLAIM_USER_ID);
        this.nameClaims = List.copyOf(v.get(CLAIM_NAME));
        this.avatarClaims = List.copyOf(v.get(CLAIM_AVATAR));
        this.emailClaims = List.copyOf(v.get(CLAIM_EMAIL));
        this.customClaims = List.copyOf(v.isSet(CLAIM_CUSTOM) ? v.get(CLAIM_CUSTOM) : v.get(JWT_CLAIMS));
        this.roleClaims = List.copyOf(v.get(ROLE_CLAIMS));
        this.rolesAllowed = Set.copyOf(new LinkedHashSet<>(v.get(ROLES_ALLOWED)));
    }

    /**
     * @param v the values; this part's problems are added to them
     * @return the part
     */
    public static IdentityConfig from(ConfigValues v) {
        for (Setting<List<String>> claims : List.of(CLAIM_NAME, CLAIM_AVATAR, CLAIM_EMAIL, CLAIM_CUSTOM, JWT_CLAIMS)) {
            v.check(claims);
            for (String claim : v.get(claims)) {
                claimName(v, claims, claim);
            }
        }
        if (v.get(CLAIM_USER_ID) != null) {
            claimName(v, CLAIM_USER_ID, v.get(CLAIM_USER_ID));
        }
        if (v.isSet(CLAIM_CUSTOM) && v.isSet(JWT_CLAIMS)) {
            v.add("CHATSDK-074: both %s and its former name %s are set; keep %s alone", v.where(CLAIM_CUSTOM),
                    v.where(JWT_CLAIMS), CLAIM_CUSTOM.key());
        }
        v.check(ROLE_CLAIMS);
        v.check(ROLES_ALLOWED);
        return new IdentityConfig(v);
    }

    /** Adds CHATSDK-073 for a claim name with whitespace or a comma inside, or an empty user-id claim (an empty list entry is CHATSDK-035's). */
    private static void claimName(ConfigValues v, Setting<?> setting, String claim) {
        boolean single = setting == CLAIM_USER_ID;
        if ((single || !claim.isEmpty()) && !claim.matches("[^\\s,]+")) {
            v.add("CHATSDK-073: %s has '%s', which is no claim name (empty, or whitespace or a comma inside); write the claim's "
                    + "name as the token has it, such as preferred_username%s", v.where(setting), claim,
                    single ? " (one claim: the user id is never taken from a second one)" : "");
        }
    }

    /** @return the request or session attribute holding the application's user object; empty unless set */
    public Optional<String> userAttribute() {
        return Optional.ofNullable(userAttribute);
    }

    /** @return whether the user id of the {@link #userAttribute()} object must equal the principal's name */
    public boolean requirePrincipalMatch() {
        return requirePrincipalMatch;
    }

    /** @return the claim whose value is the chat user id; empty: the principal's name */
    public Optional<String> userIdClaim() {
        return Optional.ofNullable(userIdClaim);
    }

    /** @return the claims tried in order for the display name */
    public List<String> nameClaims() {
        return nameClaims;
    }

    /** @return the claims tried in order for the avatar URL */
    public List<String> avatarClaims() {
        return avatarClaims;
    }

    /** @return the claims tried in order for the email */
    public List<String> emailClaims() {
        return emailClaims;
    }

    /** @return the claims copied into {@code custom}: {@link #CLAIM_CUSTOM}, else the former {@link #JWT_CLAIMS} */
    public List<String> customClaims() {
        return customClaims;
    }

    /** @return the same as {@link #customClaims()}, under the name of the former key */
    public List<String> jwtClaims() {
        return customClaims;
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
                + ", userIdClaim=" + userIdClaim
                + ", nameClaims=" + nameClaims + ", avatarClaims=" + avatarClaims + ", emailClaims=" + emailClaims
                + ", customClaims=" + customClaims + ", roleClaims=" + roleClaims + ", rolesAllowed=" + rolesAllowed + "]";
    }
}
