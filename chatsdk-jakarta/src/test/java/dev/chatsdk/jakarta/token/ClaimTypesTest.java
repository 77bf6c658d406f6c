package dev.chatsdk.jakarta.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The payload is checked as it is parsed, without a tree: on a corpus of payloads (hand-made ones and thousands of
 * random edits of a real one) it gives exactly the verdict of the check over a Jackson tree it replaced.
 */
class ClaimTypesTest {
    private static final String HEADER = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"kid\":\"k\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
    private static final String REAL = "{\"iss\":\"chatsdk-api\",\"aud\":[\"a\",\"b\"],\"sub\":\"app:u-1\",\"user_id\":\"u-1\","
            + "\"app_id\":\"app\",\"sid\":\"s-1\",\"jti\":\"j-1\",\"scopes\":[\"chat:read\"],\"iat\":1767603600,"
            + "\"nbf\":1767603600,\"exp\":1767607200,\"type\":\"access\",\"name\":\"Zo\\u00eb\",\"custom\":{\"a\":[1,{\"b\":null}]},"
            + "\"user\":{\"id\":\"u-1\",\"x\":[true]},\"info\":{},\"other\":[1.5,-2,{}]}";

    private static String token(String payload) {
        return HEADER + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + ".c2ln";
    }

    // the check over a tree, as it was
    private static final Set<String> STRINGS = Set.of("iss", "sub", "jti", "sid", "user_id", "app_id", "type", "name",
            "avatar", "userId");
    private static final Set<String> TIMES = Set.of("exp", "iat", "nbf");
    private static final Set<String> OBJECTS = Set.of("custom", "info", "user");

    private static String overATree(String payload) {
        JsonNode claims = ClaimTypes.object(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
        if (claims == null) {
            return "its payload is not a JSON object";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> claim = it.next();
            if (!typed(claim.getKey(), claim.getValue())) {
                return "its '" + claim.getKey() + "' claim has the wrong type";
            }
        }
        return null;
    }

    private static boolean typed(String name, JsonNode value) {
        if (STRINGS.contains(name)) {
            return value.isTextual();
        }
        if (TIMES.contains(name)) {
            return value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0
                    && value.longValue() <= ClaimTypes.LATEST_SECOND;
        }
        if (OBJECTS.contains(name)) {
            return value.isObject() && (!name.equals("user") || value.get("id") == null || value.get("id").isTextual());
        }
        if (name.equals("aud")) {
            return value.isTextual() || strings(value);
        }
        if (name.equals("scopes")) {
            return strings(value);
        }
        return true;
    }

    private static boolean strings(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void givesTheTreesVerdictOnEveryPayload() {
        List<String> corpus = new ArrayList<>(List.of(REAL, "{}", "[]", "null", "1", "\"x\"", " {} ", "{} x", "{}{}",
                "{\"exp\":1.0}", "{\"exp\":-1}", "{\"exp\":253402300800}", "{\"exp\":99999999999999999999999}",
                "{\"exp\":\"1\"}", "{\"sub\":null}", "{\"sub\":1,", "{\"sub\":1,\"sub\":2}", "{\"a\":{\"b\":1,\"b\":2}}",
                "{\"user\":{\"id\":null}}", "{\"user\":{\"id\":1}}", "{\"user\":{\"id\":\"u\",\"id\":\"v\"}}",
                "{\"user\":[]}", "{\"info\":\"x\"}", "{\"aud\":[\"a\",1]}", "{\"aud\":[\"a\",[\"b\"]]}", "{\"aud\":[]}",
                "{\"aud\":1}", "{\"scopes\":\"a\"}", "{\"scopes\":[{\"a\":1}]}", "{\"sub\":1,\"exp\":\"x\"}",
                "{\"sub\":1,\"x\":}", "{\"scopes\":[1,\"a\"", "{\"custom\":{\"user\":{\"id\":1}}}", "{\"exp\":1e3}",
                "{\"exp\":0}", "{\"exp\":253402300799}", "{'a':1}", "{\"a\":NaN}", "{\"a\":1}//", "\uFEFF{}"));
        Random random = new Random(5);
        String alphabet = "{}[]\",:0123456789.-eE truefalsnul\\abc";
        for (int i = 0; i < 10_000; i++) {
            StringBuilder edited = new StringBuilder(REAL);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(edited.length());
                switch (random.nextInt(3)) {
                    case 0:
                        edited.deleteCharAt(at);
                        break;
                    case 1:
                        edited.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        break;
                    default:
                        edited.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            corpus.add(edited.toString());
        }
        int refused = 0;
        for (String payload : corpus) {
            String streamed = ClaimTypes.problem(token(payload), header -> true);
            assertThat(streamed).as(payload).isEqualTo(overATree(payload));
            refused += streamed == null ? 0 : 1;
        }
        // the corpus exercises both verdicts, and every kind of refusal
        assertThat(ClaimTypes.problem(token(REAL), header -> true)).isNull();
        assertThat(refused).isBetween(corpus.size() / 2, corpus.size() - 100);
    }
}
