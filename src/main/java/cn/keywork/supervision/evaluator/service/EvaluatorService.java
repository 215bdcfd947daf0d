package cn.keywork.supervision.evaluator.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.account.domain.AccountDetails;
import cn.keywork.supervision.account.service.AccountService;
import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.evaluator.domain.EvaluatorDraft;
import cn.keywork.supervision.evaluator.domain.EvaluatorFilter;
import cn.keywork.supervision.evaluator.domain.EvaluatorRow;
import cn.keywork.supervision.evaluator.repository.EvaluatorRepository;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.unit.service.UnitService;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The evaluator corps (R15), managed by the office: an evaluator is appointed with their
 * EVALUATOR account in one transaction, and disabling the evaluator disables the account. Contact
 * data is answered only to OFFICE, ASSESSMENT and ADMIN (and to the evaluator themself).
 */
@ApplicationScoped
public class EvaluatorService {

    static final String OBJECT_TYPE = "Evaluator";

    private final EvaluatorRepository evaluators;
    private final AccountService accounts;
    private final UnitService units;
    private final AuditTrail audit;
    private final Clock clock;

    EvaluatorService(EvaluatorRepository evaluators, AccountService accounts, UnitService units, AuditTrail audit,
            Clock clock) {
        this.evaluators = evaluators;
        this.accounts = accounts;
        this.units = units;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the actor sees evaluators' mobile and e-mail. */
    public static boolean seesContact(Actor actor) {
        return actor.isSystem() || actor.has(Role.OFFICE) || actor.has(Role.ASSESSMENT) || actor.has(Role.ADMIN);
    }

    @WithSession
    public Uni<Page<EvaluatorRow>> list(EvaluatorFilter filter, PageRequest page) {
        Actor actor = RequestScope.actor();
        return evaluators.page(filter, page).chain(found -> evaluators.count(filter)
                .map(total -> new Page<>(found.stream().map(row -> shown(row, actor)).toList(), page, total)));
    }

    @WithSession
    public Uni<EvaluatorRow> get(UUID id) {
        Actor actor = RequestScope.actor();
        return existing(id, false).map(row -> shown(row, actor));
    }

    /** The signed-in evaluator's own record, contact data included. */
    @WithSession
    public Uni<EvaluatorRow> mine() {
        Actor actor = RequestScope.actor();
        return evaluators.ofAccount(actor.userId())
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.EVALUATOR_NOT_FOUND, actor.username()));
    }

    /** Appoints an evaluator and opens their account ({@code passwordHash} computed off the event loop). */
    @WithTransaction
    public Uni<EvaluatorRow> appoint(EvaluatorDraft draft, String username, String passwordHash) {
        return appoint(draft, username, passwordHash, false);
    }

    /** As above; with {@code passwordFinal} the password need not be changed at first sign-in (the demo's). */
    @WithTransaction
    public Uni<EvaluatorRow> appoint(EvaluatorDraft draft, String username, String passwordHash, boolean passwordFinal) {
        EvaluatorDraft.requireTerm(draft.termFrom(), draft.termTo());
        Instant now = clock.instant();
        return requireUnit(draft.affiliationUnitId())
                .chain(() -> accounts.open(username, new AccountDetails(draft.name(), null, Set.of(Role.EVALUATOR), null,
                        null), passwordHash, passwordFinal))
                .chain(account -> {
                    EvaluatorRow row = new EvaluatorRow(UUID.randomUUID(), draft.kind(), draft.name(), draft.affiliation(),
                            draft.affiliationUnitId(), draft.expertise() == null ? List.of() : List.copyOf(draft.expertise()),
                            draft.termFrom(), draft.termTo(), draft.appointmentDocument(), draft.mobile(), draft.email(),
                            Boolean.TRUE.equals(draft.namePublic()), true, account.id(), account.username(), 1, now, now);
                    return evaluators.insert(row)
                            .call(() -> audit.record(AuditEntry.success("EVALUATOR_APPOINTED", OBJECT_TYPE, row.id(),
                                    AuditChanges.created(row.auditSnapshot()))))
                            .map(nothing -> row);
                });
    }

    /** Changes the fields sent; a change of {@code active} enables or disables the account too. */
    @WithTransaction
    public Uni<EvaluatorRow> change(UUID id, long expectedVersion, EvaluatorDraft draft) {
        Instant now = clock.instant();
        return existing(id, true).chain(row -> {
            ETags.check(expectedVersion, row.version(), "evaluator");
            EvaluatorRow changed = draft.applyTo(row, now);
            Uni<Void> unit = draft.affiliationUnitId() == null ? Uni.createFrom().voidItem()
                    : requireUnit(draft.affiliationUnitId());
            return unit.chain(() -> evaluators.update(changed))
                    .chain(() -> changed.active() == row.active() ? Uni.createFrom().voidItem()
                            : accounts.setActive(row.userId(), changed.active()))
                    .call(() -> audit.record(AuditEntry.success("EVALUATOR_UPDATED", OBJECT_TYPE, id,
                            AuditChanges.between(row.auditSnapshot(), changed.auditSnapshot()))))
                    .map(nothing -> changed);
        });
    }

    private Uni<Void> requireUnit(UUID unitId) {
        if (unitId == null) {
            return Uni.createFrom().voidItem();
        }
        return units.existing(List.of(unitId)).invoke(found -> {
            if (!found.contains(unitId)) {
                throw InvalidInput.of("affiliationUnitId", InvalidInput.Reason.NOT_FOUND, DomainMessage.UNIT_NOT_FOUND, unitId);
            }
        }).replaceWithVoid();
    }

    private Uni<EvaluatorRow> existing(UUID id, boolean lock) {
        return evaluators.find(id, lock).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.EVALUATOR_NOT_FOUND, id));
    }

    private static EvaluatorRow shown(EvaluatorRow row, Actor actor) {
        return seesContact(actor) ? row : row.withoutContact();
    }
}
