package cn.keywork.supervision.support;

import static cn.keywork.supervision.support.Api.as;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tasks in the states the slip rules (R7–R9) look at: lagging in the latest closed month, or
 * urged and still lagging after the urging slip's deadline. Figures are written the way the
 * progress tables keep them; slips go through the API.
 */
public final class SlipFixtures {

    public static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    /** A month no other test uses, closed when no month is closed yet. */
    private static final String FIRST_CLOSED = "2001-01";

    private final Pool database;

    public SlipFixtures(Pool database) {
        this.database = database;
    }

    /** The latest month whose ledger is closed; 2001-01 is closed first when none is. */
    public String latestClosedMonth() {
        String latest = database.query("SELECT max(period) FROM ledger").execute().await().indefinitely().iterator().next()
                .getString(0);
        if (latest == null) {
            as("OFFICE").post("/api/v1/ledgers/" + FIRST_CLOSED + "/close").then().statusCode(200);
            return FIRST_CLOSED;
        }
        return latest.trim();
    }

    /** A task of this year led by {@code lead}, with {@code leaderId} in charge when not null. */
    public static String task(String lead, String leaderId) {
        Map<String, Object> task = new HashMap<>(Map.of("year", TODAY.getYear(), "category", "OTHER", "title", "督办测试任务",
                "target", "目标", "content", "内容", "deadline", TODAY.getYear() + "-12-31", "leadUnitId", lead));
        if (leaderId != null) {
            task.put("leaderInChargeId", leaderId);
        }
        return as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
    }

    /** Stores (or replaces) the task's figure of a month: planned, actual, their lag, the light. */
    public void figure(String taskId, String period, double planned, double actual, String light) {
        database.preparedQuery("""
                INSERT INTO progress_figure (task_id, period, planned, actual, lag, light, computed_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (task_id, period) DO UPDATE SET planned = excluded.planned, actual = excluded.actual,
                    lag = excluded.lag, light = excluded.light, computed_at = excluded.computed_at""")
                .execute(Tuple.tuple().addUUID(UUID.fromString(taskId)).addString(period)
                        .addValue(BigDecimal.valueOf(planned)).addValue(BigDecimal.valueOf(actual))
                        .addValue(BigDecimal.valueOf(planned - actual)).addString(light).addValue(OffsetDateTime.now()))
                .await().indefinitely();
    }

    /** Gives the task {@code light} with a lag of {@code planned − actual} in the latest closed month. */
    public String lagging(String taskId, double planned, double actual, String light) {
        String month = latestClosedMonth();
        figure(taskId, month, planned, actual, light);
        return month;
    }

    /** A task RED (lag 30) in the latest closed month. */
    public String redTask(String lead, String leaderId) {
        String taskId = task(lead, leaderId);
        lagging(taskId, 60, 30, "RED");
        return taskId;
    }

    /** Drafts and issues an urging slip for the task; answers the issued slip. */
    public static Response issuedUrging(String taskId) {
        Response draft = as("OFFICE").body(Map.of("type", "URGING", "taskId", taskId, "requirements", "请加快推进并报送整改措施",
                "responseDeadline", TODAY.plusDays(10).toString())).post("/api/v1/slips").then().statusCode(201)
                .extract().response();
        return as("OFFICE").header("If-Match", draft.header("ETag")).body(Map.of("action", "ISSUE"))
                .post("/api/v1/slips/" + draft.path("id") + "/transitions").then().statusCode(200).extract().response();
    }

    /**
     * Moves an issued slip's response deadline into the past and the month it was issued on before
     * every closed month, as if it had been issued months ago and its time had run out.
     */
    public void pastDeadline(String slipId) {
        database.preparedQuery("UPDATE slip SET response_deadline = $2, period_at_issue = '2000-12' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(slipId), TODAY.minusDays(1))).await().indefinitely();
    }

    /** A task and its urging slip: the task RED, the slip issued and past its deadline (R9 holds). */
    public record Urged(String taskId, String urgingSlipId) {
    }

    /** A task for which a supervision order may be drafted now (R9): urged, deadline passed, still RED. */
    public Urged urgedAndStillLagging(String lead, String leaderId) {
        String taskId = redTask(lead, leaderId);
        String urging = issuedUrging(taskId).path("id");
        pastDeadline(urging);
        return new Urged(taskId, urging);
    }
}
