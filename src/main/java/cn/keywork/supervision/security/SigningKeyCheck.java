package cn.keywork.supervision.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start without keys to sign and verify access tokens, instead of failing at the
 * first sign-in. The embedded default generates them; production configures them.
 */
@ApplicationScoped
public class SigningKeyCheck {

    void onStart(@Observes StartupEvent start, Config config) {
        boolean signs = config.getOptionalValue("smallrye.jwt.sign.key.location", String.class).isPresent()
                || config.getOptionalValue("smallrye.jwt.sign.key", String.class).isPresent();
        boolean verifies = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent();
        if (!signs || !verifies) {
            throw new IllegalStateException("No token signing keys: set SMALLRYE_JWT_SIGN_KEY_LOCATION (private key, PEM) "
                    + "and MP_JWT_VERIFY_PUBLICKEY_LOCATION (public key, PEM); see README, Production.");
        }
    }
}
