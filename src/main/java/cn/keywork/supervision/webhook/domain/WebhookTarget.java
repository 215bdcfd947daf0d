package cn.keywork.supervision.webhook.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;

/**
 * Where a subscription's URL may point: {@code https} (plain {@code http} only where allowed), no
 * user information, and never an internal address (loopback, private, link-local including the
 * cloud metadata address, unspecified, multicast, shared 100.64.0.0/10, unique-local IPv6) unless
 * its {@code host:port} is allow-listed. The address checks take resolved addresses: resolving
 * blocks, the caller does it on a worker thread.
 */
public record WebhookTarget(URI uri, String host, int port, boolean https) {

    public static final String FIELD = "url";

    /** Checks the form of {@code url}; refuses it on {@code url}. */
    public static WebhookTarget parse(String url, boolean allowHttp) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw invalid(InvalidInput.Reason.FORMAT, DomainMessage.WEBHOOK_URL_MALFORMED);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.isOpaque()) {
            if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
                throw invalid(InvalidInput.Reason.RULE, DomainMessage.WEBHOOK_URL_USERINFO);
            }
            throw invalid(InvalidInput.Reason.FORMAT, DomainMessage.WEBHOOK_URL_MALFORMED);
        }
        if (!"https".equals(scheme) && !(allowHttp && "http".equals(scheme))) {
            throw invalid(InvalidInput.Reason.RULE, DomainMessage.WEBHOOK_URL_SCHEME, allowHttp ? "https, http" : "https");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(InvalidInput.Reason.RULE, DomainMessage.WEBHOOK_URL_USERINFO);
        }
        boolean https = "https".equals(scheme);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        return new WebhookTarget(uri, host, port, https);
    }

    /** {@code host:port} as the allow-list names it. */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public boolean allowListed(Set<String> allowList) {
        return allowList.contains(hostPort());
    }

    /** The path and query to request. */
    public String requestUri() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /**
     * The first address of {@code resolved} the subscription may reach, unless the target is
     * allow-listed (then the first address); refuses when any address is internal.
     */
    public InetAddress permitted(List<InetAddress> resolved, Set<String> allowList) {
        if (resolved.isEmpty()) {
            throw invalid(InvalidInput.Reason.RULE, DomainMessage.WEBHOOK_URL_UNRESOLVED, host);
        }
        if (!allowListed(allowList)) {
            for (InetAddress address : resolved) {
                if (internal(address)) {
                    throw invalid(InvalidInput.Reason.RULE, DomainMessage.WEBHOOK_URL_ADDRESS, host, address.getHostAddress());
                }
            }
        }
        return resolved.get(0);
    }

    /** Whether an address is one a subscription must not reach unless allow-listed. */
    public static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 // this network
                    || (first == 100 && second >= 64 && second <= 127) // shared address space (CGNAT)
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
                return true;
            }
            if (first == 0xfe && (bytes[1] & 0xc0) == 0xc0) { // site-local fec0::/10 (deprecated)
                return true;
            }
            if (mappedIpv4(bytes)) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (java.net.UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mappedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    private static InvalidInput invalid(InvalidInput.Reason reason, DomainMessage message, Object... arguments) {
        return InvalidInput.of(FIELD, reason, message, arguments);
    }
}
