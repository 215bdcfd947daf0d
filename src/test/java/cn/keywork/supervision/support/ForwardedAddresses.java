package cn.keywork.supervision.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service behind a trusted proxy: a test sends {@code X-Forwarded-For} to act from several
 * client addresses.
 */
public class ForwardedAddresses implements QuarkusTestProfile {

    public static final String HEADER = "X-Forwarded-For";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true");
    }
}
