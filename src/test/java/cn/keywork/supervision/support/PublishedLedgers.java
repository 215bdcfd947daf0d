package cn.keywork.supervision.support;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.uniqueCode;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A published month for tests of the public disclosure: a task in the register carrying personal
 * data everywhere it can (a responsible person with a mobile, a leader with a name, liaisons with
 * phones and e-mails), its ledger rows frozen and published the way the ledger tables keep them,
 * and photos stored as the evidence tables keep them.
 */
public final class PublishedLedgers {

    public static final String PERSON = "孙丽华";
    public static final String PERSON_MOBILE = "13912345678";
    public static final String LEADER = "钱学明";
    public static final String LIAISON = "冯晓东";
    public static final String LIAISON_MOBILE = "13700001111";
    public static final String LIAISON_PHONE = "0571-87654321";
    public static final String LIAISON_EMAIL = "fengxd@ledger.example.gov.cn";

    /** A task and its units, ready to be put in ledgers. */
    public record Task(String id, String code, String title, String leadUnit, String leadUnitName, String partnerName,
            String leaderId) {
    }

    private final Pool database;

    public PublishedLedgers(Pool database) {
        this.database = database;
    }

    /** Registers a task of {@code year} whose every personal field is filled. */
    public Task task(int year, String title) {
        String leadName = "公示牵头局" + uniqueCode("");
        String partnerName = "公示配合局" + uniqueCode("");
        String lead = Units.registerId(uniqueCode("PL"), leadName);
        String partner = Units.registerId(uniqueCode("PP"), partnerName);
        for (String unit : List.of(lead, partner)) {
            String tag = as("OFFICE").get("/api/v1/units/" + unit + "/contact").then().statusCode(200).extract().header("ETag");
            as("OFFICE").header("If-Match", tag).body(Map.of("supervisionBody", "办公室", "liaisons", List.of(Map.of(
                    "name", LIAISON, "position", "办公室主任", "officePhone", LIAISON_PHONE, "mobile", LIAISON_MOBILE,
                    "email", LIAISON_EMAIL, "primary", true)))).put("/api/v1/units/" + unit + "/contact").then().statusCode(200);
        }
        String leader = TestAccounts.createAccount("t-pub-leader-" + UUID.randomUUID().toString().substring(0, 6), "LEADER", null);
        String tag = as("ADMIN").get("/api/v1/users/" + leader).then().statusCode(200).extract().header("ETag");
        as("ADMIN").header("If-Match", tag).body(Map.of("displayName", LEADER, "roles", List.of("LEADER"), "active", true))
                .put("/api/v1/users/" + leader).then().statusCode(200);
        Map<String, Object> body = new HashMap<>(Map.of("year", year, "category", "OTHER", "title", title,
                "target", "年底前完成", "content", "按月推进", "deadline", year + "-12-31", "leadUnitId", lead));
        body.put("cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "配合推进")));
        body.put("responsiblePerson", Map.of("name", PERSON, "mobile", PERSON_MOBILE));
        body.put("leaderInChargeId", leader);
        body.put("unitHead", "主要负责人");
        Response created = as("OFFICE").body(body).post("/api/v1/tasks").then().statusCode(201).extract().response();
        return new Task(created.path("id"), created.path("code"), title, lead, leadName, partnerName, leader);
    }

    /** Freezes version 1 of {@code period} with one row per task, each behind report {@code reports[i]}; publishes it if asked. */
    public void freeze(String period, boolean publish, List<Task> tasks, List<UUID> reports, List<String> lights) {
        exec("INSERT INTO ledger (period, latest_version, closed_at, published_version, published_at, version) "
                + "VALUES ($1, 1, now(), $2, CASE WHEN $3 THEN now() END, 1)", Tuple.of(period, publish ? 1 : null, publish));
        exec("INSERT INTO ledger_version (period, number, row_count, created_at) VALUES ($1, 1, $2, now())",
                Tuple.of(period, tasks.size()));
        for (int i = 0; i < tasks.size(); i++) {
            exec("""
                    INSERT INTO ledger_row (period, version, row_no, task_id, code, title, category, lead_unit_id, lead_unit_name,
                        cooperating_unit_ids, cooperating_unit_names, leader_name, deadline, planned, actual, lag, light, report_id,
                        report_status, summary, problems, photo_count)
                    SELECT $1, 1, $2, t.id, t.code, t.title, t.category, t.lead_unit_id, u.name,
                        ARRAY(SELECT c.unit_id FROM key_task_cooperation c WHERE c.task_id = t.id ORDER BY c.list_order),
                        ARRAY(SELECT o.name FROM key_task_cooperation c JOIN org_unit o ON o.id = c.unit_id WHERE c.task_id = t.id ORDER BY c.list_order),
                        l.display_name, t.deadline, 50, 35, 15, $4, $5, 'ACCEPTED', '完成管网铺设', '征地拆迁进度偏慢', 1
                      FROM key_task t JOIN org_unit u ON u.id = t.lead_unit_id LEFT JOIN app_user l ON l.id = t.leader_in_charge_id
                     WHERE t.id = $3""", Tuple.of(period, i + 1, UUID.fromString(tasks.get(i).id()), lights.get(i), reports.get(i)));
        }
    }

    /** Stores a photo (its public copy and thumbnail) as evidence of {@code report}; answers its id. */
    public UUID photo(Task task, String period, UUID report, String contentType, byte[] publicCopy, byte[] thumbnail) {
        UUID id = UUID.randomUUID();
        UUID original = blob(publicCopy);
        UUID copy = blob(publicCopy);
        UUID small = blob(thumbnail);
        exec("""
                INSERT INTO attachment (id, owner_type, owner_id, task_id, period, file_name, content_type, size, sha256,
                    content_blob, thumbnail_blob, public_blob, uploaded_by, uploaded_at)
                VALUES ($1, 'REPORT', $2, $3, $4, '现场.jpg', $5, $6, $7, $8, $9, $10, $11, now())""",
                Tuple.from(List.of(id, report, UUID.fromString(task.id()), period, contentType, (long) publicCopy.length,
                        sha256(publicCopy), original, small, copy, UUID.fromString(task.leaderId()))));
        return id;
    }

    /** Appends a domain event as the ledger and lights features write them, an hour before the ledgers were published. */
    public void event(String type, String objectType, String objectId, String period, String payload) {
        event(type, objectType, objectId, period, payload, -3600);
    }

    /** Appends a domain event that happened {@code seconds} from now. */
    public void event(String type, String objectType, String objectId, String period, String payload, int seconds) {
        exec("INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id) "
                + "VALUES ($1, $2, $3, $4, '{}', $5, cast(cast($6 AS text) AS jsonb), now() + cast(cast($7 AS text) AS interval), $8)",
                Tuple.from(List.of(UUID.randomUUID(), type, objectType, objectId, period, payload, seconds + " seconds",
                        EventPayloads.FABRICATED_BY_TEST)));
    }

    private UUID blob(byte[] content) {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO evidence_blob (id, size, chunk_size, created_at) VALUES ($1, $2, 65536, now())",
                Tuple.of(id, (long) content.length));
        exec("INSERT INTO evidence_chunk (blob_id, chunk_no, data) VALUES ($1, 0, $2)",
                Tuple.of(id, io.vertx.core.buffer.Buffer.buffer(content)));
        return id;
    }

    private void exec(String sql, Tuple parameters) {
        database.preparedQuery(sql).execute(parameters).await().indefinitely();
    }

    /** A small JPEG of one colour. */
    public static byte[] jpeg(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, rgb ^ (x * 7 + y * 13));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
