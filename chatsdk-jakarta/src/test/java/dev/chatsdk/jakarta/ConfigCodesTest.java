package dev.chatsdk.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/**
 * Configuration codes no other test fires, each from properties as a MicroProfile user writes them (the keys spelled
 * out, as in a {@code microprofile-config.properties}).
 */
class ConfigCodesTest {
    private static final String SOURCE = " [from PropertiesConfigSource[source=test]]";
    private final TestConfig test = new TestConfig();

    private String problem(String... overrides) {
        return String.join("\n", MpConfigured.problems(MpConfigured.properties(test, overrides)));
    }

    @Test
    void aRateThatIsNoRateIs036() {
        assertThat(problem("chatsdk.rate-limit.user", "plenty")).isEqualTo("CHATSDK-036: 'chatsdk.rate-limit.user'"
                + SOURCE + " is 'plenty', not a rate; write calls per period, such as 30/1m, or off");
    }

    @Test
    void aRefreshCookieThatIsNoBooleanIs037() {
        assertThat(problem("chatsdk.web.refresh-cookie", "yes")).isEqualTo("CHATSDK-037: 'chatsdk.web.refresh-cookie'"
                + SOURCE + " is 'yes'; use true or false");
    }

    @Test
    void aCreateSchemaThatIsNoBooleanIs054() {
        assertThat(problem("chatsdk.session.jdbc.create-schema", "no")).isEqualTo(
                "CHATSDK-054: 'chatsdk.session.jdbc.create-schema'" + SOURCE + " is 'no'; use true or false");
    }

    @Test
    void aBlankValueIs040() {
        assertThat(problem("chatsdk.token.issuer", "   ")).isEqualTo("CHATSDK-040: 'chatsdk.token.issuer'" + SOURCE
                + " is empty; remove it to use the default, or give it a value");
    }

    @Test
    void aPrincipalMatchThatIsNoBooleanIs072() {
        assertThat(problem("chatsdk.identity.require-principal-match", "maybe")).isEqualTo(
                "CHATSDK-072: 'chatsdk.identity.require-principal-match'" + SOURCE + " is 'maybe'; use true or false");
    }

    @Test
    void aRetiredKeyWithoutItsKeyIdIs092() {
        assertThat(problem("chatsdk.local.previous-keys", TestConfig.randomSecret())).isEqualTo(
                "CHATSDK-092: 'chatsdk.local.previous-keys'" + SOURCE + " has an entry that is not 'kid=key'; write "
                        + "each retired key as its key id, '=', and the secret (HS256) or public key (PEM or file:)");
    }

    @Test
    void es256WithoutItsPublicKeyIs097() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate()
                .getEncoded()) + "\n-----END PRIVATE KEY-----\n";

        assertThat(problem("chatsdk.local.algorithm", "ES256", "chatsdk.local.private-key", pem,
                "chatsdk.local.public-key", null)).isEqualTo("CHATSDK-097: 'chatsdk.local.public-key' is required with "
                        + "ES256 (Java cannot derive it); export it with 'openssl ec -in key.pem -pubout'");
    }
}
