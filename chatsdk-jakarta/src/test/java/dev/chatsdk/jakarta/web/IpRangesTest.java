package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class IpRangesTest {
    @Test
    void countsAnIpv6ClientByItsSlash64AndAnIpv4ClientByItsAddress() {
        assertThat(IpRanges.client("203.0.113.7")).isEqualTo("203.0.113.7");
        String one = IpRanges.client(IpRanges.canonical("2001:db8:1:2::1"));
        assertThat(one).isEqualTo("2001:db8:1:2::/64");
        // every address of the same /64, however written, is the same client; the next /64 is another
        assertThat(IpRanges.client(IpRanges.canonical("[2001:0db8:0001:0002:ffff:ffff:ffff:fffe]"))).isEqualTo(one);
        assertThat(IpRanges.client(IpRanges.canonical("2001:db8:1:3::1"))).isNotEqualTo(one);
        assertThat(IpRanges.client(IpRanges.canonical("::1"))).isEqualTo("0:0:0:0::/64");
        // IPv4-mapped IPv6 is the IPv4 client
        assertThat(IpRanges.client(IpRanges.canonical("::ffff:203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(IpRanges.client("not-an-address")).isEqualTo("not-an-address");
    }

    @Test
    void holdsEveryRangeToTheWidestAProxyTierCanBe() {
        for (String wide : new String[] {"0.0.0.0/0", "::/0", "0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/7", "::ffff:0.0.0.0/0",
            "2000::/3", "2001::/15", "fc00::/7", "fd00::/7"}) {
            assertThat(IpRanges.tooWide(wide)).as(wide).isTrue();
        }
        for (String narrow : new String[] {"10.0.0.0/8", "100.64.0.0/10", "127.0.0.1", "fd00::/8", "fc00::/8",
            "2001::/16", "2a06:98c0::/29", "::1", "::/16"}) {
            assertThat(IpRanges.tooWide(narrow)).as(narrow).isFalse();
        }
        assertThat(IpRanges.narrowestPrefix("0.0.0.0/0")).isEqualTo(8);
        assertThat(IpRanges.narrowestPrefix("::/0")).isEqualTo(16);
        assertThat(IpRanges.narrowestPrefix("fd12:3456::/48")).as("unique local, like 10.0.0.0/8").isEqualTo(8);
        assertThat(IpRanges.narrowestPrefix("fe80::/10")).isEqualTo(16);
        assertThat(IpRanges.tooWide("proxy.internal")).isFalse();
        // a refused range is refused whole: nothing of it is trusted
        assertThatThrownBy(() -> IpRanges.of(List.of("0.0.0.0/0"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTheNetworkOfAnAddressWrittenWithAPrefix() {
        assertThat(IpRanges.withoutHostBits("10.0.0.5/8")).isEqualTo("10.0.0.0/8");
        assertThat(IpRanges.withoutHostBits("192.168.1.130/25")).isEqualTo("192.168.1.128/25");
        assertThat(IpRanges.withoutHostBits("2001:db8::1/32")).isEqualTo("2001:db8::/32");
        assertThat(IpRanges.withoutHostBits("2001:db8:0:1:0:0:0:1/64")).isEqualTo("2001:db8:0:1::/64");
        assertThat(IpRanges.withoutHostBits("fd00:0:0:0:1:0:0:0/63")).isEqualTo("fd00::/63");
        assertThat(IpRanges.withoutHostBits("1:2:3:4:5:6:7:9/127")).isEqualTo("1:2:3:4:5:6:7:8/127");
        for (String exact : new String[] {"10.0.0.0/8", "10.0.0.5", "10.0.0.5/32", "2001:db8::/32", "::1", "not-an-ip"}) {
            assertThat(IpRanges.withoutHostBits(exact)).as(exact).isNull();
        }
    }

    /** The parse-free check of a peer address says yes exactly when the JDK writes the text back unchanged. */
    @Test
    void recognisesCanonicalIpv4WithoutParsingExactlyAsTheJdkWritesIt() throws Exception {
        List<String> corpus = new java.util.ArrayList<>(List.of("0.0.0.0", "255.255.255.255", "127.0.0.1", "10.0.0.10",
                "256.1.1.1", "1.2.3.256", "01.2.3.4", "1.2.3.04", "1.2.3.0", "1.2.3", "1.2.3.4.5", "1..2.3", " 1.2.3.4",
                "1.2.3.4 ", "1234.1.1.1", "1.2.3.4a", "a.b.c.d", "1.2.3.", ".1.2.3", "999.999.999.999", "", "1.2.3.4\n"));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 5 + random.nextInt(13);
            for (int k = 0; k < length; k++) {
                text.append(random.nextInt(5) == 0 ? '.' : (char) ('0' + random.nextInt(random.nextBoolean() ? 3 : 10)));
            }
            corpus.add(text.toString());
        }
        java.util.regex.Pattern dotted = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        for (String text : corpus) {
            boolean jdk = dotted.matcher(text).matches()
                    && java.util.Arrays.stream(text.split("\\.")).allMatch(p -> Integer.parseInt(p) <= 255)
                    && java.net.InetAddress.getByName(text).getHostAddress().equals(text);
            assertThat(IpRanges.canonicalIpv4(text)).as("'%s'", text).isEqualTo(jdk);
            if (jdk) {
                assertThat(IpRanges.canonical(text)).isEqualTo(text);
                assertThat(IpRanges.client(text)).isEqualTo(text);
            }
        }
    }
}
