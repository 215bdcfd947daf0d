package cn.keywork.supervision.slip.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.keywork.supervision.slip.domain.ProposalDraft;
import cn.keywork.supervision.slip.domain.SlipProposal;
import cn.keywork.supervision.slip.domain.SlipRule;
import cn.keywork.supervision.slip.domain.SlipStatus;
import cn.keywork.supervision.slip.domain.SlipType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The month's proposals (R8, R9), listed and drafted set-based: one statement reads or drafts
 * them for the whole register, evidence included.
 */
@ApplicationScoped
@WithSession
public class SlipProposalRepository {

    private static final UUID NONE = new UUID(0, 0);

    /** What a month's proposals are judged with and worded in. */
    public record Month(String period, LocalDate today, String periodLabel, LocalDate deadline, String deadlineLabel,
            SlipRepository.Snapshot snapshot) {
    }

    private static void bind(Mutiny.SelectionQuery<?> query, Month month) {
        query.setParameter("period", month.period()).setParameter("today", month.today())
                .setParameter("periodLabel", month.periodLabel()).setParameter("deadlineLabel", month.deadlineLabel());
    }

    /** One page of the month's proposals, by task code, with evidence and the draft made from each. */
    public Uni<List<SlipProposal>> page(Month month, int limit, int offset) {
        String sql = SlipSql.proposals() + """
                , page AS (
                  SELECT p.task_id, k.code, k.title, p.type, p.rule, k.lead_unit_id, p.lag, p.light, p.basis_id,
                         p.basis_number, p.requirements, d.id AS slip_id
                  FROM proposal p JOIN key_task k ON k.id = p.task_id
                  LEFT JOIN slip d ON d.task_id = p.task_id AND d.type = p.type
                       AND d.proposal_period = cast(:period AS varchar)
                  ORDER BY k.code NULLS LAST, k.id, p.type LIMIT :limit OFFSET :offset)
                SELECT page.*, cast(""" + SlipSql.evidence("page.task_id") + """
                 AS text) FROM page ORDER BY page.code NULLS LAST, page.task_id, page.type""";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("limit", limit)
                    .setParameter("offset", offset).setParameter("takenAt", month.snapshot().takenAt())
                    .setParameter("evidenceMonths", month.snapshot().months()).setParameter("except", NONE);
            bind(query, month);
            return query.getResultList();
        }).map(rows -> rows.stream().map(r -> new SlipProposal((UUID) r[0], (String) r[1], (String) r[2],
                SlipType.valueOf((String) r[3]), SlipRule.valueOf((String) r[4]), month.period(), List.of((UUID) r[5]),
                new BigDecimal(r[6].toString()), (String) r[7], (UUID) r[8], (String) r[9], (String) r[10],
                month.deadline(), (String) r[12], (UUID) r[11])).toList());
    }

    public Uni<Long> count(Month month) {
        String sql = SlipSql.proposals() + " SELECT count(*) FROM proposal";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class);
            bind(query, month);
            return query.getSingleResult();
        });
    }

    /**
     * Drafts every proposal of the month not drafted yet, with its addressee (the lead unit), its
     * evidence and its {@code slip.drafted} event; supervision orders go to PENDING_APPROVAL (with
     * their move) when {@code submit}. A proposal drafted concurrently is skipped by the unique
     * index on task, type and month. Answers the slips drafted now.
     */
    public Uni<List<ProposalDraft>> draft(Month month, int year, boolean submit, UUID actor, UUID actorUnit, Instant now) {
        String sql = SlipSql.proposals() + """
                , ins AS (
                  INSERT INTO slip (id, type, year, task_id, requirements, response_deadline, status, rule, basis_slip_id,
                                    proposal_period, evidence, drafted_by, version, created_at, updated_at)
                  SELECT gen_random_uuid(), p.type, cast(:year AS int), p.task_id, p.requirements, cast(:deadline AS date),
                         CASE WHEN p.type = 'SUPERVISION' AND cast(:submit AS boolean) THEN 'PENDING_APPROVAL' ELSE 'DRAFT' END,
                         p.rule, p.basis_id, cast(:period AS varchar), """ + SlipSql.evidence("p.task_id") + """
                         , cast(:actor AS uuid), CASE WHEN p.type = 'SUPERVISION' AND cast(:submit AS boolean) THEN 2 ELSE 1 END,
                         cast(:now AS timestamptz), cast(:now AS timestamptz)
                  FROM proposal p
                  WHERE NOT EXISTS (SELECT 1 FROM slip d WHERE d.task_id = p.task_id AND d.type = p.type
                                      AND d.proposal_period = cast(:period AS varchar))
                  ON CONFLICT (task_id, type, proposal_period) WHERE proposal_period IS NOT NULL DO NOTHING
                  RETURNING id, task_id, type, rule, status),
                tu AS (
                  INSERT INTO slip_target_unit (slip_id, unit_id, list_order)
                  SELECT ins.id, k.lead_unit_id, 1 FROM ins JOIN key_task k ON k.id = ins.task_id),
                mv AS (
                  INSERT INTO slip_move (slip_id, number, action, from_status, to_status, actor_id, actor_unit, moved_at)
                  SELECT ins.id, 1, 'SUBMIT_FOR_APPROVAL', 'DRAFT', 'PENDING_APPROVAL', cast(:actor AS uuid),
                         cast(:actorUnit AS uuid), cast(:now AS timestamptz)
                  FROM ins WHERE ins.status = 'PENDING_APPROVAL'),
                ev AS (
                  INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
                  SELECT gen_random_uuid(), 'slip.drafted', 'Slip', ins.id::text, ARRAY[k.lead_unit_id],
                         cast(:period AS varchar),
                         jsonb_strip_nulls(jsonb_build_object('slipType', ins.type, 'taskId', k.id::text, 'code', k.code,
                                                              'rule', ins.rule)),
                         cast(:now AS timestamptz), cast(:actor AS uuid)
                  FROM ins JOIN key_task k ON k.id = ins.task_id),
                evs AS (
                  INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
                  SELECT gen_random_uuid(), 'slip.submitted_for_approval', 'Slip', ins.id::text, ARRAY[k.lead_unit_id],
                         cast(:period AS varchar),
                         jsonb_strip_nulls(jsonb_build_object('slipType', ins.type, 'taskId', k.id::text, 'code', k.code)),
                         cast(:now AS timestamptz), cast(:actor AS uuid)
                  FROM ins JOIN key_task k ON k.id = ins.task_id WHERE ins.status = 'PENDING_APPROVAL')
                SELECT ins.id, ins.task_id, ins.type, ins.rule, ins.status FROM ins""";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("year", year)
                    .setParameter("deadline", month.deadline()).setParameter("submit", submit)
                    .setParameter("actor", actor).setParameter("actorUnit", actorUnit)
                    .setParameter("now", cn.keywork.supervision.persistence.SqlValues.offset(now)).setParameter("takenAt", month.snapshot().takenAt())
                    .setParameter("evidenceMonths", month.snapshot().months()).setParameter("except", NONE);
            bind(query, month);
            return query.getResultList();
        }).map(rows -> rows.stream().map(r -> draft(r, true)).toList());
    }

    /** Every slip drafted from the month's proposals. */
    public Uni<List<ProposalDraft>> drafted(String period) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT s.id, s.task_id, s.type, s.rule, s.status FROM slip s
                WHERE s.proposal_period = cast(:period AS varchar) ORDER BY s.created_at, s.id""", Object[].class)
                .setParameter("period", period).getResultList())
                .map(rows -> rows.stream().map(r -> draft(r, false)).toList());
    }

    private static ProposalDraft draft(Object[] r, boolean created) {
        return new ProposalDraft((UUID) r[0], (UUID) r[1], SlipType.valueOf((String) r[2]), SlipRule.valueOf((String) r[3]),
                SlipStatus.valueOf((String) r[4]), created);
    }
}
