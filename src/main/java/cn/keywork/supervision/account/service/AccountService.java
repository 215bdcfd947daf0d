package cn.keywork.supervision.account.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.account.domain.AccountDetails;
import cn.keywork.supervision.account.domain.AccountFilter;
import cn.keywork.supervision.account.domain.AccountView;
import cn.keywork.supervision.account.domain.UserAccount;
import cn.keywork.supervision.account.repository.AccountRepository;
import cn.keywork.supervision.account.repository.RefreshTokenRepository;
import cn.keywork.supervision.account.repository.SignInFailureRepository;
import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.security.RevokedTokens;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.unit.service.UnitService;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Accounts, managed by ADMIN: creation, changes, deactivation and password resets, all audited. */
@ApplicationScoped
public class AccountService {

    static final String OBJECT_TYPE = "User";

    private final AccountRepository accounts;
    private final RefreshTokenRepository tokens;
    private final UnitService units;
    private final AuditTrail audit;
    private final Clock clock;
    private final RevokedTokens revoked;
    private final SignInFailureRepository failures;

    AccountService(AccountRepository accounts, RefreshTokenRepository tokens, UnitService units, AuditTrail audit,
            Clock clock, RevokedTokens revoked, SignInFailureRepository failures) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.units = units;
        this.audit = audit;
        this.clock = clock;
        this.revoked = revoked;
        this.failures = failures;
    }

    /** Opens an account; {@code passwordHash} was computed (off the event loop) from a policy-checked password. */
    @WithTransaction
    public Uni<AccountView> open(String username, AccountDetails details, String passwordHash, boolean passwordFinal) {
        Instant now = clock.instant();
        return checkDetails(details)
                .chain(() -> accounts.findByUsername(username))
                .chain(existing -> {
                    if (existing != null) {
                        throw new Conflict(DomainMessage.ACCOUNT_NAME_TAKEN, username);
                    }
                    UserAccount account = UserAccount.open(username, details, passwordHash, passwordFinal, now);
                    return accounts.persist(account)
                            .call(accounts::flush)
                            .call(saved -> audit.record(AuditEntry.success("USER_CREATED", OBJECT_TYPE, saved.id(),
                                    AuditChanges.created(saved.auditSnapshot()))))
                            .map(saved -> saved.view(now));
                });
    }

    @WithSession
    public Uni<AccountView> get(UUID id) {
        return existing(id).map(account -> account.view(clock.instant()));
    }

    @WithSession
    public Uni<Page<AccountView>> list(AccountFilter filter, PageRequest page) {
        Instant now = clock.instant();
        return accounts.page(filter, page)
                .chain(found -> accounts.count(filter).map(total -> new Page<>(found.stream().map(a -> a.view(now)).toList(),
                        page, total)));
    }

    @WithTransaction
    public Uni<AccountView> change(UUID id, long expectedVersion, AccountDetails details, boolean active) {
        Instant now = clock.instant();
        return checkDetails(details)
                .chain(() -> existing(id))
                .invoke(account -> ETags.check(expectedVersion, account.version(), "account"))
                .chain(account -> {
                    var before = account.auditSnapshot();
                    boolean deactivating = account.active() && !active;
                    if (account.change(details, active, now)) {
                        revoked.forget(id);
                    }
                    Uni<Integer> revokedTokens = deactivating ? tokens.revokeAllOf(id, now) : Uni.createFrom().item(0);
                    return revokedTokens.chain(accounts::flush)
                            .call(() -> audit.record(AuditEntry.success("USER_UPDATED", OBJECT_TYPE, id,
                                    AuditChanges.between(before, account.auditSnapshot()))))
                            .map(nothing -> account.view(now));
                });
    }

    /**
     * Enables or disables an account made with another record (an evaluator's), in the caller's
     * transaction; disabling ends its sign-ins. Audited as any change of an account.
     */
    @WithTransaction
    public Uni<Void> setActive(UUID id, boolean active) {
        Instant now = clock.instant();
        return existing(id).chain(account -> {
            if (account.active() == active) {
                return Uni.createFrom().voidItem();
            }
            var before = account.auditSnapshot();
            if (account.activate(active, now)) {
                revoked.forget(id);
            }
            Uni<Integer> revokedTokens = active ? Uni.createFrom().item(0) : tokens.revokeAllOf(id, now);
            return revokedTokens.chain(accounts::flush)
                    .call(() -> audit.record(AuditEntry.success("USER_UPDATED", OBJECT_TYPE, id,
                            AuditChanges.between(before, account.auditSnapshot()))))
                    .replaceWithVoid();
        });
    }

    /** Sets a temporary password to be changed at next sign-in, lifts a lockout, ends every sign-in. */
    @WithTransaction
    public Uni<Void> resetPassword(UUID id, String passwordHash) {
        Instant now = clock.instant();
        return existing(id)
                .invoke(account -> account.setPassword(passwordHash, true, now))
                .invoke(() -> revoked.forget(id))
                .call(account -> tokens.revokeAllOf(id, now))
                .call(() -> failures.clear(id))
                .call(accounts::flush)
                .call(account -> audit.record(AuditEntry.success("PASSWORD_RESET", OBJECT_TYPE, id, null)))
                .replaceWithVoid();
    }

    /** The id of an account by username, or null. */
    @WithSession
    public Uni<UUID> idOf(String username) {
        return accounts.findByUsername(username).map(account -> account == null || account.isService() ? null : account.id());
    }

    /** Whether an active account with this id holds the role. */
    @WithSession
    public Uni<Boolean> holds(UUID id, Role role) {
        return accounts.findById(id).map(account -> account != null && !account.isService() && account.active()
                && account.roles().contains(role));
    }

    @WithSession
    public Uni<String> usernameOf(UUID id) {
        return existing(id).map(UserAccount::username);
    }

    /**
     * Opens the account behind a service account, in the caller's transaction: one role, and the
     * unit the role needs (checked as for people). Answers its id.
     */
    @WithTransaction
    public Uni<UUID> openService(String clientId, String name, Role role, UUID unitId) {
        Instant now = clock.instant();
        return checkDetails(new AccountDetails(name, unitId, java.util.EnumSet.of(role), null, null))
                .chain(() -> accounts.findByUsername(clientId))
                .chain(existing -> {
                    if (existing != null) {
                        throw new Conflict(DomainMessage.ACCOUNT_NAME_TAKEN, clientId);
                    }
                    UserAccount account = UserAccount.openService(clientId, name, role, unitId, now);
                    return accounts.persist(account).call(accounts::flush).map(UserAccount::id);
                });
    }

    /**
     * Enables or disables the account behind a service account, in the caller's transaction;
     * disabling stops the access tokens issued to it so far. Answers whether anything changed.
     */
    @WithTransaction
    public Uni<Boolean> setServiceActive(UUID id, boolean active) {
        Instant now = clock.instant();
        return accounts.findById(id).chain(account -> {
            if (account == null || !account.isService()) {
                return Uni.createFrom().failure(new NotFound(DomainMessage.ACCOUNT_NOT_FOUND, id));
            }
            if (account.active() == active) {
                return Uni.createFrom().item(false);
            }
            if (account.activate(active, now)) {
                revoked.forget(id);
            }
            return accounts.flush().replaceWith(true);
        });
    }

    /** The accounts behind service accounts (or any accounts) by id, read in one query. */
    @WithSession
    public Uni<java.util.Map<UUID, AccountView>> views(java.util.Collection<UUID> ids) {
        Instant now = clock.instant();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return accounts.list("id in ?1", java.util.List.copyOf(ids)).map(found -> found.stream()
                .collect(java.util.stream.Collectors.toMap(UserAccount::id, account -> account.view(now))));
    }

    private Uni<UserAccount> existing(UUID id) {
        return accounts.findPerson(id).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.ACCOUNT_NOT_FOUND, id));
    }

    /** Roles keep duties apart; unit-bound roles need an existing unit. */
    private Uni<Void> checkDetails(AccountDetails details) {
        if (!Role.separated(details.roles())) {
            return Uni.createFrom().failure(InvalidInput.of("roles", InvalidInput.Reason.RULE,
                    DomainMessage.ACCOUNT_ROLES_SEPARATED));
        }
        boolean needsUnit = details.roles().stream().anyMatch(Role.UNIT_BOUND::contains);
        if (needsUnit && details.unitId() == null) {
            return Uni.createFrom().failure(InvalidInput.of("unitId", InvalidInput.Reason.REQUIRED,
                    DomainMessage.ACCOUNT_UNIT_REQUIRED));
        }
        if (details.unitId() == null) {
            return Uni.createFrom().voidItem();
        }
        return units.existing(java.util.List.of(details.unitId())).invoke(found -> {
            if (!found.contains(details.unitId())) {
                throw InvalidInput.of("unitId", InvalidInput.Reason.NOT_FOUND, DomainMessage.UNIT_NOT_FOUND, details.unitId());
            }
        }).replaceWithVoid();
    }
}
