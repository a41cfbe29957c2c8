package org.vlmeval.images;

import okhttp3.Dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves image hosts and refuses internal addresses before OkHttp connects. Checking here, on the
 * addresses actually used, closes the gap a separate check-then-fetch would leave to DNS rebinding.
 */
final class GuardedDns implements Dns {

    private final HostGuard guard;

    GuardedDns(HostGuard guard) {
        this.guard = guard;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = Dns.SYSTEM.lookup(hostname);
        guard.checkResolved(hostname, addresses);
        return addresses;
    }
}
