package cn.keywork.supervision.ballot.repository;

/**
 * The results of a round computed from its stored ballots in one statement (R14), used both to
 * store them when scoring closes and to check them again later.
 *
 * <ul>
 * <li>a ballot's overall score: Σ(weight × score) / Σ weight over the round's criteria;</li>
 * <li>from the round's {@code trim_at} ballots on (when above 0, and never below 3 ballots) the one
 * highest and the one lowest overall scores are dropped;</li>
 * <li>score: the mean of the rest, two decimals; satisfaction rate: (satisfied + basically
 * satisfied) / all ballots, four decimals;</li>
 * <li>rated only when the ballots reach ceil(quorum × panel size), the product taken to two
 * decimals first (a quorum of 0.667 stands for two thirds: 4 of 6, not 5); otherwise no score, rate
 * or rank, never zero;</li>
 * <li>rank among rated subjects by score, ties sharing a rank (1, 2, 2, 4 …).</li>
 * </ul>
 */
final class ResultSql {

    static final String RESULTS = """
            WITH rnd AS (
                SELECT trim_at, quorum FROM evaluation_round WHERE id = :round
            ), weighed AS (
                SELECT b.task_id, b.id, b.satisfaction,
                       sum(c.weight * cast(b.scores ->> c.code AS numeric)) / sum(c.weight) AS overall
                FROM evaluation_ballot b JOIN evaluation_criterion c ON c.round_id = b.round_id
                WHERE b.round_id = :round
                GROUP BY b.task_id, b.id, b.satisfaction
            ), ordered AS (
                SELECT w.task_id, w.overall, w.satisfaction, count(*) OVER (PARTITION BY w.task_id) AS n,
                       row_number() OVER (PARTITION BY w.task_id ORDER BY w.overall DESC, w.id) AS from_top,
                       row_number() OVER (PARTITION BY w.task_id ORDER BY w.overall, w.id) AS from_bottom
                FROM weighed w
            ), flagged AS (
                SELECT o.*, (rnd.trim_at > 0 AND o.n >= greatest(rnd.trim_at, 3)) AS trims
                FROM ordered o CROSS JOIN rnd
            ), tally AS (
                SELECT f.task_id, max(f.n) AS ballots, bool_and(f.trims) AS trimmed,
                       avg(f.overall) FILTER (WHERE NOT (f.trims AND (f.from_top = 1 OR f.from_bottom = 1))) AS mean,
                       count(*) FILTER (WHERE f.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED')) AS satisfied
                FROM flagged f GROUP BY f.task_id
            ), panel AS (
                SELECT task_id, count(*) AS size FROM evaluation_panel_member WHERE round_id = :round GROUP BY task_id
            ), subject AS (
                SELECT s.task_id, coalesce(p.size, 0) AS panel, coalesce(t.ballots, 0) AS ballots, t.mean, t.satisfied,
                       coalesce(t.trimmed, false) AS trimmed,
                       coalesce(t.ballots, 0) > 0
                           AND coalesce(t.ballots, 0) >= ceil(round(rnd.quorum * coalesce(p.size, 0), 2)) AS rated
                FROM evaluation_subject s CROSS JOIN rnd
                LEFT JOIN panel p ON p.task_id = s.task_id
                LEFT JOIN tally t ON t.task_id = s.task_id
                WHERE s.round_id = :round
            )
            SELECT task_id,
                   CASE WHEN rated THEN round(mean, 2) END AS score,
                   CASE WHEN rated THEN round(cast(satisfied AS numeric) / ballots, 4) END AS satisfaction_rate,
                   CASE WHEN rated THEN cast(rank() OVER (PARTITION BY rated ORDER BY round(mean, 2) DESC) AS int) END AS rank,
                   cast(ballots AS int) AS ballots, cast(panel AS int) AS panel, rated, trimmed
            FROM subject""";

    /** SHA-256 (hex) over the round's seals, sorted, joined by line feeds. */
    static final String DIGEST = """
            SELECT encode(sha256(convert_to(coalesce(string_agg(cast(seal AS text), chr(10) ORDER BY seal), ''), 'UTF8')), 'hex')
            FROM evaluation_ballot WHERE round_id = :round""";

    static final String STORE = """
            INSERT INTO evaluation_result (round_id, task_id, score, satisfaction_rate, rank, ballots, panel, rated, trimmed,
                                           computed_at)
            SELECT :round, r.task_id, r.score, r.satisfaction_rate, r.rank, r.ballots, r.panel, r.rated, r.trimmed, :now
            FROM (""" + RESULTS + ") r";

    /** The subjects whose stored result differs from the one computed again now (or exists on one side only). */
    static final String DIFFERING = """
            SELECT coalesce(f.task_id, s.task_id) FROM (""" + RESULTS + """
            ) f FULL JOIN (SELECT * FROM evaluation_result WHERE round_id = :round) s ON s.task_id = f.task_id
            WHERE (f.score, f.satisfaction_rate, f.rank, f.ballots, f.panel, f.rated, f.trimmed)
                  IS DISTINCT FROM (s.score, s.satisfaction_rate, s.rank, s.ballots, s.panel, s.rated, s.trimmed)
            ORDER BY 1""";

    /**
     * One event per subject when the results are published, for the points to be drawn from: its
     * units are the task's lead unit and its cooperating units.
     */
    static final String PUBLISHED_EVENTS = """
            INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
            SELECT gen_random_uuid(), :type, 'EvaluationResult', cast(e.task_id AS text),
                   ARRAY[k.lead_unit_id] || coalesce((SELECT array_agg(c.unit_id ORDER BY c.list_order)
                                                      FROM key_task_cooperation c WHERE c.task_id = k.id), cast('{}' AS uuid[])),
                   trim(r.period),
                   jsonb_build_object('roundId', r.id, 'period', trim(r.period), 'taskId', e.task_id, 'score', e.score,
                                      'satisfactionRate', e.satisfaction_rate, 'rank', e.rank, 'rated', e.rated),
                   :now, cast(:actor AS uuid)
            FROM evaluation_result e
            JOIN evaluation_round r ON r.id = e.round_id
            JOIN key_task k ON k.id = e.task_id
            JOIN evaluation_subject s ON s.round_id = e.round_id AND s.task_id = e.task_id
            WHERE e.round_id = :round
            ORDER BY s.list_order""";

    private ResultSql() {
    }
}
