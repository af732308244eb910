package io.flowfile.app.schedule;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a schedule's webhook may go. A webhook is a request the server makes on a user's behalf, from
 * where the server stands: to this machine's own services (the server's API, the catalog's database,
 * anything bound to the loopback address) or to a link-local address (a cloud's metadata service at
 * 169.254.169.254) it would reach what the user cannot. Those are refused unless the setting
 * {@code flowfile.scheduler.webhook-local} allows them (a receiver on the same machine, as the tests
 * use). Addresses of the local network (10.x, 192.168.x, ...) stay allowed: a team's own receivers
 * live there.
 */
public final class WebhookTargets {

    public static final String SETTING = "flowfile.scheduler.webhook-local";
    /** An IPv4 address as written (resolving it looks nothing up). */
    private static final java.util.regex.Pattern LITERAL_IPV4 = java.util.regex.Pattern.compile("[0-9.]+");

    private WebhookTargets() {
    }

    /** Why {@code host} (a name or an address) may not be a webhook's target, resolved now; empty when it may. */
    public static Optional<String> refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty(); // not resolvable now: the request itself will fail and say so
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = localKind(address);
            if (kind.isPresent()) {
                String shown = address.getHostAddress();
                return Optional.of("'" + host + "' is " + (host.equalsIgnoreCase(shown) ? "" : shown + ", ") + kind.get()
                        + ", which a webhook may not reach unless " + SETTING + "=true");
            }
        }
        return Optional.empty();
    }

    /** Why the host of {@code url} may not be a webhook's target, its name looked up now; empty when it may (or the URL has none). */
    public static Optional<String> refusal(URI url) {
        return host(url).flatMap(WebhookTargets::refusal);
    }

    /**
     * As {@link #refusal(URI)} without a name lookup, for a request thread (a lookup may wait for the
     * system's resolver): an address as written and {@code localhost}; other names are checked when sent.
     */
    public static Optional<String> refusalWithoutLookup(URI url) {
        return host(url).filter(host -> host.contains(":") || LITERAL_IPV4.matcher(host).matches() || host.equals("localhost")
                || host.endsWith(".localhost")).flatMap(WebhookTargets::refusal);
    }

    private static Optional<String> host(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.empty();
        }
        return Optional.of(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> localKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("this machine (loopback)");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("this machine (the unspecified address)");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (such as a cloud's metadata service)");
        }
        return Optional.empty();
    }
}
