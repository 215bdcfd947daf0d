package cn.keywork.supervision.account.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.account.domain.AccountView;
import cn.keywork.supervision.account.domain.RefreshToken;
import cn.keywork.supervision.account.domain.SignInLockout;
import cn.keywork.supervision.account.domain.UserAccount;
import cn.keywork.supervision.account.repository.AccountRepository;
import cn.keywork.supervision.account.repository.RefreshTokenRepository;
import cn.keywork.supervision.account.repository.SignInFailureRepository;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RevokedTokens;
import cn.keywork.supervision.serviceaccount.service.ServiceAccountService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Sign-in, refresh, sign-out and password changes. Each step that decides commits its decision
 * (failure counts, lockouts, revocations, audit events) before the caller is refused: a refusal is
 * an outcome, not a rolled-back exception.
 */
@ApplicationScoped
public class AuthService {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The account a sign-in or refresh was granted for, with a fresh refresh token. */
    public record Grant(UUID userId, String username, java.util.Set<cn.keywork.supervision.security.Role> roles,
            UUID unitId, boolean mustChangePassword, String refreshToken) {
    }

    /** A service account's token grant: the token's subject, name, role and unit. */
    public record ClientGrant(UUID userId, String clientId, cn.keywork.supervision.security.Role role, UUID unitId) {
    }

    /** What the password check needs, read before the (slow) check runs outside any transaction. */
    public record Credentials(UUID userId, String passwordHash) {
        static final Credentials UNKNOWN = new Credentials(null, null);
    }

    private final AccountRepository accounts;
    private final RefreshTokenRepository tokens;
    private final AuditTrail audit;
    private final Clock clock;
    private final SupervisionConfig.Security settings;
    private final SignInFailureRepository failures;
    private final SignInLockout lockout;
    private final RevokedTokens revoked;
    private final ServiceAccountService serviceAccounts;

    AuthService(AccountRepository accounts, RefreshTokenRepository tokens, AuditTrail audit, Clock clock,
            SupervisionConfig config, SignInFailureRepository failures, RevokedTokens revoked,
            ServiceAccountService serviceAccounts) {
        this.serviceAccounts = serviceAccounts;
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.settings = config.security();
        this.failures = failures;
        this.revoked = revoked;
        this.lockout = new SignInLockout(
                new SignInLockout.Rule(settings.maxFailedLogins(), settings.lockout()),
                new SignInLockout.Rule(settings.maxFailedLoginsPerAccount(), settings.accountLockout()));
    }

    @WithSession
    public Uni<Credentials> credentials(String username) {
        return accounts.findByUsername(username)
                .map(account -> account == null || account.isService() ? Credentials.UNKNOWN
                        : new Credentials(account.id(), account.passwordHash()));
    }

    /**
     * Records the outcome of a password check from a client address; answers the grant, or null when
     * sign-in is refused. Locks are per address first (see {@link SignInLockout}).
     */
    @WithTransaction
    public Uni<Grant> signIn(String username, boolean passwordMatched, String clientAddress) {
        Instant now = clock.instant();
        String source = sourceOf(clientAddress);
        return accounts.findByUsername(username).chain(account -> {
            if (account == null) {
                return refuse(username, null, "LOGIN_FAILED", "unknown username");
            }
            if (account.isService()) {
                // A program signs in with its client secret, never with a password: refused like a wrong one.
                return refuse(username, actorOf(account), "LOGIN_FAILED", "service account: password sign-in not allowed");
            }
            Actor actor = actorOf(account);
            return failures.of(account.id(), source).chain(fromAddress -> {
                if (lockout.refuses(fromAddress, account.failures(), now)) {
                    return refuse(username, actor, "LOGIN_FAILED", "account locked");
                }
                if (!account.active()) {
                    return refuse(username, actor, "LOGIN_FAILED", "account inactive");
                }
                if (!passwordMatched) {
                    return failures.failed(account.id(), source, lockout.perAddress(), now).chain(counter -> {
                        boolean lockedHere = counter.isLocked(now);
                        boolean lockedEverywhere = account.failedSignIn(lockout.perAccount(), now);
                        if (lockedEverywhere) {
                            return refuse(username, actor, "LOGIN_LOCKED", "locked for every address for "
                                    + lockout.perAccount().lockout().toMinutes() + " minutes after repeated failures");
                        }
                        return refuse(username, actor, lockedHere ? "LOGIN_LOCKED" : "LOGIN_FAILED",
                                lockedHere ? "locked for this address for " + lockout.perAddress().lockout().toMinutes()
                                        + " minutes after repeated failures" : "wrong password");
                    });
                }
                account.signedIn(now);
                return failures.clear(account.id(), source)
                        .chain(() -> newToken(account.id(), UUID.randomUUID(), now))
                        .call(token -> audit.record(actor, AuditEntry.success("LOGIN_SUCCEEDED",
                                AccountService.OBJECT_TYPE, account.id(), null)))
                        .map(token -> grant(account, token));
            });
        });
    }

    /**
     * The OAuth 2.0 client-credentials grant: checks a service account's client id and secret and
     * audits the outcome, granted or refused, in one transaction. Null when refused. Nothing here
     * counts failures against the account: a secret of 256 random bits is not guessed, and the
     * attempts are throttled per client id and address before they get here.
     */
    @WithTransaction
    public Uni<ClientGrant> clientCredentials(String clientId, String secret) {
        return serviceAccounts.verify(clientId, secret).chain(verdict -> {
            if (!verdict.granted()) {
                Actor who = new Actor(null, truncate(clientId), java.util.EnumSet.noneOf(
                        cn.keywork.supervision.security.Role.class), null, false);
                return audit.record(who, AuditEntry.failure("SERVICE_TOKEN_REFUSED", ServiceAccountService.OBJECT_TYPE,
                        verdict.userId(), verdict.refusal())).replaceWith((ClientGrant) null);
            }
            Actor actor = new Actor(verdict.userId(), verdict.clientId(), java.util.EnumSet.of(verdict.role()),
                    verdict.unitId(), false);
            return audit.record(actor, new AuditEntry("SERVICE_TOKEN_ISSUED", ServiceAccountService.OBJECT_TYPE,
                    verdict.userId().toString(), AuditEntry.Outcome.SUCCESS, java.util.Map.of(),
                    verdict.previousSecret() ? "with the previous secret, during its overlap" : null))
                    .replaceWith(new ClientGrant(verdict.userId(), verdict.clientId(), verdict.role(), verdict.unitId()));
        });
    }

    /** Records a client-credentials request refused before any client was checked (malformed, wrong grant type). */
    @WithTransaction
    public Uni<Void> clientRequestRefused(String clientId, String error) {
        Actor who = new Actor(null, clientId == null ? "anonymous" : truncate(clientId), java.util.EnumSet.noneOf(
                cn.keywork.supervision.security.Role.class), null, false);
        return audit.record(who, AuditEntry.failure("SERVICE_TOKEN_REFUSED", ServiceAccountService.OBJECT_TYPE, null, error));
    }

    private static String sourceOf(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return "unknown";
        }
        return clientAddress.length() <= 64 ? clientAddress : clientAddress.substring(0, 64);
    }

    /** Exchanges a refresh token for a new one; a spent token revokes its whole family. Null when refused. */
    @WithTransaction
    public Uni<Grant> refresh(String presented) {
        Instant now = clock.instant();
        return tokens.lockByHash(hash(presented)).chain(token -> {
            if (token == null) {
                return audit.record(AuditEntry.failure("TOKEN_REFRESH_FAILED", "RefreshToken", null, "unknown token"))
                        .replaceWith((Grant) null);
            }
            if (token.isSpent()) {
                return reused(token, now);
            }
            return accounts.findById(token.userId()).chain(account -> {
                if (token.isExpired(now) || account == null || !account.active() || account.isService()) {
                    return audit.record(AuditEntry.failure("TOKEN_REFRESH_FAILED", AccountService.OBJECT_TYPE,
                            token.userId(), token.isExpired(now) ? "expired" : "account inactive"))
                            .replaceWith((Grant) null);
                }
                // Locked and unspent: this exchange wins. The conditional update keeps that true even
                // if the lock were dropped; losers are what they look like, a second use of the token.
                return tokens.spend(token.id(), now).chain(won -> !won ? reused(token, now)
                        : newToken(account.id(), token.familyId(), now)
                                .call(fresh -> audit.record(actorOf(account), AuditEntry.success("TOKEN_REFRESHED",
                                        AccountService.OBJECT_TYPE, account.id(), null)))
                                .map(fresh -> grant(account, fresh)));
            });
        });
    }

    private Uni<Grant> reused(RefreshToken token, Instant now) {
        return tokens.revokeFamily(token.familyId(), now)
                .call(() -> audit.record(AuditEntry.failure("REFRESH_TOKEN_REUSED", AccountService.OBJECT_TYPE,
                        token.userId(), "a spent refresh token was presented again; its sign-in was revoked")))
                .replaceWith((Grant) null);
    }

    /**
     * Ends the sign-in the refresh token belongs to, if it is the caller's, and every access token of
     * the account issued so far (they cannot be told apart by sign-in; other sign-ins simply refresh).
     */
    @WithTransaction
    public Uni<Void> signOut(UUID userId, String presented) {
        Instant now = clock.instant();
        return tokens.findByHash(hash(presented))
                .chain(token -> token != null && token.userId().equals(userId)
                        ? tokens.revokeFamily(token.familyId(), now).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .chain(() -> userId == null ? Uni.createFrom().voidItem()
                        : accounts.findById(userId).invoke(account -> {
                            if (account != null) {
                                account.endSessions();
                                revoked.forget(userId);
                            }
                        }).replaceWithVoid())
                .call(() -> audit.record(AuditEntry.success("LOGOUT", AccountService.OBJECT_TYPE, userId, null)));
    }

    @WithSession
    public Uni<AccountView> me(UUID userId) {
        return accounts.findById(userId).map(account -> account == null ? null : account.view(clock.instant()));
    }

    /** Records a refused password change (wrong current password). */
    @WithTransaction
    public Uni<Void> passwordChangeRefused(UUID userId) {
        return audit.record(AuditEntry.failure("PASSWORD_CHANGE_FAILED", AccountService.OBJECT_TYPE, userId,
                "current password did not match"));
    }

    /** Sets a new, already checked and hashed password; every sign-in of the account ends. */
    @WithTransaction
    public Uni<Void> changePassword(UUID userId, String newHash) {
        Instant now = clock.instant();
        return accounts.findById(userId)
                .invoke(account -> account.setPassword(newHash, false, now))
                .invoke(() -> revoked.forget(userId))
                .call(account -> tokens.revokeAllOf(userId, now))
                .call(accounts::flush)
                .call(account -> audit.record(AuditEntry.success("PASSWORD_CHANGED", AccountService.OBJECT_TYPE, userId, null)))
                .replaceWithVoid();
    }

    /** Expired refresh tokens are of no use to anyone: drop them daily. */
    @Scheduled(cron = "0 10 4 * * ?", timeZone = "Asia/Shanghai")
    @WithTransaction
    Uni<Void> dropExpiredTokens() {
        Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
        return tokens.deleteExpiredBefore(dayAgo).call(() -> failures.deleteStale(dayAgo)).replaceWithVoid();
    }

    private Uni<Grant> refuse(String username, Actor actor, String action, String reason) {
        Actor who = actor != null ? actor : new Actor(null, truncate(username), java.util.EnumSet.noneOf(
                cn.keywork.supervision.security.Role.class), null, false);
        return audit.record(who, AuditEntry.failure(action, AccountService.OBJECT_TYPE,
                actor == null ? null : actor.userId(), reason)).replaceWith((Grant) null);
    }

    private Uni<String> newToken(UUID userId, UUID familyId, Instant now) {
        String value = randomToken();
        RefreshToken token = RefreshToken.issue(userId, familyId, hash(value), now, now.plus(settings.refreshTokenLifetime()));
        return tokens.persist(token).replaceWith(value);
    }

    private static Grant grant(UserAccount account, String refreshToken) {
        return new Grant(account.id(), account.username(), account.roles(), account.unitId(),
                account.mustChangePassword(), refreshToken);
    }

    private static Actor actorOf(UserAccount account) {
        return new Actor(account.id(), account.username(), account.roles(), account.unitId(),
                account.mustChangePassword());
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String username) {
        return username.length() <= 64 ? username : username.substring(0, 64);
    }

    public Duration refreshLifetime() {
        return settings.refreshTokenLifetime();
    }
}
