package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.config.ForwardedHeader;

/** Who the client is, from the peer and the one configured forwarding header, for many shapes of that header. */
class ClientAddressesTest {
    private static final String PROXY = "10.0.0.5";

    private static ClientAddresses resolver(ForwardedHeader header, String... trusted) {
        return new ClientAddresses(IpRanges.of(List.of(trusted)), header);
    }

    private static ClientAddresses xff(String... trusted) {
        return resolver(ForwardedHeader.X_FORWARDED_FOR, trusted);
    }

    private static ClientAddresses forwarded(String... trusted) {
        return resolver(ForwardedHeader.FORWARDED, trusted);
    }

    private static FakeRequest viaProxy(String name, String... lines) {
        FakeRequest request = new FakeRequest("POST", "/chatsdk/auth/refresh").from(PROXY);
        Arrays.stream(lines).forEach(line -> request.addHeader(name, line));
        return request;
    }

    @Test
    void believesNoHeaderFromAnUntrustedPeer() {
        FakeRequest request = new FakeRequest("POST", "/x").from("198.51.100.9").header("X-Forwarded-For", "1.2.3.4")
                .header("Forwarded", "for=1.2.3.4");

        assertThat(xff(PROXY).of(request)).isEqualTo("198.51.100.9");
        assertThat(forwarded(PROXY).of(request)).isEqualTo("198.51.100.9");
        assertThat(xff().of(request)).isEqualTo("198.51.100.9");
    }

    @Test
    void takesTheRightmostUntrustedHop() {
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", "6.6.6.6, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(xff(PROXY, "10.0.0.6").of(viaProxy("X-Forwarded-For", "6.6.6.6, 203.0.113.7, 10.0.0.6")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void joinsEveryHeaderLineInOrder() {
        FakeRequest twoLines = viaProxy("X-Forwarded-For", "6.6.6.6", "203.0.113.7");

        assertThat(xff(PROXY).of(twoLines)).isEqualTo("203.0.113.7");
        assertThat(forwarded(PROXY).of(viaProxy("Forwarded", "for=6.6.6.6", "for=203.0.113.7;proto=https")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void readsOnlyTheConfiguredHeader() {
        FakeRequest both = viaProxy("Forwarded", "for=203.0.113.7").addHeader("X-Forwarded-For", "6.6.6.6");

        assertThat(forwarded(PROXY).of(both)).isEqualTo("203.0.113.7");
        assertThat(xff(PROXY).of(both)).isEqualTo("6.6.6.6");
        assertThat(resolver(ForwardedHeader.NONE, PROXY).of(both)).isEqualTo(PROXY);
        assertThat(xff(PROXY).of(viaProxy("Forwarded", "for=203.0.113.7"))).isEqualTo(PROXY);
    }

    @Test
    void stripsPortsBracketsAndQuotes() {
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", "203.0.113.7:567"))).isEqualTo("203.0.113.7");
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", "[2001:db8::1]:567"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", "[2001:db8::1]"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", "2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", "\"203.0.113.7\""))).isEqualTo("203.0.113.7");
        assertThat(forwarded(PROXY).of(viaProxy("Forwarded", "for=\"[2001:db8::1]:4711\""))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(forwarded(PROXY).of(viaProxy("Forwarded", "For=\"203.0.113.7:80\";by=10.0.0.5")))
                .isEqualTo("203.0.113.7");
        assertThat(forwarded(PROXY).of(viaProxy("Forwarded", "proto=https;for=203.0.113.7, for=198.51.100.2:1")))
                .isEqualTo("198.51.100.2");
    }

    @Test
    void givesTheSameAddressWhateverThePortOrSpelling() {
        String[] spellings = {"203.0.113.7", "203.0.113.7:1", "203.0.113.7:65535", "::ffff:203.0.113.7",
            "[::ffff:203.0.113.7]:9"};
        for (String spelling : spellings) {
            assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", spelling))).as(spelling).isEqualTo("203.0.113.7");
        }
    }

    @Test
    void stopsAtAnUnknownOrObfuscatedHopWithTheProxyThatReportedIt() {
        assertThat(forwarded(PROXY).of(viaProxy("Forwarded", "for=unknown"))).isEqualTo(PROXY);
        assertThat(forwarded(PROXY).of(viaProxy("Forwarded", "for=1.2.3.4, for=_hidden"))).isEqualTo(PROXY);
        assertThat(forwarded(PROXY).of(viaProxy("Forwarded", "proto=https"))).isEqualTo(PROXY);
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", "1.2.3.4, unknown"))).isEqualTo(PROXY);
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", "1.2.3.4, not-an-address.example"))).isEqualTo(PROXY);
        assertThat(xff(PROXY, "10.0.0.6").of(viaProxy("X-Forwarded-For", "garbage, 10.0.0.6"))).isEqualTo("10.0.0.6");
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", "unknown, 203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void takesTheLeftmostHopWhenEveryHopIsTrusted() {
        assertThat(xff("10.0.0.0/8").of(viaProxy("X-Forwarded-For", "10.1.1.1, 10.2.2.2"))).isEqualTo("10.1.1.1");
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For", ""))).isEqualTo(PROXY);
        assertThat(xff(PROXY).of(viaProxy("X-Forwarded-For"))).isEqualTo(PROXY);
    }

    @Test
    void matchesTrustedProxiesByCidrRange() {
        FakeRequest request = viaProxy("X-Forwarded-For", "203.0.113.7, 10.9.8.7").from("10.0.0.99");

        assertThat(xff("10.0.0.0/8").of(request)).isEqualTo("203.0.113.7");
        assertThat(xff("10.0.0.0/24").of(request)).isEqualTo("10.9.8.7");
        assertThat(xff("10.0.0.99/32").of(request)).isEqualTo("10.9.8.7");
        assertThat(xff("fd00::/8").of(request)).isEqualTo("10.0.0.99");
        assertThat(xff("fd00::/8").of(viaProxy("X-Forwarded-For", "203.0.113.7").from("fd12::1")))
                .isEqualTo("203.0.113.7");
        assertThat(xff("::1").of(viaProxy("X-Forwarded-For", "203.0.113.7").from("0:0:0:0:0:0:0:1")))
                .isEqualTo("203.0.113.7");
        assertThat(xff("10.0.0.0/8", "203.0.113.0/24").of(viaProxy("X-Forwarded-For", "203.0.113.7, 10.9.8.7")))
                .as("every hop trusted: the leftmost").isEqualTo("203.0.113.7");
        assertThatThrownBy(() -> xff("0.0.0.0/0")).as("a range that trusts everyone is never used")
                .isInstanceOf(IllegalArgumentException.class).hasMessage("is wider than /8, too wide to trust");
        assertThatThrownBy(() -> xff("::/0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("is wider than /16, too wide to trust");
    }

    @Test
    void keepsSeparatorsInsideQuotedForwardedValues() {
        assertThat(forwarded(PROXY).of(viaProxy("Forwarded", "for=203.0.113.7;ext=\"a,b;c\"")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void answersNullWithoutAPeerAddress() {
        assertThat(xff(PROXY).of(new FakeRequest("GET", "/x").from(null).header("X-Forwarded-For", "1.2.3.4"))).isNull();
    }

    @Test
    void refusesTrustedProxiesThatCanNeverMatch() {
        for (String entry : new String[] {"proxy.internal", "10.0.0.0/33", "::/129", "10.0.0", "10.0.0.256", "10.0.0.0/",
            "10.0.0.0/x", "", ".:", "localhost"}) {
            assertThat(IpRanges.problem(entry)).as(entry)
                    .isEqualTo("is neither an IP address nor a CIDR range (host names are not resolved)");
        }
        assertThat(IpRanges.problem("10.0.0.0/8")).isNull();
        assertThat(IpRanges.problem("2001:db8::/32")).isNull();
        assertThat(IpRanges.problem("127.0.0.1")).isNull();
        assertThatThrownBy(() -> IpRanges.of(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class);
    }
}
