package org.vlmeval.images;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Classifies IP addresses that image fetches must not reach. */
final class AddressClass {

    private static final byte[] AWS_METADATA_V4 = {(byte) 169, (byte) 254, (byte) 169, (byte) 254};
    private static final byte[] AWS_METADATA_V6 = {
        (byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
    };
    private static final byte[] NAT64_PREFIX = {0x00, 0x64, (byte) 0xff, (byte) 0x9b};

    private AddressClass() {}

    /** Why the address is refused ("a loopback address"), or null for a public address. */
    static String refusalReason(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (Arrays.equals(bytes, AWS_METADATA_V4) || Arrays.equals(bytes, AWS_METADATA_V6)) {
            return "a cloud metadata address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isAnyLocalAddress() || (address instanceof Inet4Address && bytes[0] == 0)) {
            return "an unspecified address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isSiteLocalAddress() || isUniqueLocalV6(address, bytes)) {
            return "a private address";
        }
        if (address.isMulticastAddress() || isBroadcastV4(address, bytes)) {
            return "a multicast or broadcast address";
        }
        if (address instanceof Inet4Address
                && (bytes[0] & 0xff) == 100
                && (bytes[1] & 0xc0) == 64) {
            return "a carrier-grade NAT address (100.64.0.0/10)";
        }
        InetAddress embedded = nat64Embedded(address, bytes);
        return embedded == null ? null : refusalReason(embedded);
    }

    private static boolean isUniqueLocalV6(InetAddress address, byte[] bytes) {
        return address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
    }

    private static boolean isBroadcastV4(InetAddress address, byte[] bytes) {
        return address instanceof Inet4Address && (bytes[0] & bytes[1] & bytes[2] & bytes[3]) == -1;
    }

    /**
     * 64:ff9b::a.b.c.d reaches a.b.c.d through NAT64, and the deprecated IPv4-compatible ::a.b.c.d
     * may be tunnelled to it, so both are judged by a.b.c.d. (:: and ::1 are classified before this
     * is asked.)
     */
    private static InetAddress nat64Embedded(InetAddress address, byte[] bytes) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        boolean nat64 = Arrays.equals(Arrays.copyOf(bytes, 4), NAT64_PREFIX);
        boolean ipv4Compatible = Arrays.equals(Arrays.copyOf(bytes, 12), new byte[12]);
        if (!nat64 && !ipv4Compatible) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
