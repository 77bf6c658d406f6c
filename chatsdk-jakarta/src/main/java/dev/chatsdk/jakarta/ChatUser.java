package dev.chatsdk.jakarta;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A ChatSDK user as tokens describe it: an id and an optional profile (name, avatar, email and
 * custom claims that the chat client reads back).
 *
 * <p>Build one with {@link #builder(String)}. The id is checked when the user is built. This class
 * is immutable and thread-safe; {@link #custom()} is an unmodifiable copy.
 *
 * @since 0.1
 */
public final class ChatUser {
    /** Longest accepted user id, in UTF-16 chars. */
    public static final int MAX_ID_LENGTH = 255;
    /** Longest accepted display name, in UTF-16 chars. */
    public static final int MAX_NAME_LENGTH = 255;
    /** Longest accepted avatar URL, in chars. */
    public static final int MAX_AVATAR_LENGTH = 2048;
    /** Longest accepted email address, in UTF-16 chars (the 254 of RFC 5321's forward path). */
    public static final int MAX_EMAIL_LENGTH = 254;
    /** Most top-level keys in {@link #custom()}. */
    public static final int MAX_CUSTOM_KEYS = 32;
    /** Largest {@link #custom()} written as JSON, in UTF-8 bytes. */
    public static final int MAX_CUSTOM_BYTES = 2048;
    /**
     * Largest profile as a whole, in UTF-8 bytes of the JSON object {@code {"name","avatar","email","custom"}} (absent
     * fields as {@code null}, as the JDBC store's {@code profile} column holds it). Room for the longest avatar URL
     * with a name; small enough that the largest profile, with the longest user id, signs an access token of at most
     * about 6 KiB: {@code Authorization: Bearer <token>} then fits a container's default 8 KiB request-header limit,
     * and the token stays under the 8 KiB the module accepts back ({@code TokenShape.MAX_LENGTH}).
     */
    public static final int MAX_PROFILE_BYTES = 2304;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final String name;
    private final String avatar;
    private final String email;
    private final Map<String, Object> custom;

    private ChatUser(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.avatar = b.avatar;
        this.email = b.email;
        this.custom = b.custom.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(b.custom));
    }

    /**
     * Starts a user with the given id.
     *
     * @param id the user id (1–255 chars, no {@code ':'}, no control characters, no {@code '/'}, {@code '\'} or
     *           {@code '%'}, not {@code "."} or {@code ".."}: see {@link #idProblem(String)})
     * @return a builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * @param id the user id
     * @return a user with that id and no profile
     * @throws ChatSdkException with {@link ErrorCode#INVALID_USER_ID} if the id breaks the rules
     */
    public static ChatUser of(String id) {
        return builder(id).build();
    }

    /** @return a builder holding this user's id and profile, to derive another user */
    public Builder toBuilder() {
        return builder(id).name(name).avatar(avatar).email(email).custom(custom);
    }

    /** @return the user id; never {@code null} */
    public String id() {
        return id;
    }

    /** @return the display name, if known */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** @return the avatar URL, if known */
    public Optional<String> avatar() {
        return Optional.ofNullable(avatar);
    }

    /** @return the email address, if known */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** @return the custom claims (never {@code null}, possibly empty, unmodifiable) */
    public Map<String, Object> custom() {
        return custom;
    }

    /**
     * Checks a user id against the rules of docs/http-api.md#request-bodies: 1 to {@value #MAX_ID_LENGTH} UTF-16 chars, no {@code ':'} (it
     * separates app id and user id in {@code sub}), no control character, no unpaired surrogate; and no id that
     * {@code POST {api-base}/api/users/{userId}/revoke-tokens} could not name on every container: none with
     * {@code '/'} or {@code '\'} (Jetty, Tomcat and Grizzly refuse them encoded too), none with {@code '%'} (Jetty
     * refuses {@code %25}), and neither {@code "."} nor {@code ".."} (dot segments).
     *
     * @param id the candidate id
     * @return {@code null} when the id is valid, otherwise the sentence that says why not
     */
    public static String idProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "The user id is empty.";
        }
        if (id.length() > MAX_ID_LENGTH) {
            return String.format("The user id is %d characters long; the limit is %d.", id.length(), MAX_ID_LENGTH);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == ':') {
                return "The user id contains ':', which separates the app id from the user id in 'sub'.";
            }
            if (Character.isISOControl(c)) {
                return String.format("The user id contains a control character at position %d.", i);
            }
            if (c == '/' || c == '\\' || c == '%') {
                return String.format("The user id contains '%s', which servlet containers refuse in a request path even "
                        + "percent-encoded, so the revoke-tokens endpoint could not name the user.", c);
            }
        }
        int surrogate = unpairedSurrogate(id);
        if (surrogate >= 0) {
            return String.format("The user id contains an unpaired UTF-16 surrogate at position %d, which UTF-8 cannot "
                    + "encode.", surrogate);
        }
        if (id.equals(".") || id.equals("..")) {
            return String.format("The user id is '%s', a dot segment, which no request path can carry, so the "
                    + "revoke-tokens endpoint could not name the user.", id);
        }
        return null;
    }

    /**
     * @return the UTF-8 length of the profile written as {@code {"name","avatar","email","custom"}} (absent fields as
     *         {@code null}), the form a session store keeps and {@link #MAX_PROFILE_BYTES} bounds
     */
    static int profileBytes(String name, String avatar, String email, Map<String, Object> custom) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", name);
        profile.put("avatar", avatar);
        profile.put("email", email);
        profile.put("custom", custom);
        try {
            return JSON.writeValueAsBytes(profile).length;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ChatSdkException(ErrorCode.INVALID_REQUEST, "Field 'custom' holds a value that cannot be written "
                    + "as JSON.");
        }
    }

    /**
     * An upper bound of {@link #profileBytes} without custom claims, without writing anything: JSON writes a UTF-16
     * unit as at most six bytes ({@code \\u001f}), so a profile of a usual size is known to be within the limit
     * before it is serialized (which was a twentieth of every token request).
     *
     * @return at least the UTF-8 length of {@code {"name":…,"avatar":…,"email":…,"custom":{}}}
     */
    static long profileBound(String name, String avatar, String email) {
        return 40L + fieldBound(name) + fieldBound(avatar) + fieldBound(email);
    }

    private static long fieldBound(String value) {
        return value == null ? 4 : 2 + 6L * value.length();
    }

    /**
     * @return the index of the first UTF-16 surrogate without its partner, or -1: such a string has no UTF-8 form, and
     *         encoding it would silently sign a different string ({@code ?} in its place)
     */
    static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ChatUser)) {
            return false;
        }
        ChatUser other = (ChatUser) o;
        return id.equals(other.id) && Objects.equals(name, other.name) && Objects.equals(avatar, other.avatar)
                && Objects.equals(email, other.email) && custom.equals(other.custom);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, avatar, email, custom);
    }

    @Override
    public String toString() {
        return "ChatUser[id=" + id + ", name=" + name + "]";
    }

    /** Builds a {@link ChatUser}. Not thread-safe; use one builder per thread. */
    public static final class Builder {
        private final String id;
        private String name;
        private String avatar;
        private String email;
        private final Map<String, Object> custom = new LinkedHashMap<>();

        private Builder(String id) {
            this.id = id;
        }

        /**
         * @param name display name, or {@code null} for none
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param avatar avatar URL, or {@code null} for none
         * @return this builder
         */
        public Builder avatar(String avatar) {
            this.avatar = avatar;
            return this;
        }

        /**
         * @param email email address, or {@code null} for none
         * @return this builder
         */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /**
         * Adds custom claims; later values replace earlier ones with the same key.
         *
         * @param claims JSON-like values (String, Number, Boolean, List, Map, null); may be {@code null}
         * @return this builder
         */
        public Builder custom(Map<String, ?> claims) {
            if (claims != null) {
                custom.putAll(claims);
            }
            return this;
        }

        /**
         * Adds one custom claim.
         *
         * @param key   the claim name
         * @param value a JSON-like value
         * @return this builder
         */
        public Builder claim(String key, Object value) {
            custom.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * @return the user
         * @throws ChatSdkException with {@link ErrorCode#INVALID_USER_ID} if the id breaks the rules, or
         *                          {@link ErrorCode#INVALID_REQUEST} naming the field if the name, avatar, email or
         *                          custom claims exceed their limits, or naming them all if the profile as a whole
         *                          exceeds {@link #MAX_PROFILE_BYTES}
         */
        public ChatUser build() {
            String problem = idProblem(id);
            if (problem != null) {
                throw new ChatSdkException(ErrorCode.INVALID_USER_ID, problem);
            }
            encodable("name", name);
            encodable("avatar", avatar);
            encodable("email", email);
            if (name != null && name.length() > MAX_NAME_LENGTH) {
                throw invalid(String.format("Field 'name' is %d characters long; the limit is %d.", name.length(),
                        MAX_NAME_LENGTH));
            }
            if (avatar != null && !isWebUrl(avatar)) {
                throw invalid(String.format("Field 'avatar' must be an absolute http or https URL of at most %d "
                        + "characters.", MAX_AVATAR_LENGTH));
            }
            if (email != null && email.length() > MAX_EMAIL_LENGTH) {
                throw invalid(String.format("Field 'email' is %d characters long; the limit is %d.", email.length(),
                        MAX_EMAIL_LENGTH));
            }
            checkCustom();
            checkProfile();
            return new ChatUser(this);
        }

        /** The profile as a whole, as the session store keeps it and the tokens carry it, within {@link #MAX_PROFILE_BYTES}. */
        private void checkProfile() {
            if (custom.isEmpty() && profileBound(name, avatar, email) <= MAX_PROFILE_BYTES) {
                return;
            }
            int bytes = profileBytes(name, avatar, email, custom);
            if (bytes > MAX_PROFILE_BYTES) {
                throw invalid(String.format("Fields 'name', 'avatar', 'email' and 'custom' together are %d bytes of "
                        + "JSON (UTF-8); the limit is %d.", bytes, MAX_PROFILE_BYTES));
            }
        }

        private void checkCustom() {
            if (custom.size() > MAX_CUSTOM_KEYS) {
                throw invalid(String.format("Field 'custom' has %d top-level keys; the limit is %d.", custom.size(),
                        MAX_CUSTOM_KEYS));
            }
            if (custom.isEmpty()) {
                return;
            }
            int bytes;
            try {
                JsonNode tree = JSON.valueToTree(custom);
                encodable("custom", tree);
                bytes = JSON.writeValueAsBytes(tree).length;
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw invalid("Field 'custom' holds a value that cannot be written as JSON.");
            }
            if (bytes > MAX_CUSTOM_BYTES) {
                throw invalid(String.format("Field 'custom' is %d bytes of JSON; the limit is %d.", bytes,
                        MAX_CUSTOM_BYTES));
            }
        }

        private static boolean isWebUrl(String url) {
            if (url.length() > MAX_AVATAR_LENGTH) {
                return false;
            }
            try {
                URI uri = new URI(url);
                return uri.isAbsolute() && uri.getHost() != null
                        && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
            } catch (URISyntaxException e) {
                return false;
            }
        }

        /** @throws ChatSdkException naming the field if the text has an unpaired surrogate */
        private static void encodable(String field, String text) {
            if (text != null && unpairedSurrogate(text) >= 0) {
                throw invalid(String.format("Field '%s' contains an unpaired UTF-16 surrogate at position %d, which UTF-8 "
                        + "cannot encode.", field, unpairedSurrogate(text)));
            }
        }

        /** Every string of the custom claims, keys included, named by its path ({@code custom.role}, {@code custom.a[0]}). */
        private static void encodable(String path, JsonNode node) {
            if (node.isTextual()) {
                encodable(path, node.textValue());
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    encodable(path + "[" + i + "]", node.get(i));
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String child = path + "." + (unpairedSurrogate(field.getKey()) >= 0
                            ? field.getKey().replaceAll("[\\uD800-\\uDFFF]", "\uFFFD") : field.getKey());
                    if (unpairedSurrogate(field.getKey()) >= 0) {
                        throw invalid(String.format("Field '%s' has a name with an unpaired UTF-16 surrogate, which "
                                + "UTF-8 cannot encode.", child));
                    }
                    encodable(child, field.getValue());
                }
            }
        }

        private static ChatSdkException invalid(String message) {
            return new ChatSdkException(ErrorCode.INVALID_REQUEST, message);
        }
    }
}
