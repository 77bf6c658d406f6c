package dev.chatsdk.jakarta.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedUrlTest {
    @Test
    void keepsAUrlWithoutCredentials() {
        assertThat(RedactedUrl.of("https://chat.example.com:8443/chatsdk")).isEqualTo("https://chat.example.com:8443/chatsdk");
        assertThat(RedactedUrl.of("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThat(RedactedUrl.of(null)).isNull();
    }

    @Test
    void dropsTheUserinfo() {
        assertThat(RedactedUrl.of("https://user:s3cr3t@chat.example.com/api")).isEqualTo("https://***@chat.example.com/api");
        assertThat(RedactedUrl.of("http://user:s3cr3t@127.0.0.1:9")).isEqualTo("http://***@127.0.0.1:9");
        assertThat(RedactedUrl.of("http://us@er:s3@cr3t@host/a@b")).isEqualTo("http://***@host/a@b");
        assertThat(RedactedUrl.of("https://token@host")).isEqualTo("https://***@host");
    }

    @Test
    void dropsTheQueryAndFragment() {
        assertThat(RedactedUrl.of("https://host/api?key=s3cr3t&x=1")).isEqualTo("https://host/api?***");
        assertThat(RedactedUrl.of("https://host/api#access_token=s3cr3t")).isEqualTo("https://host/api?***");
        assertThat(RedactedUrl.of("https://host?s3cr3t@x")).isEqualTo("https://host?***");
    }

    @Test
    void redactsWhatIsNoUrlAtAll() {
        assertThat(RedactedUrl.of("ftp://user:s3cr3t@host")).isEqualTo("ftp://***@host");
        assertThat(RedactedUrl.of("user:s3cr3t@host/x")).isEqualTo("***@host/x");
        assertThat(RedactedUrl.of("http://user:s3cr3t@ho st\n/x")).isEqualTo("http://***@ho st?/x");
        assertThat(RedactedUrl.of("http://user:s3cr3t@host\\x")).isEqualTo("http://***@host\\x");
        assertThat(RedactedUrl.of("not a url")).isEqualTo("not a url");
    }
}
