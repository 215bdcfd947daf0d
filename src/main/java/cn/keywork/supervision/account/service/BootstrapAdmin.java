package cn.keywork.supervision.account.service;

import java.security.SecureRandom;
import java.util.EnumSet;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import cn.keywork.supervision.account.domain.AccountDetails;
import cn.keywork.supervision.account.repository.AccountRepository;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.PasswordHasher;
import cn.keywork.supervision.security.PasswordPolicy;
import cn.keywork.supervision.security.Role;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * With no ADMIN account, the first start creates {@code admin} with a one-time password, taken from
 * configuration or generated and written once to the log, to be changed at first sign-in. Runs
 * after the demo city, which brings its own administrator.
 */
@ApplicationScoped
public class BootstrapAdmin {

    static final String USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    private static final long LOCK = 0x41444d4eL;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!";

    private final AccountRepository accounts;
    private final AccountService service;
    private final PasswordHasher hasher;
    private final SupervisionConfig config;

    BootstrapAdmin(AccountRepository accounts, AccountService service, PasswordHasher hasher, SupervisionConfig config) {
        this.accounts = accounts;
        this.service = service;
        this.hasher = hasher;
        this.config = config;
    }

    void onStart(@Observes @Priority(200) StartupEvent start) throws Throwable {
        boolean generated = config.security().bootstrap().adminPassword().isEmpty();
        String password = config.security().bootstrap().adminPassword().orElseGet(BootstrapAdmin::generate);
        PasswordPolicy.check(password, USERNAME, "supervision.security.bootstrap.admin-password");
        String hash = hasher.hash(password);
        boolean created = VertxContextSupport.subscribeAndAwait(() -> createIfNoAdmin(hash));
        if (created) {
            LOG.warnf("Created the first administrator '%s'. One-time password%s: %s — it must be changed at first sign-in.",
                    USERNAME, generated ? " (shown once)" : " (from configuration)", generated ? password : "********");
        }
    }

    @WithTransaction
    Uni<Boolean> createIfNoAdmin(String hash) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(" + LOCK + ")").getSingleResult())
                .chain(() -> accounts.anyWithRole(Role.ADMIN.name()))
                .chain(exists -> exists ? Uni.createFrom().item(false)
                        : service.open(USERNAME, new AccountDetails("系统管理员", null, EnumSet.of(Role.ADMIN), null, null),
                                hash, false).map(view -> true));
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password;
        do {
            password = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        } while (!isStrong(password.toString()));
        return password.toString();
    }

    private static boolean isStrong(String password) {
        try {
            PasswordPolicy.check(password, USERNAME, "password");
            return true;
        } catch (RuntimeException weak) {
            return false;
        }
    }
}
