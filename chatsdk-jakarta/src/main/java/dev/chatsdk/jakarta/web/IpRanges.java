package dev.chatsdk.jakarta.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of IP addresses and CIDR ranges ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code 2001:db8::/32}), as
 * {@code chatsdk.web.trusted-proxies} lists them. Only literals are accepted: nothing here ever asks DNS, so a host
 * name is refused ({@link #problem}) rather than kept as a value that can never match. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.0.0.5}) match their IPv4 form. Immutable and thread-safe.
 */
public final class IpRanges {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private static final class Range {
        final byte[] network;
        final int prefix;

        Range(byte[] network, int prefix) {
            this.network = network;
            this.prefix = prefix;
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private IpRanges(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * @param entries addresses and CIDR ranges, each valid by {@link #problem} and none {@link #tooWide}
     * @return the set
     * @throws IllegalArgumentException if an entry is neither an address nor a range, or a range too wide to trust
     */
    public static IpRanges of(Collection<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            Range range = range(entry);
            if (range == null) {
                throw new IllegalArgumentException(problem(entry));
            }
            if (tooWide(entry)) {
                throw new IllegalArgumentException("is wider than /" + narrowestPrefix(entry) + ", too wide to trust");
            }
            ranges.add(range);
        }
        return new IpRanges(ranges);
    }

    /**
     * @param entry an entry of {@code chatsdk.web.trusted-proxies}
     * @return {@code null} when it is an IP address or a CIDR range, otherwise what is wrong with it
     */
    public static String problem(String entry) {
        return range(entry) != null ? null
                : "is neither an IP address nor a CIDR range (host names are not resolved)";
    }

    /**
     * The narrowest prefix a trusted range may have: {@code /8} for IPv4 ({@code 10.0.0.0/8} is the widest private
     * network), {@code /8} for IPv6 unique local addresses ({@code fd00::/8}, the same role), {@code /16} for any other
     * IPv6 range (wider than any one operator's allocation: the registries themselves hold {@code /12}s). A wider
     * range, {@code 0.0.0.0/0} and {@code ::/0} first, holds addresses that are no proxy of yours, and any of them
     * could then write the client address.
     *
     * @param entry an address or CIDR range, valid by {@link #problem}
     * @return the smallest prefix length allowed for the entry's family and scope
     */
    public static int narrowestPrefix(String entry) {
        Range range = range(entry);
        if (range == null || range.network.length == 4) {
            return 8;
        }
        return (range.network[0] & 0xFE) == 0xFC ? 8 : 16;
    }

    /**
     * @param entry an address or CIDR range, valid by {@link #problem}
     * @return whether the range is wider than {@link #narrowestPrefix} allows
     */
    public static boolean tooWide(String entry) {
        Range range = range(entry);
        return range != null && range.prefix < narrowestPrefix(entry);
    }

    /**
     * @param entry an address or CIDR range, valid by {@link #problem}
     * @return the range written as its network ({@code 10.0.0.0/8}) when the entry has host bits set
     *         ({@code 10.0.0.5/8}, usually a mistyped prefix), else {@code null}
     */
    public static String withoutHostBits(String entry) {
        Range range = range(entry);
        if (range == null) {
            return null;
        }
        byte[] network = range.network.clone();
        for (int bit = range.prefix; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        if (java.util.Arrays.equals(network, range.network)) {
            return null;
        }
        try {
            return compressed(InetAddress.getByAddress(network).getHostAddress()) + "/" + range.prefix;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code 2001:db8:0:0:0:0:0:0} as {@code 2001:db8::}: the longest run of two or more zero groups becomes {@code ::}. */
    private static String compressed(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        String[] groups = address.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return address;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    /** @return whether the text is an IP address (literal, no port) in this set */
    public boolean contains(String address) {
        if (ranges.isEmpty()) {
            return false;
        }
        byte[] bytes = parse(address);
        if (bytes == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the set is empty */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * @param text an IP address literal, IPv6 possibly in brackets
     * @return its canonical text ({@code 2001:db8:0:0:0:0:0:1}; IPv4-mapped IPv6 as IPv4), or {@code null} when the
     *         text is no IP address literal
     */
    public static String canonical(String text) {
        if (canonicalIpv4(text)) {
            return text;
        }
        InetAddress address = address(text);
        return address == null ? null : address.getHostAddress();
    }

    /**
     * What one client is counted as by a rate limit: an IPv4 address itself, an IPv6 address by its /64 network (one
     * subscriber is routinely given a whole /64, so counting single IPv6 addresses would give one client billions of
     * budgets).
     *
     * @param address an address in {@link #canonical canonical} form
     * @return the address, or for IPv6 its /64 network as {@code 2001:db8:1:2::/64}; the text itself when it is no IP
     *         address literal
     */
    public static String client(String address) {
        if (canonicalIpv4(address)) {
            return address;
        }
        InetAddress parsed = address(address);
        if (parsed == null || parsed.getAddress().length == 4) {
            return address;
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder network = new StringBuilder(24);
        for (int i = 0; i < 8; i += 2) {
            network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return network.append(":/64").toString();
    }

    private static Range range(String entry) {
        if (entry == null) {
            return null;
        }
        String t = entry.trim();
        int slash = t.indexOf('/');
        byte[] network = parse(slash < 0 ? t : t.substring(0, slash));
        if (network == null) {
            return null;
        }
        int bits = network.length * 8;
        if (slash < 0) {
            return new Range(network, bits);
        }
        String prefix = t.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}")) {
            return null;
        }
        int n = Integer.parseInt(prefix);
        return n <= bits ? new Range(network, n) : null;
    }

    private static byte[] parse(String text) {
        InetAddress address = address(text);
        return address == null ? null : address.getAddress();
    }

    /** Literals only: the patterns make sure {@link InetAddress#getByName} never turns to DNS. */
    /**
     * The common case without a parse: every request's peer address, which containers give as canonical dotted
     * decimal.
     *
     * @return whether the text is an IPv4 address exactly as {@link InetAddress#getHostAddress} writes it: four numbers
     *         of 0 to 255 without leading zeros, separated by dots, nothing else
     */
    static boolean canonicalIpv4(String text) {
        if (text == null || text.length() < 7 || text.length() > 15) {
            return false;
        }
        int parts = 0;
        int i = 0;
        while (true) {
            int start = i;
            int value = 0;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == text.length()) {
                return parts == 4;
            }
            if (parts == 4 || text.charAt(i) != '.') {
                return false;
            }
            i++;
        }
    }

    private static InetAddress address(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.length() > 2 && t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isEmpty() || t.length() > 45) {
            return null;
        }
        if (IPV4.matcher(t).matches()) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        } else if (!IPV6.matcher(t).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "IpRanges[" + ranges.size() + "]";
    }
}
