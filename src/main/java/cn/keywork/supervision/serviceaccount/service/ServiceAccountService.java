package cn.keywork.supervision.serviceaccount.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.account.domain.AccountView;
import cn.keywork.supervision.account.service.AccountService;
import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.serviceaccount.domain.ClientSecrets;
import cn.keywork.supervision.serviceaccount.domain.IssuedSecret;
import cn.keywork.supervision.serviceaccount.domain.ServiceAccount;
import cn.keywork.supervision.serviceaccount.domain.ServiceAccountView;
import cn.keywork.supervision.serviceaccount.repository.ServiceAccountRepository;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Service accounts, managed by ADMIN: creation with a secret shown once, changes, disabling and
 * secret rotation, all audited; and the check of a presented client secret for the token grant.
 */
@ApplicationScoped
public class ServiceAccountService {

    public static final String OBJECT_TYPE = "ServiceAccount";

    /** Who a presented client id and secret authenticate (and with which secret), or why not. */
    public record Verdict(UUID userId, String clientId, Role role, UUID unitId, boolean previousSecret, String refusal) {

        public boolean granted() {
            return refusal == null;
        }

        static Verdict refused(UUID userId, String why) {
            return new Verdict(userId, null, null, null, false, why);
        }
    }

    private final ServiceAccountRepository serviceAccounts;
    private final AccountService accounts;
    private final AuditTrail audit;
    private final Clock clock;

    ServiceAccountService(ServiceAccountRepository serviceAccounts, AccountService accounts, AuditTrail audit, Clock clock) {
        this.serviceAccounts = serviceAccounts;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates the account (an app_user of kind SERVICE) and its credentials; the secret is answered this once. */
    @WithTransaction
    public Uni<IssuedSecret> create(String name, Role role, UUID unitId, String description) {
        Instant now = clock.instant();
        checkScope(role, unitId);
        String clientId = ClientSecrets.newClientId();
        String secret = ClientSecrets.newSecret();
        UUID creator = RequestScope.actor().userId();
        return accounts.openService(clientId, name, role, unitId)
                .chain(userId -> {
                    ServiceAccount account = ServiceAccount.create(userId, clientId, name, description,
                            ClientSecrets.hash(secret), creator, now);
                    Map<String, Object> snapshot = new java.util.LinkedHashMap<>(account.auditSnapshot());
                    snapshot.put("role", role.name());
                    snapshot.put("unitId", unitId == null ? null : unitId.toString());
                    return serviceAccounts.persist(account)
                            .call(serviceAccounts::flush)
                            .call(() -> audit.record(AuditEntry.success("SERVICE_ACCOUNT_CREATED", OBJECT_TYPE, userId,
                                    AuditChanges.created(snapshot))))
                            .chain(saved -> view(saved, now))
                            .map(view -> new IssuedSecret(view, secret));
                });
    }

    @WithSession
    public Uni<ServiceAccountView> get(UUID id) {
        Instant now = clock.instant();
        return existing(id).chain(account -> view(account, now));
    }

    @WithSession
    public Uni<Page<ServiceAccountView>> list(PageRequest page) {
        Instant now = clock.instant();
        return serviceAccounts.page(page).chain(found -> accounts.views(found.stream().map(ServiceAccount::userId).toList())
                .chain(backing -> serviceAccounts.total().map(total -> new Page<>(
                        found.stream().map(account -> view(account, backing.get(account.userId()), now)).toList(),
                        page, total))));
    }

    /**
     * Changes name and description and enables or disables the account; disabling stops its
     * access tokens at once (the cut-off of its app_user row) and refuses new ones.
     */
    @WithTransaction
    public Uni<ServiceAccountView> change(UUID id, long expectedVersion, String name, String description, Boolean active) {
        Instant now = clock.instant();
        return serviceAccounts.lock(id)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.SERVICE_ACCOUNT_NOT_FOUND, id))
                .invoke(account -> ETags.check(expectedVersion, account.version(), "service account"))
                .chain(account -> accounts.views(List.of(id)).chain(backing -> {
                    boolean wasActive = backing.get(id).active();
                    Map<String, Object> before = new java.util.LinkedHashMap<>(account.auditSnapshot());
                    before.put("active", wasActive);
                    account.describe(name, description, now);
                    Uni<Boolean> activation = active == null || active == wasActive ? Uni.createFrom().item(false)
                            : accounts.setServiceActive(id, active);
                    return activation.chain(changed -> {
                        Map<String, Object> after = new java.util.LinkedHashMap<>(account.auditSnapshot());
                        after.put("active", active == null ? wasActive : active);
                        return serviceAccounts.flush()
                                .call(() -> audit.record(AuditEntry.success("SERVICE_ACCOUNT_UPDATED", OBJECT_TYPE, id,
                                        AuditChanges.between(before, after))))
                                .chain(() -> view(account, now));
                    });
                }));
    }

    /** A new secret, answered once; the one in use stays valid for {@code overlap}. */
    @WithTransaction
    public Uni<IssuedSecret> rotate(UUID id, Duration overlap) {
        Instant now = clock.instant();
        String secret = ClientSecrets.newSecret();
        return serviceAccounts.lock(id)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.SERVICE_ACCOUNT_NOT_FOUND, id))
                .invoke(account -> account.rotate(ClientSecrets.hash(secret), overlap, now))
                .call(serviceAccounts::flush)
                .call(account -> audit.record(AuditEntry.success("SERVICE_ACCOUNT_SECRET_ROTATED", OBJECT_TYPE, id, null)))
                .chain(account -> view(account, now))
                .map(view -> new IssuedSecret(view, secret));
    }

    /**
     * Checks a presented client id and secret, in the caller's transaction: the account must exist,
     * be active and the secret match its current one or, during the overlap, the previous one. A
     * granted use is kept as {@code last_used_at}. The caller audits the outcome.
     */
    @WithTransaction
    public Uni<Verdict> verify(String clientId, String secret) {
        Instant now = clock.instant();
        String presented = ClientSecrets.hash(secret);
        return serviceAccounts.findByClientId(clientId).chain(account -> {
            if (account == null) {
                return Uni.createFrom().item(Verdict.refused(null, "unknown client id"));
            }
            ServiceAccount.Match match = account.match(presented, now);
            return accounts.views(List.of(account.userId())).chain(backing -> {
                AccountView holder = backing.get(account.userId());
                if (holder == null || !holder.active()) {
                    return Uni.createFrom().item(Verdict.refused(account.userId(), "service account disabled"));
                }
                if (match == ServiceAccount.Match.NONE) {
                    return Uni.createFrom().item(Verdict.refused(account.userId(), "wrong or expired client secret"));
                }
                // Not a change of the account: its version (ETag) stays.
                return serviceAccounts.markUsed(account.userId(), now)
                        .replaceWith(new Verdict(account.userId(), account.clientId(), holder.roles().iterator().next(),
                                holder.unitId(), match == ServiceAccount.Match.PREVIOUS, null));
            });
        });
    }

    /** Reads the overlap of a rotation: absent is a day, at most seven days. */
    public static Duration overlap(String text) {
        if (text == null) {
            return ServiceAccount.DEFAULT_OVERLAP;
        }
        Duration overlap;
        try {
            overlap = Duration.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidInput.of("overlap", InvalidInput.Reason.FORMAT, DomainMessage.SERVICE_ACCOUNT_OVERLAP_INVALID, text);
        }
        if (overlap.isNegative() || overlap.compareTo(ServiceAccount.MAX_OVERLAP) > 0) {
            throw InvalidInput.of("overlap", InvalidInput.Reason.RANGE, DomainMessage.SERVICE_ACCOUNT_OVERLAP_INVALID, text);
        }
        return overlap;
    }

    /** Programs hold one of the allowed roles; only unit-bound roles take a unit (whose existence the account checks). */
    private static void checkScope(Role role, UUID unitId) {
        if (!ServiceAccount.ROLES.contains(role)) {
            throw InvalidInput.of("role", InvalidInput.Reason.RULE, DomainMessage.SERVICE_ACCOUNT_ROLE_REFUSED, role.name(),
                    String.join(", ", ServiceAccount.ROLES.stream().map(Enum::name).toList()));
        }
        if (unitId != null && !Role.UNIT_BOUND.contains(role)) {
            throw InvalidInput.of("unitId", InvalidInput.Reason.RULE, DomainMessage.SERVICE_ACCOUNT_UNIT_REFUSED, role.name());
        }
    }

    private Uni<ServiceAccount> existing(UUID id) {
        return serviceAccounts.findById(id)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.SERVICE_ACCOUNT_NOT_FOUND, id));
    }

    private Uni<ServiceAccountView> view(ServiceAccount account, Instant now) {
        return accounts.views(List.of(account.userId())).map(backing -> view(account, backing.get(account.userId()), now));
    }

    private static ServiceAccountView view(ServiceAccount account, AccountView holder, Instant now) {
        Role role = holder.roles().isEmpty() ? null : holder.roles().iterator().next();
        return new ServiceAccountView(account.userId(), account.name(), account.description(), account.clientId(), role,
                holder.unitId(), holder.active(), account.lastUsedAt(), account.secretCreatedAt(),
                account.previousExpiresAt(now), account.version(), account.createdAt(), account.updatedAt());
    }
}
