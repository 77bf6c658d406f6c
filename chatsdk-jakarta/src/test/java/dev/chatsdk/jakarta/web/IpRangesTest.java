package dev.chatsdk.jakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

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
}
