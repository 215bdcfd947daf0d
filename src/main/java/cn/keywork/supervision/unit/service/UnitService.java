package cn.keywork.supervision.unit.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.unit.domain.ContactView;
import cn.keywork.supervision.unit.domain.ContactView.ListedLiaison;
import cn.keywork.supervision.unit.domain.Liaison;
import cn.keywork.supervision.unit.domain.LiaisonDetails;
import cn.keywork.supervision.unit.domain.OrgUnit;
import cn.keywork.supervision.unit.domain.UnitContact;
import cn.keywork.supervision.unit.domain.UnitDetails;
import cn.keywork.supervision.unit.domain.UnitFilter;
import cn.keywork.supervision.unit.domain.UnitView;
import cn.keywork.supervision.unit.repository.ContactRepository;
import cn.keywork.supervision.unit.repository.UnitRepository;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.web.DatabaseFailures;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Registers, changes and removes units and keeps their supervision contacts (R11). */
@ApplicationScoped
public class UnitService {

    private static final Logger LOG = Logger.getLogger(UnitService.class);
    static final String OBJECT_TYPE = "Unit";

    private final UnitRepository units;
    private final ContactRepository contacts;
    private final Clock clock;
    private final AuditTrail audit;

    UnitService(UnitRepository units, ContactRepository contacts, Clock clock, AuditTrail audit) {
        this.units = units;
        this.contacts = contacts;
        this.clock = clock;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<UnitView> register(UnitDetails details) {
        Instant now = clock.instant();
        return checkCode(details.code(), null)
                .chain(() -> checkParent(details.parentId(), null))
                .chain(() -> {
                    OrgUnit unit = OrgUnit.register(details, now);
                    return units.persist(unit)
                            .chain(() -> contacts.persist(UnitContact.emptyFor(unit.id(), now)))
                            .chain(units::flush)
                            .invoke(() -> LOG.debugf("Registered unit %s as %s", details.code(), unit.id()))
                            .call(() -> audit.record(AuditEntry.success("UNIT_CREATED", OBJECT_TYPE, unit.id(),
                                    AuditChanges.created(unit.auditSnapshot()))))
                            .chain(() -> view(unit.id()));
                });
    }

    @WithSession
    public Uni<UnitView> get(UUID id) {
        return view(id);
    }

    /** Unit ids by code, for the codes that exist, in one query. */
    @WithSession
    public Uni<java.util.Map<String, UUID>> idsByCode(java.util.Collection<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return units.getSession().chain(session -> session
                .createSelectionQuery("select u.code, u.id from OrgUnit u where u.code in :codes", Object[].class)
                .setParameter("codes", codes)
                .getResultList())
                .map(rows -> {
                    java.util.Map<String, UUID> ids = new java.util.HashMap<>();
                    rows.forEach(row -> ids.put((String) row[0], (UUID) row[1]));
                    return ids;
                });
    }

    /** Which of these unit ids exist, in one query. */
    @WithSession
    public Uni<java.util.Set<UUID>> existing(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(java.util.Set.of());
        }
        return units.getSession().chain(session -> session
                .createSelectionQuery("select u.id from OrgUnit u where u.id in :ids", UUID.class)
                .setParameter("ids", ids)
                .getResultList())
                .map(java.util.Set::copyOf);
    }

    @WithSession
    public Uni<Page<UnitView>> list(UnitFilter filter, PageRequest page) {
        return units.findViews(filter, page)
                .chain(items -> units.countViews(filter).map(total -> new Page<>(items, page, total)));
    }

    @WithTransaction
    public Uni<UnitView> change(UUID id, long expectedVersion, UnitDetails details, boolean active) {
        return existing(id)
                .invoke(unit -> ETags.check(expectedVersion, unit.version(), "unit"))
                .call(unit -> checkCode(details.code(), id))
                .call(unit -> checkParent(details.parentId(), id))
                .chain(unit -> {
                    Map<String, Object> before = unit.auditSnapshot();
                    unit.change(details, active, clock.instant());
                    return units.flush().call(() -> audit.record(AuditEntry.success("UNIT_UPDATED", OBJECT_TYPE, id,
                            AuditChanges.between(before, unit.auditSnapshot()))));
                })
                .chain(nothing -> view(id));
    }

    /** Removes a unit nothing refers to; one that is referred to must be deactivated instead. */
    @WithTransaction
    public Uni<Void> remove(UUID id, long expectedVersion) {
        return existing(id)
                .invoke(unit -> ETags.check(expectedVersion, unit.version(), "unit"))
                .call(units::delete)
                .call(units::flush)
                .call(unit -> audit.record(AuditEntry.success("UNIT_DELETED", OBJECT_TYPE, id,
                        AuditChanges.removed(unit.auditSnapshot()))))
                .replaceWithVoid()
                .onFailure(failure -> DatabaseFailures.is(failure, DatabaseFailures.FOREIGN_KEY_VIOLATION))
                .transform(failure -> new Conflict(DomainMessage.UNIT_REFERRED_TO));
    }

    /** A unit's contact; phones and e-mail only for ADMIN, OFFICE and the unit itself. */
    @WithSession
    public Uni<ContactView> contact(UUID unitId) {
        Actor actor = RequestScope.actor();
        return existingContact(unitId, Optional.empty()).chain(this::contactView)
                .map(view -> actor.seesPersonalDataOf(unitId) ? view : view.withoutPersonalData());
    }

    @WithTransaction
    public Uni<ContactView> replaceContact(UUID unitId, long expectedVersion, String supervisionBody,
            List<LiaisonDetails> liaisons) {
        checkOnePrimary(liaisons);
        Optional<UUID> scope = RequestScope.actor().unitScope();
        return existingContact(unitId, scope)
                .invoke(contact -> ETags.check(expectedVersion, contact.version(), "supervision contact"))
                .call(contact -> contactView(contact).chain(before -> audit.record(AuditEntry.success(
                        "UNIT_CONTACT_REPLACED", OBJECT_TYPE, unitId, AuditChanges.between(before.auditSnapshot(),
                                ContactView.snapshot(supervisionBody, liaisons))))))
                .call(contact -> contacts.removeLiaisonsOf(unitId))
                .call(contacts::flush)
                .call(contact -> {
                    List<Liaison> rows = new ArrayList<>();
                    for (int i = 0; i < liaisons.size(); i++) {
                        rows.add(Liaison.of(unitId, i, liaisons.get(i)));
                    }
                    return rows.isEmpty() ? Uni.createFrom().voidItem() : contacts.getSession()
                            .chain(session -> session.persistAll(rows.toArray()));
                })
                .invoke(contact -> contact.replace(supervisionBody, clock.instant()))
                .call(contacts::flush)
                .chain(this::contactView);
    }

    private Uni<UnitView> view(UUID id) {
        return units.findView(id).map(found -> found.orElseThrow(() -> new NotFound(DomainMessage.UNIT_NOT_FOUND, id)));
    }

    private Uni<OrgUnit> existing(UUID id) {
        return units.findById(id).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.UNIT_NOT_FOUND, id));
    }

    /** The contact of a unit within the caller's unit scope: another unit's answers 404, as if absent. */
    private Uni<UnitContact> existingContact(UUID unitId, Optional<UUID> scope) {
        return contacts.findWithin(unitId, scope).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.UNIT_NOT_FOUND, unitId));
    }

    private Uni<ContactView> contactView(UnitContact contact) {
        return contacts.liaisonsOf(contact.unitId())
                .map(rows -> new ContactView(contact.unitId(), contact.supervisionBody(),
                        rows.stream().map(row -> new ListedLiaison(row.id(), row.details())).toList(),
                        contact.version(), contact.updatedAt()));
    }

    private Uni<Void> checkCode(String code, UUID self) {
        return units.codeTaken(code, self).invoke(taken -> {
            if (taken) {
                throw new Conflict(DomainMessage.UNIT_CODE_TAKEN, code);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> checkParent(UUID parentId, UUID self) {
        if (parentId == null) {
            return Uni.createFrom().voidItem();
        }
        return units.findById(parentId).chain(parent -> {
            if (parent == null) {
                throw InvalidInput.of("parentId", InvalidInput.Reason.NOT_FOUND, DomainMessage.UNIT_NOT_FOUND, parentId);
            }
            if (self == null) {
                return Uni.createFrom().voidItem();
            }
            return units.isSelfOrAncestor(self, parentId).invoke(cycle -> {
                if (cycle) {
                    throw new Conflict(DomainMessage.UNIT_CYCLE);
                }
            }).replaceWithVoid();
        });
    }

    private static void checkOnePrimary(List<LiaisonDetails> liaisons) {
        long primaries = liaisons.stream().filter(LiaisonDetails::primary).count();
        if (!liaisons.isEmpty() && primaries != 1) {
            throw InvalidInput.of("liaisons", InvalidInput.Reason.RULE, DomainMessage.UNIT_ONE_PRIMARY_LIAISON, primaries);
        }
    }
}
