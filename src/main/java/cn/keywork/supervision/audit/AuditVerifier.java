package cn.keywork.supervision.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Walks the audit chain and says what is wrong with it. Without the chain key nobody can forge an
 * event, renumber events or re-link the chain around a removed one; the numbers show removals in
 * the middle; and signed checkpoints, stored or held by an auditor, show removals at the end.
 */
@ApplicationScoped
public class AuditVerifier {

    private static final int BATCH = 2000;
    private static final int MAX_FINDINGS = 20;

    public enum Kind {
        ALTERED, UNLINKED, MISSING, TRUNCATED, UNKEYED, CHECKPOINT_FORGED
    }

    public record Finding(Kind kind, Long seq, Long eventId, String detail) {
    }

    /** A checkpoint the auditor kept outside the service; its signature is checked by the caller. */
    public record HeldCheckpoint(long seq, String headHash, Instant createdAt) {
    }

    public record Result(long checked, Long firstSeq, Long lastSeq, long checkpointsChecked, List<Finding> findings) {

        public boolean intact() {
            return findings.isEmpty();
        }

        public Long firstBrokenId() {
            return findings.stream().map(Finding::eventId).filter(id -> id != null).findFirst().orElse(null);
        }

        public String detail() {
            return findings.isEmpty() ? null : findings.get(0).detail();
        }
    }

    /** Where the kept chain starts: after pruning, the number after the pruned prefix and its last hash. */
    record Anchor(long firstSeq, String hash) {
    }

    /** What the walk has seen so far. */
    private static final class Walk {
        final Anchor anchor;
        final Map<Long, List<AuditCheckpoints.Checkpoint>> checkpoints = new HashMap<>();
        final List<Finding> findings = new ArrayList<>();
        long expectedSeq;
        String previous;
        long checked;
        long checkpointsChecked;
        Long lastSeq;
        Long lastId;
        boolean keyedSeen;
        int lastVersion;

        Walk(Anchor anchor) {
            this.anchor = anchor;
            this.expectedSeq = anchor.firstSeq();
            this.previous = anchor.hash();
        }

        void find(Kind kind, Long seq, Long eventId, String detail) {
            if (findings.size() < MAX_FINDINGS) {
                findings.add(new Finding(kind, seq, eventId, detail));
            }
        }
    }

    private final AuditKeys keys;

    AuditVerifier(AuditKeys keys) {
        this.keys = keys;
    }

    /** Verifies the chain against itself, the stored checkpoints and, if given, a held one. */
    @WithSession
    public Uni<Result> verify(HeldCheckpoint held) {
        return Panache.getSession().chain(session -> anchor(session).chain(anchor -> {
            Walk walk = new Walk(anchor);
            return AuditCheckpoints.from(session, anchor.firstSeq() - 1).chain(stored -> {
                for (AuditCheckpoints.Checkpoint checkpoint : stored) {
                    if (keys.signed(checkpoint.statement(), checkpoint.signature())) {
                        expect(walk, checkpoint);
                    } else {
                        walk.find(Kind.CHECKPOINT_FORGED, checkpoint.seq(), null, "The stored checkpoint at number "
                                + checkpoint.seq() + " of " + checkpoint.createdAt() + " is not signed with the checkpoint key.");
                    }
                }
                if (held != null && held.seq() >= anchor.firstSeq() - 1) {
                    expect(walk, new AuditCheckpoints.Checkpoint(held.seq(), held.headHash(), held.createdAt(), null, null));
                }
                return next(session, walk, anchor.firstSeq() - 1);
            });
        })).map(AuditVerifier::finish);
    }

    private static void expect(Walk walk, AuditCheckpoints.Checkpoint checkpoint) {
        if (checkpoint.seq() == walk.anchor.firstSeq() - 1) {
            walk.checkpointsChecked++;
            if (!checkpoint.headHash().equals(walk.anchor.hash())) {
                walk.find(Kind.TRUNCATED, checkpoint.seq(), null, "The trail's start does not continue from the checkpoint at number "
                        + checkpoint.seq() + " of " + checkpoint.createdAt() + ".");
            }
            return;
        }
        walk.checkpoints.computeIfAbsent(checkpoint.seq(), seq -> new ArrayList<>()).add(checkpoint);
    }

    /**
     * The latest pruning event names the hash the kept chain continues from and the last number it
     * removed; without one the chain starts at number 1 from the genesis hash. The pruning event is
     * itself in the keyed chain, so it cannot be forged.
     */
    private static Uni<Anchor> anchor(Mutiny.Session session) {
        return session.createNativeQuery("SELECT detail FROM audit_event WHERE action = :pruned ORDER BY seq DESC LIMIT 1",
                String.class)
                .setParameter("pruned", AuditPruning.ACTION)
                .getResultList()
                .map(rows -> rows.isEmpty() ? new Anchor(1, AuditHash.GENESIS)
                        : new Anchor(AuditPruning.lastRemovedSeqOf(rows.get(0)) + 1, AuditPruning.anchorOf(rows.get(0))));
    }

    private Uni<Walk> next(Mutiny.Session session, Walk walk, long afterSeq) {
        return session.createNativeQuery("SELECT " + AuditLog.COLUMNS + " FROM audit_event WHERE seq > :after ORDER BY seq LIMIT :batch",
                Object[].class)
                .setParameter("after", afterSeq)
                .setParameter("batch", BATCH)
                .getResultList()
                .chain(rows -> {
                    for (Object[] row : rows) {
                        check(walk, AuditLog.event(row));
                    }
                    return rows.size() < BATCH ? Uni.createFrom().item(walk) : next(session, walk, walk.lastSeq);
                });
    }

    private void check(Walk walk, AuditLog.Event event) {
        walk.checked++;
        if (event.seq() > walk.expectedSeq) {
            long missing = event.seq() - walk.expectedSeq;
            walk.find(Kind.MISSING, walk.expectedSeq, event.id(), (missing == 1 ? "Number " + walk.expectedSeq + " is"
                    : "Numbers " + walk.expectedSeq + " to " + (event.seq() - 1) + " are") + " missing before event "
                    + event.id() + " (number " + event.seq() + "): " + missing + (missing == 1 ? " event was" : " events were")
                    + " removed.");
        }
        if (!event.prevHash().equals(walk.previous)) {
            walk.find(Kind.UNLINKED, event.seq(), event.id(), "Event " + event.id() + " (number " + event.seq()
                    + ") does not link to the event before it.");
        }
        if (event.chainVersion() == AuditHash.KEYED) {
            walk.keyedSeen = true;
            if (!AuditHash.keyed(keys.chainKey(), event.seq(), event.prevHash(), event.stored()).equals(event.hash())) {
                walk.find(Kind.ALTERED, event.seq(), event.id(), "Event " + event.id() + " (number " + event.seq()
                        + ") does not match its keyed hash: changed, or chained without the key.");
            }
        } else {
            if (walk.keyedSeen) {
                walk.find(Kind.UNKEYED, event.seq(), event.id(), "Event " + event.id() + " (number " + event.seq()
                        + ") is chained without the key after the chain was keyed.");
            }
            if (!AuditHash.of(event.prevHash(), event.stored()).equals(event.hash())) {
                walk.find(Kind.ALTERED, event.seq(), event.id(), "Event " + event.id() + " (number " + event.seq()
                        + ") does not match its hash.");
            }
        }
        List<AuditCheckpoints.Checkpoint> expected = walk.checkpoints.remove(event.seq());
        if (expected != null) {
            for (AuditCheckpoints.Checkpoint checkpoint : expected) {
                walk.checkpointsChecked++;
                if (!checkpoint.headHash().equals(event.hash())) {
                    walk.find(Kind.TRUNCATED, event.seq(), event.id(), "Event " + event.id() + " (number " + event.seq()
                            + ") is not the one the checkpoint of " + checkpoint.createdAt()
                            + " signed: the trail was cut and rewritten from there or before.");
                }
            }
        }
        walk.previous = event.hash();
        walk.expectedSeq = event.seq() + 1;
        walk.lastSeq = event.seq();
        walk.lastId = event.id();
        walk.lastVersion = event.chainVersion();
    }

    private static Result finish(Walk walk) {
        if (walk.lastSeq != null && walk.lastVersion != AuditHash.KEYED) {
            walk.find(Kind.UNKEYED, walk.lastSeq, walk.lastId, "The trail ends in events chained without the key "
                    + "(number " + walk.lastSeq + "): a keyed service always ends it with keyed events.");
        }
        // Checkpoints left over name numbers the trail no longer has (removed in the middle: already
        // reported as missing; beyond the end: cut off). The furthest one tells how far it reached.
        walk.checkpoints.keySet().stream().filter(seq -> walk.lastSeq == null || seq > walk.lastSeq)
                .max(Long::compare).ifPresent(furthest -> {
                    long beyond = walk.checkpoints.entrySet().stream()
                            .filter(entry -> walk.lastSeq == null || entry.getKey() > walk.lastSeq)
                            .mapToLong(entry -> entry.getValue().size()).sum();
                    walk.checkpointsChecked += beyond;
                    walk.find(Kind.TRUNCATED, furthest, null, "The trail ends at number "
                            + (walk.lastSeq == null ? walk.anchor.firstSeq() - 1 : walk.lastSeq) + ", before the number "
                            + furthest + " a signed checkpoint of " + walk.checkpoints.get(furthest).get(0).createdAt()
                            + " reached: the newest events were removed.");
                });
        return new Result(walk.checked, walk.lastSeq == null ? null : walk.anchor.firstSeq(), walk.lastSeq,
                walk.checkpointsChecked, List.copyOf(walk.findings));
    }
}
