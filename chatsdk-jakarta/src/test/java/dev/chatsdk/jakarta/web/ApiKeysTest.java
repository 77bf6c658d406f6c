package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final ApiKeys keys = new ApiKeys(List.of("ck_current_0123456789", "ck_previous_0123456789"));

    @Test
    void acceptsEveryConfiguredKey() {
        assertThat(keys.matches("ck_current_0123456789")).isTrue();
        assertThat(keys.matches("ck_previous_0123456789")).isTrue();
    }

    @Test
    void rejectsPrefixesExtensionsAndNearMisses() {
        assertThat(keys.matches("ck_current_012345678")).isFalse();
        assertThat(keys.matches("ck_current_01234567890")).isFalse();
        assertThat(keys.matches("CK_CURRENT_0123456789")).isFalse();
        assertThat(keys.matches("")).isFalse();
    }

    @Test
    void knowsWhenNoKeyIsConfigured() {
        assertThat(new ApiKeys(List.of()).isEmpty()).isTrue();
        assertThat(new ApiKeys(List.of()).matches("anything")).isFalse();
        assertThat(keys.isEmpty()).isFalse();
    }

    @Test
    void keepsNoKeyInToString() {
        assertThat(keys.toString()).isEqualTo("ApiKeys[2 configured]");
    }
}
