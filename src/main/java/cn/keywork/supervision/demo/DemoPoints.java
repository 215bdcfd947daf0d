package cn.keywork.supervision.demo;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The demo city's rule book 考核细则 of the year (R16), ACTIVE from the start, so the posting
 * consumer turns the demo's slips, lights and tasks into points.
 */
@ApplicationScoped
public class DemoPoints {

    private static final Logger LOG = Logger.getLogger(DemoPoints.class);

    private static final String BOOK = """
            WITH book AS (
              INSERT INTO assessment_rule_book (id, year, version, status, title, base_score, bonus_cap, deduction_cap,
                  objection_days, activated_at, row_version, created_at, updated_at)
              VALUES (gen_random_uuid(), :year, 1, 'ACTIVE', :title, 100, 10, 30, 15, now(), 1, now(), now())
              RETURNING id)
            INSERT INTO assessment_rule (rule_book_id, code, description, event_type, condition, points, applies_to,
                cooperating_share, cap_per_unit, list_order)
            SELECT book.id, r.code, r.description, r.event_type, cast(r.condition AS jsonb), r.points, r.applies_to,
                   r.share, r.cap, r.ord
            FROM book, (VALUES
              ('ORDER_ISSUED', '被下发督办单的，每件扣2分', 'slip.deduction_basis', '{}', -2.0, 'TARGET', 1.0, NULL, 1),
              ('URGING_ISSUED', '被下发催办单的，每件扣0.5分，全年最多扣3分', 'slip.issued', '{"slipType":"URGING"}',
                  -0.5, 'TARGET', 1.0, 3.0, 2),
              ('SLIP_OVERDUE', '督查单逾期未签收或未反馈的，每次扣1分', 'slip.overdue', '{}', -1.0, 'TARGET', 1.0, NULL, 3),
              ('NOT_REPORTED', '月度进展未按时报送的，每次扣0.5分', 'light.changed', '{"light":"NOT_REPORTED"}',
                  -0.5, 'LEAD', 1.0, NULL, 4),
              ('RED_MONTH', '月度亮红灯的，每次扣0.5分，全年最多扣3分', 'light.changed', '{"light":"RED"}',
                  -0.5, 'LEAD', 1.0, 3.0, 5),
              ('TASK_COMPLETED', '任务按期完成的，牵头单位加1分，配合单位按50%计', 'task.completed', '{}',
                  1.0, 'LEAD_AND_COOPERATING', 0.5, NULL, 6),
              ('TASK_UNFINISHED', '年底未完成的任务，牵头单位扣2分', 'task.unfinished', '{}', -2.0, 'LEAD', 1.0, NULL, 7),
              ('EVALUATION_EXCELLENT', '公开评议得分90分以上的，牵头单位加2分，配合单位按50%计', 'evaluation.result_published',
                  '{"scoreAtLeast":90}', 2.0, 'LEAD_AND_COOPERATING', 0.5, NULL, 8),
              ('EVALUATION_TOP3', '公开评议排名前三的，牵头单位加1分', 'evaluation.result_published', '{"rankAtMost":3}',
                  1.0, 'LEAD', 1.0, NULL, 9),
              ('EVALUATION_POOR', '公开评议得分低于60分的，牵头单位扣2分', 'evaluation.result_published', '{"scoreBelow":60}',
                  -2.0, 'LEAD', 1.0, NULL, 10),
              ('INQUIRY_OVERDUE', '质询逾期未答复的，每次扣0.5分', 'evaluation.inquiry_overdue', '{}', -0.5, 'TARGET', 1.0, NULL, 11)
            ) AS r(code, description, event_type, condition, points, applies_to, share, cap, ord)""";

    /** The year's ACTIVE rule book with its rules, in the caller's transaction. */
    Uni<Void> load(int year) {
        return Panache.getSession().chain(session -> session.createNativeQuery(BOOK)
                .setParameter("year", year).setParameter("title", year + "年度重点工作考核细则")
                .executeUpdate())
                .invoke(rules -> LOG.infof("Demo rule book of %d loaded with %d rules", year, rules))
                .replaceWithVoid();
    }
}
