package cn.keywork.supervision.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/** The SMS gateway when none is configured: logs that a message would go out, the number masked, no text. */
@DefaultBean
@ApplicationScoped
public class LoggingSmsGateway implements SmsGateway {

    private static final Logger LOG = Logger.getLogger(LoggingSmsGateway.class);

    @Override
    public Uni<Void> send(String mobile, String text, String reference) {
        LOG.infof("SMS to %s (delivery %s, %d characters) not sent: no SMS gateway configured", mask(mobile), reference,
                text.length());
        return Uni.createFrom().voidItem();
    }

    /** {@code 13800000001} → {@code 138****0001}. */
    public static String mask(String mobile) {
        if (mobile == null || mobile.length() < 7) {
            return "****";
        }
        return mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
    }
}
