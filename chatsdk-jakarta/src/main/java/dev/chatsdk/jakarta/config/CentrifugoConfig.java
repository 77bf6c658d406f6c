package dev.chatsdk.jakarta.config;

import java.util.Optional;

/**
 * Centrifugo's server API ({@code chatsdk.centrifugo.*}): with both keys, revocations also disconnect the user's live
 * sockets. Immutable; {@link #toString()} prints no secret.
 *
 * @since 0.3
 */
public final class CentrifugoConfig {
    /** Base URL of Centrifugo's server HTTP API, such as {@code http://centrifugo:8000/api}; none by default. */
    public static final Setting<String> API_URL = Setting.trimmed("chatsdk.centrifugo.api-url", null);
    /** Centrifugo's server API key, sent as {@code X-API-Key}; required with {@link #API_URL}; never printed. */
    public static final Setting<String> API_KEY = Setting.text("chatsdk.centrifugo.api-key", null).asSecret();


    private final String apiUrl;
    private final String apiKey;

    private CentrifugoConfig(ConfigValues v) {
        this.apiUrl = Checks.trimSlash(v.get(API_URL));
        this.apiKey = v.get(API_KEY);
    }

    /**
     * @param v      the values; this part's problems are added to them
     * @param remote whether the {@code remote} issuer is selected, which keeps no sessions here
     * @return the part
     */
    public static CentrifugoConfig from(ConfigValues v, boolean remote) {
        CentrifugoConfig c = new CentrifugoConfig(v);
        boolean url = Checks.isSet(c.apiUrl);
        boolean key = Checks.isSet(c.apiKey);
        if (url && !key) {
            v.add("CHATSDK-085: %s is required when %s is set; set it (env %s) to Centrifugo's server API key, or "
                    + "remove %s", v.where(API_KEY), v.where(API_URL), API_KEY.env(), API_URL.key());
        } else if (key && !url) {
            v.add("CHATSDK-086: %s is required when %s is set; set it (env %s) to Centrifugo's server API base URL, "
                    + "such as http://centrifugo:8000/api, or remove %s", v.where(API_URL), v.where(API_KEY),
                    API_URL.env(), API_KEY.key());
        }
        Checks.headerKey(v, API_KEY, c.apiKey);
        if (url && !Checks.isWebUrl(c.apiUrl)) {
            v.add("CHATSDK-087: %s is '%s', not an absolute http or https URL; use the base URL of Centrifugo's server "
                    + "API, such as http://centrifugo:8000/api", v.where(API_URL),
                    dev.chatsdk.jakarta.remote.RedactedUrl.of(c.apiUrl));
        } else if (url) {
            Checks.baseUrl(v, API_URL, c.apiUrl);
        }
        if ((url || key) && remote) {
            v.add("CHATSDK-088: %s is set with 'chatsdk.issuer=remote'; the ChatSDK API keeps the sessions and "
                    + "disconnects its own sockets, so remove the chatsdk.centrifugo.* keys", v.where(url ? API_URL
                            : API_KEY));
        } else if (url && key) {
            RemoteConfig.checkResilience(v);
        }
        return c;
    }

    /** @return the base URL of Centrifugo's server API, without a trailing {@code /}; empty unless set */
    public Optional<String> apiUrl() {
        return Optional.ofNullable(apiUrl);
    }

    /** @return Centrifugo's server API key; empty unless set. Never log it. */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** @return whether revocations also call Centrifugo's {@code disconnect} (both keys are set) */
    public boolean enabled() {
        return Checks.isSet(apiUrl) && Checks.isSet(apiKey);
    }

    @Override
    public String toString() {
        return "centrifugo[apiUrl=" + (apiUrl == null ? null : "<set>") + ", apiKey=" + Checks.redacted(apiKey) + "]";
    }
}
