package cn.keywork.supervision.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.keywork.supervision.platform.SupervisionConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The demo city's slips, problems and joint meeting (R6–R10), read against rule R9's timeline. Last
 * month L is the closed one. The urging slips (R8, red) are last month's: issued by the office early
 * in L on the figures of the month before (their {@code period_at_issue}, lag and light), one for
 * every task red then, numbered 1..n, all past their response deadlines by now. Their fates follow
 * L's figures: exactly one stays acknowledged without an answer, its task still red in L and no
 * better, so that the proposals of L hold one supervision order (R9) the office can draft at once;
 * where the task improved, one or two have their response accepted and await closing, the rest are
 * closed as resolved. One more urging slip was issued this month on L's figures and is not yet signed
 * for. Beside them an assignment slip (R7) on a leader's instruction (a task without a document
 * number), signed for; four problems (one from a report's coordination request and answered, one
 * assigned, one opened by the meeting, one reported to the city leaders); and a joint meeting held by
 * the lead unit of the overdue slip's task. All set-based, in the demo's loading transaction, with
 * times taken from the demo's clock. Like the reports, these rows append no domain events. In January
 * and February there is no month before the closed one in the year, and no slips are loaded.
 */
@ApplicationScoped
public class DemoSlips {

    private static final Logger LOG = Logger.getLogger(DemoSlips.class);

    private final Clock clock;
    private final ZoneId zone;
    private final String urgingPrefix;
    private final String assignmentPrefix;

    DemoSlips(Clock clock, SupervisionConfig config,
            @ConfigProperty(name = "supervision.slips.prefix.urging", defaultValue = "督催") String urgingPrefix,
            @ConfigProperty(name = "supervision.slips.prefix.assignment", defaultValue = "督交") String assignmentPrefix) {
        this.clock = clock;
        this.zone = config.timeZone();
        this.urgingPrefix = urgingPrefix;
        this.assignmentPrefix = assignmentPrefix;
    }

    /** Loads the slips, problems and meeting of {@code last}, the month the demo closed; must run in the demo's transaction. */
    Uni<Void> load(YearMonth last) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        // the urging slips rest on the month before the closed one: none in January or February
        if (last == null || !last.plusMonths(1).equals(YearMonth.from(today)) || last.getMonthValue() == 1) {
            return Uni.createFrom().voidItem();
        }
        YearMonth previous = last.minusMonths(1);
        Instant start = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant previousStart = last.atDay(1).atStartOfDay(zone).toInstant();
        ZoneOffset offset = zone.getRules().getOffset(now);
        long begun = System.nanoTime();
        return Panache.getSession().chain(session -> session.createNativeQuery(CLOCK)
                .setParameter("period", last.toString())
                .setParameter("previous", previous.toString())
                .setParameter("previousStart", previousStart.atOffset(ZoneOffset.UTC))
                .setParameter("previousName", previous.getYear() + "年" + previous.getMonthValue() + "月")
                .setParameter("year", today.getYear())
                .setParameter("start", start.atOffset(ZoneOffset.UTC))
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("today", today)
                .setParameter("zone", zone.getId())
                .setParameter("offset", offset.getId())
                .setParameter("month", last.getYear() + "年" + last.getMonthValue() + "月")
                .setParameter("urging", urgingPrefix)
                .setParameter("assignment", assignmentPrefix)
                .executeUpdate())
                .chain(() -> Multi.createFrom().iterable(STATEMENTS)
                        .onItem().transformToUniAndConcatenate(DemoSlips::run)
                        .collect().last())
                .invoke(() -> LOG.infof("Demo slips, problems and joint meeting of %s loaded in %s ms", last,
                        (System.nanoTime() - begun) / 1_000_000))
                .replaceWithVoid();
    }

    private static Uni<Integer> run(String sql) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql).executeUpdate());
    }

    /** The demo's clock and the few names every statement below reads. */
    private static final String CLOCK = """
            CREATE TEMP TABLE demo_clock ON COMMIT DROP AS
            SELECT cast(:period AS text) AS period, cast(:previous AS text) AS previous,
                   cast(:previousStart AS timestamptz) AS previous_start, cast(:previousName AS text) AS previous_name,
                   cast(:year AS int) AS year, cast(:start AS timestamptz) AS start,
                   cast(:now AS timestamptz) AS now, cast(:today AS date) AS today, cast(:zone AS text) AS zone,
                   cast(:offset AS text) AS utc_offset, cast(:month AS text) AS month_name,
                   cast(:urging AS text) AS urging_prefix, cast(:assignment AS text) AS assignment_prefix,
                   (SELECT u.id FROM app_user u WHERE u.username = 'office') AS office_id,
                   (SELECT u.unit_id FROM app_user u WHERE u.username = 'office') AS office_unit""";

    /**
     * One row per slip with its fate and times. The urging slips of the month before the closed one
     * (its figures, on which they were issued) are issued on the third day of the closed month and
     * numbered in the order of their issue (by task code); their fates follow the closed month's
     * figures: the task red in both months whose lag did not shrink, the largest lag first, keeps its
     * slip acknowledged and past the deadline (the one R9 proposal); where the lag shrank, the last
     * one or two (by code) have their response accepted and await closing, the rest are closed as
     * resolved. A task still red and no better that is not the pick also has its slip closed as
     * resolved: the office closed it during the closed month, on the unit's measures, before that
     * month's figures were known; R8 then proposes a new urging slip for it. DemoProgress keeps a
     * task in ten red all year with the same lag, so real data provides the pick. The last urging
     * slip is issued this month on the closed month's figures, for the first task red then and not
     * the month before, within the acknowledgement window so it is not yet overdue.
     */
    private static final String SLIPS = """
            CREATE TEMP TABLE demo_slip ON COMMIT DROP AS
            WITH fig AS (
                SELECT t.id AS task_id, t.code, t.title, t.lead_unit_id,
                       p.planned AS p_planned, p.actual AS p_actual, p.lag AS p_lag, p.light AS p_light,
                       l.planned AS l_planned, l.actual AS l_actual, l.lag AS l_lag, l.light AS l_light
                  FROM key_task t CROSS JOIN demo_clock c
                  LEFT JOIN progress_figure p ON p.task_id = t.id AND p.period = c.previous
                  LEFT JOIN progress_figure l ON l.task_id = t.id AND l.period = c.period
                 WHERE t.year = c.year AND t.code IS NOT NULL
            ), pick AS (
                SELECT f.task_id FROM fig f
                 WHERE f.p_light = 'RED' AND f.l_light = 'RED' AND f.l_lag >= f.p_lag
                 ORDER BY f.l_lag DESC, f.code LIMIT 1
            ), red AS (
                SELECT f.*, row_number() OVER (ORDER BY f.code)::int AS k,
                       coalesce(f.l_lag < f.p_lag, false) AS improved,
                       row_number() OVER (PARTITION BY coalesce(f.l_lag < f.p_lag, false) ORDER BY f.code DESC)::int AS j,
                       (count(*) FILTER (WHERE f.l_lag < f.p_lag) OVER ())::int AS m
                  FROM fig f WHERE f.p_light = 'RED'
            ), urging AS (
                SELECT r.task_id, r.title, r.lead_unit_id, r.p_planned AS planned, r.p_actual AS actual, r.p_lag AS lag,
                       r.p_light AS light, r.k, c.previous AS period_at_issue, c.previous_name AS month_name,
                       CASE WHEN r.task_id = (SELECT task_id FROM pick) THEN 'OVERDUE'
                            WHEN r.improved AND r.m >= 2 AND (r.j = 1 OR (r.j = 2 AND r.m >= 4)) THEN 'RESPONDED'
                            ELSE 'CLOSED' END AS fate,
                       c.previous_start + interval '2 days 9 hours' + (r.k - 1) * interval '25 minutes' AS issued_at
                  FROM red r CROSS JOIN demo_clock c
                UNION ALL
                SELECT f.task_id, f.title, f.lead_unit_id, f.l_planned, f.l_actual, f.l_lag, f.l_light,
                       (SELECT count(*) FROM red)::int + 1, c.period, c.month_name, 'ISSUED',
                       greatest(CASE WHEN c.now >= (c.today + time '10:30') AT TIME ZONE c.zone
                                     THEN (c.today + time '09:30') AT TIME ZONE c.zone
                                     ELSE (c.today - 1 + time '15:30') AT TIME ZONE c.zone END,
                                c.start + (c.now - c.start) * 0.5)
                  FROM fig f CROSS JOIN demo_clock c
                 WHERE f.task_id = (SELECT x.task_id FROM fig x WHERE x.l_light = 'RED' AND x.p_light IS DISTINCT FROM 'RED'
                                     ORDER BY x.code LIMIT 1)
            ), issued AS (
                SELECT gen_random_uuid() AS id, 'URGING'::varchar(16) AS type, 'R8_RED'::varchar(20) AS rule, u.k AS serial,
                       u.task_id, u.title, u.lead_unit_id, u.planned, u.actual, u.lag, u.light, u.fate, u.k,
                       u.period_at_issue, u.month_name, u.issued_at
                  FROM urging u
                UNION ALL
                SELECT gen_random_uuid(), 'ASSIGNMENT', 'R7', 1, t.id, t.title, t.lead_unit_id, NULL, NULL, NULL, NULL,
                       'ACKNOWLEDGED', 0, c.period, c.month_name,
                       greatest((c.today - 4 + time '10:00') AT TIME ZONE c.zone, c.start + (c.now - c.start) * 0.4)
                  FROM key_task t CROSS JOIN demo_clock c
                 WHERE t.id = (SELECT x.id FROM key_task x, demo_clock y
                                WHERE x.year = y.year AND x.document_number IS NULL AND x.code IS NOT NULL
                                ORDER BY x.code LIMIT 1)
            ), timed AS (
                SELECT i.*, (i.issued_at AT TIME ZONE c.zone)::date AS issued_on,
                       i.issued_at - least(interval '1 hour', (i.issued_at - c.previous_start) / 2) AS drafted_at,
                       i.issued_at + least(interval '4 hours', (c.now - i.issued_at) * 0.1) AS acknowledged_at,
                       least(((i.issued_at AT TIME ZONE c.zone)::date + 3 + time '16:00') AT TIME ZONE c.zone,
                             i.issued_at + (c.now - i.issued_at) * 0.5) AS responded_at
                  FROM issued i CROSS JOIN demo_clock c
            ), decided AS (
                SELECT t.*, t.responded_at + least(interval '18 hours', (c.now - t.responded_at) * 0.3) AS accepted_at,
                       CASE WHEN t.type = 'ASSIGNMENT' THEN t.issued_on + 15 ELSE t.issued_on + 10 END AS deadline
                  FROM timed t CROSS JOIN demo_clock c
            )
            SELECT d.*, d.accepted_at + least(interval '2 hours', (c.now - d.accepted_at) * 0.3) AS closed_at,
                   CASE d.fate WHEN 'ISSUED' THEN 'ISSUED' WHEN 'RESPONDED' THEN 'RESPONDED' WHEN 'CLOSED' THEN 'CLOSED'
                               ELSE 'ACKNOWLEDGED' END::varchar(20) AS status,
                   CASE d.fate WHEN 'ISSUED' THEN 1 WHEN 'RESPONDED' THEN 4 WHEN 'CLOSED' THEN 5 ELSE 2 END AS moves,
                   CASE d.type WHEN 'URGING' THEN c.urging_prefix ELSE c.assignment_prefix END
                       || '〔' || c.year || '〕' || d.serial || '号' AS number,
                   (SELECT u.id FROM app_user u JOIN org_unit o ON o.id = u.unit_id
                     WHERE o.id = d.lead_unit_id AND u.username = 'liaison-' || lower(o.code)) AS liaison_id,
                   CASE WHEN d.type = 'ASSIGNMENT'
                        THEN '根据市政府领导批示精神，现将“' || d.title || '”交你单位牵头办理。请明确责任领导和具体责任人，'
                             || '细化工作举措和时间节点，于' || to_char(d.deadline, 'YYYY"年"FMMM"月"FMDD"日"')
                             || '前将办理情况书面反馈市督查室。'
                        ELSE '经核查，你单位牵头的“' || d.title || '”' || d.month_name || '计划进度 ' || trim_scale(d.planned)
                             || '%，实际完成 ' || trim_scale(d.actual) || '%，滞后序时进度 ' || trim_scale(d.lag)
                             || ' 个百分点，亮红灯。请接单后立即研究整改措施，倒排工期、挂图作战，尽快赶上序时进度，并于'
                             || to_char(d.deadline, 'YYYY"年"FMMM"月"FMDD"日"') || '前将整改措施和推进情况书面反馈市督查室。'
                   END AS requirements,
                   CASE WHEN d.k % 2 = 0
                        THEN '收到催办单后，我单位即召开专题推进会，成立工作专班，倒排工期、增加作业面，协调落实项目资金 '
                             || '2000 万元；预计两个月内赶上序时进度，每周向市督查室报送推进情况。'
                        ELSE '我单位已对照催办要求逐项整改：主要负责同志现场调度，解决征地拆迁遗留问题 3 项，'
                             || '夜间加班施工，本月进度已明显加快；下一步将按周盯紧节点，确保按期完成年度目标。' END AS response_text
              FROM decided d CROSS JOIN demo_clock c""";

    private static final String SLIP_ROWS = """
            INSERT INTO slip (id, type, year, number, serial, task_id, requirements, response_deadline, status, outcome,
                              evidence, response_accepted, drafted_by, issued_by, issued_at, acknowledged_at, closed_at,
                              version, created_at, updated_at, rule, proposal_period, period_at_issue, lag_at_issue,
                              light_at_issue)
            SELECT d.id, d.type, c.year, d.number, d.serial, d.task_id, d.requirements, d.deadline, d.status,
                   CASE WHEN d.status = 'CLOSED' THEN 'RESOLVED' END,
                   jsonb_build_object(
                       'takenAt', to_char(d.drafted_at AT TIME ZONE c.zone, 'YYYY-MM-DD"T"HH24:MI:SS') || c.utc_offset,
                       'months', coalesce((SELECT jsonb_agg(jsonb_build_object('period', trim(f.period), 'planned', f.planned,
                                                  'actual', f.actual, 'lag', f.lag, 'light', f.light) ORDER BY f.period DESC)
                                             FROM (SELECT * FROM progress_figure x WHERE x.task_id = d.task_id AND x.period <= d.period_at_issue
                                                    ORDER BY x.period DESC LIMIT 3) f), '[]'::jsonb),
                       'reports', coalesce((SELECT jsonb_agg(jsonb_build_object('period', trim(m.period), 'status', m.status,
                                                   'late', m.late) ORDER BY m.period DESC)
                                              FROM (SELECT r.period, r.status, r.late FROM progress_report r
                                                     WHERE r.task_id = d.task_id AND r.period <= d.period_at_issue
                                                       AND (r.late OR r.status = 'NOT_REPORTED')
                                                    UNION
                                                    SELECT f.period, f.report_status, false FROM progress_figure f
                                                     WHERE f.task_id = d.task_id AND f.period <= d.period_at_issue
                                                       AND f.light = 'NOT_REPORTED'
                                                       AND NOT EXISTS (SELECT 1 FROM progress_report x
                                                                        WHERE x.task_id = f.task_id AND x.period = f.period)
                                                    ORDER BY 1 DESC LIMIT 12) m), '[]'::jsonb),
                       'earlierSlips', '[]'::jsonb),
                   d.moves >= 4, c.office_id, c.office_id, d.issued_at,
                   CASE WHEN d.moves >= 2 THEN d.acknowledged_at END, CASE WHEN d.moves >= 5 THEN d.closed_at END,
                   d.moves + 1, d.drafted_at,
                   CASE d.moves WHEN 1 THEN d.issued_at WHEN 2 THEN d.acknowledged_at WHEN 3 THEN d.responded_at
                                WHEN 4 THEN d.accepted_at ELSE d.closed_at END,
                   d.rule, CASE WHEN d.type = 'URGING' THEN d.period_at_issue END, d.period_at_issue, d.lag, d.light
              FROM demo_slip d CROSS JOIN demo_clock c""";

    private static final String TARGETS = """
            INSERT INTO slip_target_unit (slip_id, unit_id, list_order)
            SELECT d.id, d.lead_unit_id, 1 FROM demo_slip d""";

    /** Every move up to the slip's status, in order, with who made it and when. */
    private static final String MOVES = """
            INSERT INTO slip_move (slip_id, number, action, from_status, to_status, comment, outcome, actor_id, actor_unit, moved_at)
            SELECT d.id, m.number, m.action, m.from_status, m.to_status, m.comment, m.outcome, m.actor, m.unit, m.at
              FROM demo_slip d CROSS JOIN demo_clock c CROSS JOIN LATERAL (VALUES
                  (1, 'ISSUE', 'DRAFT', 'ISSUED', NULL::varchar, NULL::varchar, c.office_id, c.office_unit, d.issued_at),
                  (2, 'ACKNOWLEDGE', 'ISSUED', 'ACKNOWLEDGED', NULL, NULL, d.liaison_id, d.lead_unit_id, d.acknowledged_at),
                  (3, 'RESPOND', 'ACKNOWLEDGED', 'RESPONDED', d.response_text, NULL, d.liaison_id, d.lead_unit_id, d.responded_at),
                  (4, 'ACCEPT_RESPONSE', 'RESPONDED', 'RESPONDED', '整改措施具体可行，予以认可，请按计划抓好落实。', NULL,
                      c.office_id, c.office_unit, d.accepted_at),
                  (5, 'CLOSE', 'RESPONDED', 'CLOSED', '反馈措施已落实，予以办结，后续纳入月度跟踪。', 'RESOLVED',
                      c.office_id, c.office_unit, d.closed_at)
              ) AS m(number, action, from_status, to_status, comment, outcome, actor, unit, at)
             WHERE m.number <= d.moves""";

    private static final String RESPONSES = """
            INSERT INTO slip_response (slip_id, number, unit_id, text, responded_by, responded_at, decision, decided_by,
                                       decided_at, decision_note)
            SELECT d.id, 1, d.lead_unit_id, d.response_text, d.liaison_id, d.responded_at,
                   CASE WHEN d.moves >= 4 THEN 'ACCEPTED' END, CASE WHEN d.moves >= 4 THEN c.office_id END,
                   CASE WHEN d.moves >= 4 THEN d.accepted_at END,
                   CASE WHEN d.moves >= 4 THEN '整改措施具体可行，予以认可，请按计划抓好落实。' END
              FROM demo_slip d CROSS JOIN demo_clock c
             WHERE d.moves >= 3""";

    private static final String COUNTERS = """
            INSERT INTO slip_number_counter (type, year, last_number)
            SELECT d.type, c.year, max(d.serial) FROM demo_slip d CROSS JOIN demo_clock c GROUP BY d.type, c.year
            ON CONFLICT (type, year) DO UPDATE SET last_number = excluded.last_number""";

    /**
     * The tasks the problems and the meeting are about: the overdue slip's task holds the meeting,
     * the next red ones carry the coordination request and the assigned problem, the last red one the
     * problem reported to the leaders; each with its first cooperating unit (or its lead unit).
     */
    private static final String PICKS = """
            CREATE TEMP TABLE demo_pick ON COMMIT DROP AS
            WITH urging AS (
                SELECT d.task_id, d.title, d.lead_unit_id, d.lag, d.month_name, d.fate,
                       row_number() OVER (ORDER BY d.fate <> 'OVERDUE', d.serial)::int AS serial, count(*) OVER () AS n
                  FROM demo_slip d WHERE d.type = 'URGING'
            )
            SELECT p.role, u.task_id, u.title, u.lead_unit_id, u.lag, u.month_name,
                   coalesce((SELECT k.unit_id FROM key_task_cooperation k WHERE k.task_id = u.task_id
                              ORDER BY k.list_order LIMIT 1), u.lead_unit_id) AS helper_id,
                   gen_random_uuid() AS problem_id
              FROM (VALUES ('MEETING', 1), ('REQUEST', 2), ('ASSIGNED', 3), ('LEADERS', 99)) AS p(role, serial)
              JOIN urging u ON u.serial = least(p.serial, u.n)""";

    /** The coordination request (需协调解决事项) of a red task's report of the closed month, also in its submitted version. */
    private static final String REQUEST = """
            INSERT INTO progress_report_coordination (report_id, list_order, description, unit_ids)
            SELECT r.id, 0, '项目施工用地移交滞后，涉及征地拆迁和管线迁改，需' || o.name || '协调相关单位加快办理，确保作业面及时移交。',
                   ARRAY[p.helper_id]
              FROM demo_pick p JOIN org_unit o ON o.id = p.helper_id CROSS JOIN demo_clock c
              JOIN progress_report r ON r.task_id = p.task_id AND r.period = c.period
             WHERE p.role = 'REQUEST'""";

    private static final String REQUEST_VERSION = """
            UPDATE progress_report_version v
               SET content = jsonb_set(v.content, '{coordinationRequests}',
                       (SELECT jsonb_agg(jsonb_build_object('description', q.description, 'unitIds', to_jsonb(q.unit_ids))
                                         ORDER BY q.list_order)
                          FROM progress_report_coordination q WHERE q.report_id = v.report_id))
             WHERE v.number = 1 AND EXISTS (SELECT 1 FROM progress_report_coordination q WHERE q.report_id = v.report_id)""";

    /**
     * Four problems: the coordination request turned into one by the office and answered by the unit
     * asked; one found in supervision and assigned; one opened by the joint meeting; one reported to the
     * city leaders.
     */
    private static final String PROBLEMS = """
            INSERT INTO problem (id, task_id, description, raised_by_office, raised_by_unit_id, source, source_period,
                                 source_index, assigned_unit_ids, deadline, status, status_comment, created_by, version,
                                 created_at, updated_at)
            SELECT p.problem_id, p.task_id, x.description, x.office, x.raised_by, x.source, x.period, x.index,
                   x.assigned, (x.created_at AT TIME ZONE c.zone)::date + x.days, x.status, x.comment,
                   CASE WHEN x.source = 'JOINT_MEETING' THEN (SELECT u.id FROM app_user u WHERE u.username = 'liaison-' || lower(l.code))
                        ELSE c.office_id END,
                   x.version, x.created_at, x.updated_at
              FROM demo_pick p CROSS JOIN demo_clock c
              JOIN org_unit h ON h.id = p.helper_id
              JOIN org_unit l ON l.id = p.lead_unit_id
              CROSS JOIN LATERAL (SELECT least(c.start + interval '1 day 10 hours', c.start + (c.now - c.start) * 0.15) AS request_at,
                                         least(c.start + interval '4 days 15 hours', c.start + (c.now - c.start) * 0.2) AS found_at,
                                         greatest((c.today - 3 + time '11:00') AT TIME ZONE c.zone,
                                                  c.start + (c.now - c.start) * 0.4) AS assigned_at,
                                         (SELECT least((s.issued_on + 5 + time '15:00') AT TIME ZONE c.zone,
                                                       s.issued_at + (c.now - s.issued_at) * 0.4)
                                            FROM demo_slip s WHERE s.task_id = p.task_id AND s.type = 'URGING') AS held_at) t
              CROSS JOIN LATERAL (VALUES
                  ('REQUEST', (SELECT q.description FROM progress_report_coordination q JOIN progress_report r ON r.id = q.report_id
                                WHERE r.task_id = p.task_id AND r.period = c.period AND q.list_order = 0),
                   false, p.lead_unit_id, 'COORDINATION_REQUEST', c.period, 0, ARRAY[p.helper_id], 15, 'ANSWERED',
                   NULL::varchar, 2, t.request_at, t.request_at + least(interval '8 days', (c.now - t.request_at) * 0.5)),
                  ('ASSIGNED', '督查发现项目施工许可和规划验线手续办理滞后，影响主体工程开工，请' || h.short_name || '限期协助办结。',
                   true, NULL::uuid, 'SUPERVISION', NULL::char(7), NULL::int, ARRAY[p.helper_id], 15, 'ASSIGNED',
                   NULL, 1, t.assigned_at, t.assigned_at),
                  ('MEETING', '施工作业面交叉、管线迁改进度慢，由' || h.short_name || '牵头会同相关单位解决施工用地移交问题。',
                   false, p.lead_unit_id, 'JOINT_MEETING', NULL, NULL, ARRAY[p.helper_id], 30, 'ASSIGNED',
                   NULL, 1, t.held_at, t.held_at),
                  ('LEADERS', '项目建设资金缺口较大，涉及市区两级资金统筹，非牵头单位能够单独解决。',
                   true, NULL, 'SUPERVISION', NULL, NULL, ARRAY[]::uuid[], NULL, 'REPORTED_TO_LEADERS',
                   '涉及跨部门资金统筹，已提请市政府分管领导协调解决。', 2, t.found_at,
                   t.found_at + least(interval '3 days', (c.now - t.found_at) * 0.5))
              ) AS x(role, description, office, raised_by, source, period, index, assigned, days, status, comment, version,
                     created_at, updated_at)
             WHERE x.role = p.role""";

    private static final String ANSWERS = """
            INSERT INTO problem_answer (problem_id, number, unit_id, text, answered_by, answered_at)
            SELECT q.id, 1, q.assigned_unit_ids[1], '已会同自然资源、供电、通信等单位召开协调会，明确征地拆迁和管线迁改时间表，'
                   || '预计下月底前完成施工用地移交。', u.id, q.updated_at
              FROM problem q JOIN org_unit o ON o.id = q.assigned_unit_ids[1]
              LEFT JOIN app_user u ON u.username = 'liaison-' || lower(o.code)
             WHERE q.status = 'ANSWERED'""";

    /** The joint meeting held by the lead unit of the overdue slip's task, with the task's units. */
    private static final String MEETING = """
            INSERT INTO joint_meeting (id, task_id, held_on, convened_by_office, convened_by_unit_id, participant_unit_ids,
                                       minutes, created_by, version, created_at, updated_at)
            SELECT m.id, p.task_id, (q.created_at AT TIME ZONE c.zone)::date, false, p.lead_unit_id,
                   ARRAY[p.lead_unit_id] || coalesce((SELECT array_agg(k.unit_id ORDER BY k.list_order) FROM key_task_cooperation k
                                                       WHERE k.task_id = p.task_id), ARRAY[]::uuid[]),
                   '会议由' || o.name || '召集，' || coalesce((SELECT string_agg(u.short_name, '、' ORDER BY k.list_order)
                                                          FROM key_task_cooperation k JOIN org_unit u ON u.id = k.unit_id
                                                         WHERE k.task_id = p.task_id), '相关单位') || '参加。会议通报了“' || p.title
                   || '”' || p.month_name || '滞后序时进度 ' || trim_scale(p.lag) || ' 个百分点、亮红灯并被催办的情况，'
                   || '分析了施工用地移交、管线迁改和资金到位等制约因素，研究确定了下一步推进措施。',
                   (SELECT u.id FROM app_user u WHERE u.username = 'liaison-' || lower(o.code)), 1, q.created_at, q.created_at
              FROM demo_pick p CROSS JOIN demo_clock c CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id) m
              JOIN org_unit o ON o.id = p.lead_unit_id
              JOIN problem q ON q.id = p.problem_id
             WHERE p.role = 'MEETING'""";

    private static final String DECISIONS = """
            INSERT INTO joint_meeting_decision (meeting_id, list_order, text, open_problem, assigned_unit_ids, deadline,
                                                problem_id, request_assignment_slip)
            SELECT j.id, 1, q.description, true, q.assigned_unit_ids, q.deadline, q.id, false
              FROM joint_meeting j JOIN demo_pick p ON p.task_id = j.task_id AND p.role = 'MEETING'
              JOIN problem q ON q.id = p.problem_id
            UNION ALL
            SELECT j.id, 2, '提请市督查室就项目建设资金拨付事项下发交办单，明确责任单位和完成时限。', false, ARRAY[]::uuid[], NULL,
                   NULL, true
              FROM joint_meeting j JOIN demo_pick p ON p.task_id = j.task_id AND p.role = 'MEETING'""";

    private static final List<String> STATEMENTS = List.of(SLIPS, SLIP_ROWS, TARGETS, MOVES, RESPONSES, COUNTERS, PICKS,
            REQUEST, REQUEST_VERSION, PROBLEMS, ANSWERS, MEETING, DECISIONS,
            "DROP TABLE demo_pick, demo_slip, demo_clock");
}
