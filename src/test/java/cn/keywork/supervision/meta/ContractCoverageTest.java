package cn.keywork.supervision.meta;

import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.ContractCheck;
import cn.keywork.supervision.support.EvaluationFixtures;
import cn.keywork.supervision.support.PublishedLedgers;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Drives every operation of the contract, with a success and its main error statuses, through
 * the validator that checks requests and answers both ways (undeclared statuses included) and
 * the check that every header sent is declared on its answer; then requires that no operation
 * was left out.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractCoverageTest {

    private static final ContractCheck CHECK = ContractCheck.INSTANCE;
    private static final int YEAR = 2029;

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool database;

    @jakarta.inject.Inject
    cn.keywork.supervision.ballot.RoundMoves ballotMoves;

    @jakarta.inject.Inject
    cn.keywork.supervision.webhook.service.WebhookWorker webhooks;

    /** The round the ballot walk scores, closes and publishes. */
    private static String ballotRound;

    /** The subscription the webhook walk makes, reads the deliveries of and removes. */
    private static String webhookId;

    private static RequestSpecification as(String role) {
        return Api.as(role).filter(CHECK);
    }

    private static RequestSpecification asUnit(String role, String unitId) {
        return Api.asUnit(role, unitId).filter(CHECK);
    }

    private static RequestSpecification anonymous() {
        return Api.anonymous().filter(CHECK);
    }

    /** A request that breaks the contract on purpose; the answer is still validated. */
    private static RequestSpecification invalid(String role) {
        return (role == null ? Api.deliberatelyInvalidAnonymous() : Api.deliberatelyInvalidAs(role, null)).filter(CHECK);
    }

    // --- The generic errors, operation by operation, driven from the contract itself -------------

    @Test
    @Order(1)
    void every_operation_answers_its_access_refusals_as_declared() {
        for (ContractCheck.Operation operation : CHECK.operations()) {
            Set<String> roles = roles(operation);
            if (roles.contains("PUBLIC")) {
                continue;
            }
            send(invalid(null), operation, "{}").then().statusCode(401);
            Role refused = java.util.Arrays.stream(Role.values()).filter(role -> !allows(roles, role.name())).findFirst().orElse(null);
            if (refused != null) {
                send(invalid(refused.name()), operation, "{}").then().statusCode(403);
            }
        }
    }

    @Test
    @Order(2)
    void every_operation_refuses_an_accept_it_cannot_answer_with_406() {
        for (ContractCheck.Operation operation : CHECK.operations()) {
            // An operation that can answer PNG (a download) is asked for a type it cannot answer instead.
            String refused = operation.definition().path("responses").toString().contains("image/png") ? "text/csv" : "image/png";
            send(invalid(allowedRole(operation)).accept(refused), operation, "{}").then().statusCode(406);
        }
    }

    @Test
    @Order(3)
    void every_operation_with_a_body_refuses_another_media_type_with_415_and_an_oversized_body_with_413() {
        byte[] oversized = ("{\"x\":\"" + "a".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // Uploads take larger bodies (quarkus.http.limits.max-body-size, 2 MiB in tests): beyond that they are refused too.
        byte[] oversizedUpload = new byte[3 * 1024 * 1024];
        for (ContractCheck.Operation operation : CHECK.operations()) {
            if (!operation.definition().has("requestBody")) {
                continue;
            }
            String role = allowedRole(operation);
            invalid(role).header("If-Match", "\"0\"").contentType("text/plain").body("x")
                    .request(operation.method(), concrete(operation)).then().statusCode(415);
            invalid(role).header("If-Match", "\"0\"").contentType(bodyType(operation))
                    .body(bodyType(operation).startsWith("multipart/") ? oversizedUpload : oversized)
                    .request(operation.method(), concrete(operation)).then().statusCode(413);
        }
    }

    @Test
    @Order(4)
    void every_change_without_if_match_answers_428() {
        for (ContractCheck.Operation operation : CHECK.operations()) {
            if (takesIfMatch(operation)) {
                send(invalid(allowedRole(operation)), operation, "{}").then().statusCode(428);
            }
        }
    }

    @Test
    @Order(5)
    void every_operation_answers_a_malformed_address_with_400() {
        List<String> mismatches = new ArrayList<>();
        for (ContractCheck.Operation operation : CHECK.operations()) {
            // A broken percent-encoding is refused before any operation runs; no HTTP client builds one.
            String role = allowedRole(operation);
            int status = CHECK.raw(operation.method(), concrete(operation) + "?q=%zz",
                    role == null ? null : TestAccounts.token(role), bodyType(operation),
                    operation.definition().has("requestBody") ? "{}" : null);
            if (status != 400) {
                mismatches.add(operation.id() + " answered " + status);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    @Order(6)
    void every_operation_on_an_unknown_object_answers_404() {
        List<String> mismatches = new ArrayList<>();
        for (ContractCheck.Operation operation : CHECK.operations()) {
            if (!operation.template().contains("{")) {
                continue;
            }
            int status = send(invalid(allowedRole(operation)).header("If-Match", "\"0\""), operation, example(operation))
                    .statusCode();
            if (status != 404) {
                mismatches.add(operation.id() + " answered " + status);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    // --- Successes and the errors particular to each resource -------------------------------------

    @Test
    @Order(10)
    void signing_in_refreshing_changing_the_password_and_signing_out() {
        String username = "t-cov-" + UUID.randomUUID().toString().substring(0, 6);
        TestAccounts.createAccount(username, "OFFICE", null);
        String first = anonymous().body(Map.of("username", username, "password", TestAccounts.INITIAL_PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
        anonymous().auth().oauth2(first).body(Map.of("currentPassword", "Not-The-Current-1x", "newPassword", TestAccounts.PASSWORD))
                .post("/api/v1/me/password").then().statusCode(400);
        anonymous().auth().oauth2(first).body(Map.of("currentPassword", TestAccounts.INITIAL_PASSWORD, "newPassword", TestAccounts.PASSWORD))
                .post("/api/v1/me/password").then().statusCode(204);
        anonymous().body(Map.of("username", username, "password", "Wrong-Pass-2026x")).post("/api/v1/auth/token")
                .then().statusCode(401);
        invalid(null).contentType("application/json").body(Map.of("username", "x")).post("/api/v1/auth/token")
                .then().statusCode(400);

        Response signedIn = anonymous().body(Map.of("username", username, "password", TestAccounts.PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200).extract().response();
        String refresh = signedIn.path("refreshToken");
        Response refreshed = anonymous().body(Map.of("refreshToken", refresh)).post("/api/v1/auth/refresh")
                .then().statusCode(200).extract().response();
        anonymous().body(Map.of("refreshToken", "no-such-token")).post("/api/v1/auth/refresh").then().statusCode(401);
        anonymous().auth().oauth2((String) refreshed.path("accessToken"))
                .body(Map.of("refreshToken", (String) refreshed.path("refreshToken")))
                .post("/api/v1/auth/logout").then().statusCode(204);
        as("ADMIN").get("/api/v1/me").then().statusCode(200);
        as("OFFICE").get("/api/v1/meta/enums").then().statusCode(200);
    }

    @Test
    @Order(11)
    void managing_accounts() {
        String username = "t-cov-u-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = Map.of("username", username, "displayName", "覆盖测试", "roles", List.of("OFFICE"),
                "initialPassword", TestAccounts.INITIAL_PASSWORD);
        String key = UUID.randomUUID().toString();
        String id = as("ADMIN").header("Idempotency-Key", key).body(body).post("/api/v1/users").then().statusCode(201)
                .header("Location", notNullValue()).extract().path("id");
        as("ADMIN").header("Idempotency-Key", key).body(body).post("/api/v1/users").then().statusCode(201)
                .header("Idempotency-Replayed", "true");
        Map<String, Object> other = new HashMap<>(body);
        other.put("displayName", "别的");
        as("ADMIN").header("Idempotency-Key", key).body(other).post("/api/v1/users").then().statusCode(422);
        as("ADMIN").body(body).post("/api/v1/users").then().statusCode(409);
        as("ADMIN").queryParam("sort", "-createdAt").get("/api/v1/users").then().statusCode(200);

        String etag = as("ADMIN").get("/api/v1/users/" + id).then().statusCode(200).extract().header("ETag");
        Map<String, Object> update = Map.of("displayName", "改名", "roles", List.of("OFFICE"), "active", true);
        as("ADMIN").header("If-Match", etag).body(update).put("/api/v1/users/" + id).then().statusCode(200);
        as("ADMIN").header("If-Match", etag).body(update).put("/api/v1/users/" + id).then().statusCode(412);
        as("ADMIN").body(Map.of("temporaryPassword", "Temporary-Pass-2026x")).post("/api/v1/users/" + id + "/password-reset")
                .then().statusCode(204);
    }

    @Test
    @Order(12)
    void reading_and_verifying_the_audit_trail() {
        as("AUDITOR").queryParam("size", 5).get("/api/v1/audit").then().statusCode(200);
        as("AUDITOR").get("/api/v1/audit/verify").then().statusCode(200);
        String key = UUID.randomUUID().toString();
        Response checkpoint = as("AUDITOR").header("Idempotency-Key", key).post("/api/v1/audit/checkpoints")
                .then().statusCode(201).extract().response();
        as("AUDITOR").header("Idempotency-Key", key).post("/api/v1/audit/checkpoints").then().statusCode(201)
                .header("Idempotency-Replayed", "true");
        as("AUDITOR").get("/api/v1/audit/checkpoints").then().statusCode(200);
        as("AUDITOR").get("/api/v1/audit/checkpoint-key").then().statusCode(200);
        Map<String, Object> held = Map.of("seq", checkpoint.path("seq"), "headHash", checkpoint.path("headHash"),
                "createdAt", checkpoint.path("createdAt"), "signature", checkpoint.path("signature"));
        as("AUDITOR").body(held).post("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        Map<String, Object> forged = new HashMap<>(held);
        forged.put("signature", "Zm9yZ2Vk");
        as("AUDITOR").body(forged).post("/api/v1/audit/verify").then().statusCode(400);
    }

    @Test
    @Order(13)
    void managing_units_and_their_contacts() {
        String code = uniqueCode("CV");
        Map<String, Object> body = Map.of("code", code, "name", "覆盖测试单位", "type", "MUNICIPAL_DEPARTMENT");
        String key = UUID.randomUUID().toString();
        String id = as("ADMIN").header("Idempotency-Key", key).body(body).post("/api/v1/units").then().statusCode(201)
                .extract().path("id");
        as("ADMIN").header("Idempotency-Key", key).body(body).post("/api/v1/units").then().statusCode(201)
                .header("Idempotency-Replayed", "true");
        as("ADMIN").header("Idempotency-Key", key).body(Map.of("code", code, "name", "别的", "type", "MUNICIPAL_DEPARTMENT"))
                .post("/api/v1/units").then().statusCode(422);
        as("ADMIN").body(body).post("/api/v1/units").then().statusCode(409);
        as("OFFICE").queryParam("sort", "-createdAt").get("/api/v1/units").then().statusCode(200);

        String etag = as("OFFICE").get("/api/v1/units/" + id).then().statusCode(200).extract().header("ETag");
        Map<String, Object> update = new HashMap<>(Map.of("code", code, "name", "覆盖测试单位（改）", "type", "MUNICIPAL_DEPARTMENT",
                "active", true));
        etag = as("ADMIN").header("If-Match", etag).body(update).put("/api/v1/units/" + id).then().statusCode(200)
                .extract().header("ETag");
        as("ADMIN").header("If-Match", "\"0\"").body(update).put("/api/v1/units/" + id).then().statusCode(412);
        Map<String, Object> ownAncestor = new HashMap<>(update);
        ownAncestor.put("parentId", id);
        as("ADMIN").header("If-Match", etag).body(ownAncestor).put("/api/v1/units/" + id).then().statusCode(409);

        String contactTag = as("OFFICE").get("/api/v1/units/" + id + "/contact").then().statusCode(200).extract().header("ETag");
        Map<String, Object> contact = Map.of("supervisionBody", "办公室", "liaisons", List.of(Map.of("name", "王敏",
                "position", "办公室副主任", "mobile", "13800000001", "primary", true)));
        as("OFFICE").header("If-Match", contactTag).body(contact).put("/api/v1/units/" + id + "/contact").then().statusCode(200);
        as("OFFICE").header("If-Match", contactTag).body(contact).put("/api/v1/units/" + id + "/contact").then().statusCode(412);

        String child = Units.register(uniqueCode("CC"), "覆盖测试下级", "MUNICIPAL_DEPARTMENT", id).path("id");
        as("ADMIN").header("If-Match", etag).delete("/api/v1/units/" + id).then().statusCode(409);
        String childTag = as("ADMIN").get("/api/v1/units/" + child).then().extract().header("ETag");
        as("ADMIN").header("If-Match", "\"9\"").delete("/api/v1/units/" + child).then().statusCode(412);
        as("ADMIN").header("If-Match", childTag).delete("/api/v1/units/" + child).then().statusCode(204);
    }

    @Test
    @Order(14)
    void declaring_breaking_down_moving_and_adjusting_a_task() {
        String lead = TestAccounts.homeUnit();
        Map<String, Object> task = new HashMap<>(Map.of("year", YEAR, "category", "OTHER", "title", "覆盖测试任务",
                "target", "目标", "content", "内容", "deadline", YEAR + "-06-30", "leadUnitId", lead));
        String key = UUID.randomUUID().toString();
        String taskId = asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", key).body(task).post("/api/v1/tasks")
                .then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
        asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", key).body(task).post("/api/v1/tasks").then().statusCode(201)
                .header("Idempotency-Replayed", "true");
        Map<String, Object> other = new HashMap<>(task);
        other.put("title", "别的");
        asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", key).body(other).post("/api/v1/tasks").then().statusCode(422);
        as("OFFICE").queryParam("sort", "-createdAt").queryParam("year", YEAR).get("/api/v1/tasks").then().statusCode(200);

        String path = "/api/v1/tasks/" + taskId;
        String etag = asUnit("UNIT_LIAISON", lead).get(path).then().statusCode(200).extract().header("ETag");
        task.put("target", "更具体的目标");
        etag = asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(task).put(path).then().statusCode(200)
                .extract().header("ETag");
        asUnit("UNIT_LIAISON", lead).header("If-Match", "\"0\"").body(task).put(path).then().statusCode(412);

        Map<String, Object> subItem = Map.of("content", "子项", "responsibleUnitId", lead, "deadline", YEAR + "-06-30",
                "schedule", List.of(Map.of("month", YEAR + "-05", "plannedPercent", 50), Map.of("month", YEAR + "-06", "plannedPercent", 100)));
        String itemKey = UUID.randomUUID().toString();
        Response item = asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", itemKey).body(subItem).post(path + "/sub-items")
                .then().statusCode(201).extract().response();
        asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", itemKey).body(subItem).post(path + "/sub-items")
                .then().statusCode(201).header("Idempotency-Replayed", "true");
        Map<String, Object> otherItem = new HashMap<>(subItem);
        otherItem.put("content", "别的子项");
        asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", itemKey).body(otherItem).post(path + "/sub-items")
                .then().statusCode(422);
        String itemPath = path + "/sub-items/" + item.path("id");
        String itemTag = item.header("ETag");
        itemTag = asUnit("UNIT_LIAISON", lead).header("If-Match", itemTag).body(otherItem).put(itemPath).then().statusCode(200)
                .extract().header("ETag");
        asUnit("UNIT_LIAISON", lead).header("If-Match", "\"0\"").body(otherItem).put(itemPath).then().statusCode(412);
        asUnit("UNIT_LIAISON", lead).header("If-Match", "\"0\"").delete(itemPath).then().statusCode(412);
        asUnit("UNIT_LIAISON", lead).header("If-Match", itemTag).delete(itemPath).then().statusCode(204);
        asUnit("UNIT_LIAISON", lead).body(subItem).post(path + "/sub-items").then().statusCode(201);
        asUnit("UNIT_LIAISON", lead).get(path + "/sub-items").then().statusCode(200);

        etag = asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("action", "SUBMIT")).post(path + "/transitions")
                .then().statusCode(200).extract().header("ETag");
        asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("action", "SUBMIT")).post(path + "/transitions")
                .then().statusCode(409);
        asUnit("UNIT_LIAISON", lead).header("If-Match", "\"0\"").body(Map.of("action", "SUBMIT")).post(path + "/transitions")
                .then().statusCode(412);
        invalid("OFFICE").contentType("application/json").header("If-Match", etag).body(Map.of("action", "RETURN"))
                .post(path + "/transitions").then().statusCode(400);
        etag = as("OFFICE").header("If-Match", etag).body(Map.of("action", "ACCEPT")).post(path + "/transitions")
                .then().statusCode(200).body("status", equalTo("ACTIVE")).extract().header("ETag");
        asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(task).put(path).then().statusCode(409);
        as("OFFICE").get(path + "/plan").then().statusCode(200);

        Map<String, Object> proposal = Map.of("reason", "工期顺延", "target", "新目标", "deadline", YEAR + "-08-31",
                "cooperatingUnits", List.of(),
                "subItems", List.of(Map.of("content", "新子项", "responsibleUnitId", lead, "deadline", YEAR + "-08-31",
                        "schedule", List.of(Map.of("month", YEAR + "-08", "plannedPercent", 100, "milestone", "完成")))));
        String adjustmentKey = UUID.randomUUID().toString();
        String adjustment = asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", adjustmentKey).body(proposal)
                .post(path + "/adjustments").then().statusCode(201).extract().path("id");
        asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", adjustmentKey).body(proposal).post(path + "/adjustments")
                .then().statusCode(201).header("Idempotency-Replayed", "true");
        asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", adjustmentKey).body(Map.of("reason", "别的"))
                .post(path + "/adjustments").then().statusCode(422);
        asUnit("UNIT_LIAISON", lead).body(Map.of("reason", "再来一个")).post(path + "/adjustments").then().statusCode(409);
        as("OFFICE").get(path + "/adjustments").then().statusCode(200);
        as("OFFICE").body(Map.of("approve", true, "note", "同意")).post(path + "/adjustments/" + adjustment + "/decision")
                .then().statusCode(200);
        as("OFFICE").body(Map.of("approve", true)).post(path + "/adjustments/" + adjustment + "/decision").then().statusCode(409);
        as("OFFICE").get(path + "/versions").then().statusCode(200)
                .body("[1].snapshot.task.details.target", equalTo("新目标"));
    }

    @Test
    @Order(16)
    void drafting_submitting_deciding_and_listing_a_month_s_progress_report() {
        String lead = TestAccounts.homeUnit();
        // Reports are for months begun: this month, by the real clock.
        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai"));
        Map<String, Object> task = new HashMap<>(Map.of("year", month.getYear(), "category", "OTHER", "title", "覆盖报告任务",
                "target", "目标", "content", "内容", "deadline", month.getYear() + "-12-31", "leadUnitId", lead));
        Response registered = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().response();
        String created = registered.header("ETag");
        String taskId = registered.path("id");
        Map<String, Object> site = Map.of("latitude", 30.657421, "longitude", 104.065735, "radiusMeters", 500);
        as("OFFICE").header("If-Match", "\"99\"").body(site).put("/api/v1/tasks/" + taskId + "/site").then().statusCode(412);
        as("OFFICE").header("If-Match", created).body(site).put("/api/v1/tasks/" + taskId + "/site").then().statusCode(200)
                .body("site.radiusMeters", equalTo(500));
        String reports = "/api/v1/tasks/" + taskId + "/reports";
        String period = month.toString();
        String etag = asUnit("UNIT_LIAISON", lead).body(Map.of("summary", "进展", "coordinationRequests",
                List.of(Map.of("description", "需协调", "unitIds", List.of(lead)))))
                .put(reports + "/" + period).then().statusCode(201).extract().header("ETag");
        etag = asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("problems", "问题"))
                .put(reports + "/" + period).then().statusCode(200).extract().header("ETag");
        asUnit("UNIT_LIAISON", lead).header("If-Match", "\"0\"").body(Map.of("problems", "问题"))
                .put(reports + "/" + period).then().statusCode(412);
        asUnit("UNIT_LIAISON", lead).body(Map.of("problems", "问题")).put(reports + "/" + period).then().statusCode(428);
        asUnit("UNIT_LIAISON", lead).header("If-Match", "\"0\"").body(Map.of("action", "SUBMIT"))
                .post(reports + "/" + period + "/transitions").then().statusCode(412);
        etag = asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("action", "SUBMIT"))
                .post(reports + "/" + period + "/transitions").then().statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "SUBMIT"))
                .post(reports + "/" + period + "/transitions").then().statusCode(403);
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "ACCEPT", "comment", "同意"))
                .post(reports + "/" + period + "/transitions").then().statusCode(200);
        as("OFFICE").get(reports + "/" + period).then().statusCode(200);
        as("OFFICE").get(reports + "/" + month.minusMonths(1)).then().statusCode(404);
        as("OFFICE").get(reports).then().statusCode(200);
        as("OFFICE").get(reports + "/" + period + "/versions").then().statusCode(200);
        as("OFFICE").queryParam("period", period).queryParam("status", "ACCEPTED").get("/api/v1/reports").then().statusCode(200);
        asUnit("UNIT_LIAISON", lead).queryParam("period", period).get("/api/v1/reports").then().statusCode(200);
    }

    @Test
    @Order(15)
    void importing_tasks_from_a_spreadsheet_and_downloading_the_template() {
        String code = uniqueCode("IM");
        Units.register(code, "覆盖导入单位", "MUNICIPAL_DEPARTMENT");
        String header = "年度,类别,标题,目标任务,工作内容,完成时限,牵头单位代码\n";
        String csv = header + YEAR + ",OTHER,覆盖导入" + code + ",目标,内容," + YEAR + "-12-31," + code + "\n";
        as("OFFICE").contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/tasks/import")
                .then().statusCode(200).body("created", equalTo(1));
        as("OFFICE").contentType("text/csv").body((header + YEAR + ",OTHER,坏行,目标,内容,不是日期," + code + "\n")
                .getBytes(StandardCharsets.UTF_8)).post("/api/v1/tasks/import").then().statusCode(400);
        as("OFFICE").accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/problem+json")
                .get("/api/v1/tasks/import-template").then().statusCode(200);
    }

    @Test
    @Order(16)
    void reading_the_public_disclosure_and_the_feed() {
        PublishedLedgers ledgers = new PublishedLedgers(database);
        PublishedLedgers.Task task = ledgers.task(2033, "覆盖公示任务");
        UUID report = UUID.randomUUID();
        ledgers.freeze("2033-01", true, List.of(task), List.of(report), List.of("GREEN"));
        byte[] jpeg = PublishedLedgers.jpeg(16, 16, 0x808080);
        UUID photo = ledgers.photo(task, "2033-01", report, "image/jpeg", jpeg, jpeg);
        String etag = anonymous().get("/api/v1/public/ledgers").then().statusCode(200).extract().header("ETag");
        anonymous().header("If-None-Match", etag).get("/api/v1/public/ledgers").then().statusCode(304);
        anonymous().get("/api/v1/public/ledgers/2033-01").then().statusCode(200);
        anonymous().get("/api/v1/public/ledgers/2033-02").then().statusCode(404);
        invalid(null).get("/api/v1/public/ledgers/2033-1").then().statusCode(400);
        anonymous().get("/api/v1/public/tasks/" + task.code() + "/progress-history").then().statusCode(200);
        anonymous().get("/api/v1/public/tasks/2033-QT-999/progress-history").then().statusCode(404);
        anonymous().accept("image/jpeg, application/problem+json").get("/api/v1/public/photos/" + photo).then().statusCode(200);
        anonymous().accept("image/jpeg, application/problem+json").get("/api/v1/public/photos/" + UUID.randomUUID())
                .then().statusCode(404);
        anonymous().accept("image/jpeg, application/problem+json").get("/api/v1/public/photos/" + photo + "/thumbnail")
                .then().statusCode(200);
        anonymous().accept("image/jpeg, application/problem+json").get("/api/v1/public/photos/" + UUID.randomUUID() + "/thumbnail")
                .then().statusCode(404);
        anonymous().accept("application/feed+json, application/problem+json").get("/api/v1/public/feed").then().statusCode(200);
        anonymous().accept("application/atom+xml, application/problem+json").get("/api/v1/public/feed").then().statusCode(200);
        invalid(null).queryParam("format", "rss").get("/api/v1/public/feed").then().statusCode(400);
    }

    @Test
    @Order(18)
    void reading_lights_and_closing_correcting_publishing_and_exporting_a_ledger() {
        String period = "2010-07";
        String lead = TestAccounts.homeUnit();
        Map<String, Object> task = new HashMap<>(Map.of("year", YEAR, "category", "OTHER", "title", "覆盖进度任务",
                "target", "目标", "content", "内容", "deadline", YEAR + "-06-30", "leadUnitId", lead));
        String taskId = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        as("OFFICE").get("/api/v1/tasks/" + taskId + "/progress-history").then().statusCode(200);
        as("OFFICE").queryParam("period", period).queryParam("limit", 5).get("/api/v1/dashboard").then().statusCode(200);
        as("OFFICE").get("/api/v1/dashboard").then().statusCode(200);
        invalid("OFFICE").queryParam("period", "2010-13").get("/api/v1/dashboard").then().statusCode(400);

        String path = "/api/v1/ledgers/" + period;
        as("OFFICE").get(path).then().statusCode(200).body("status", equalTo("OPEN"));
        as("OFFICE").accept("text/csv").get(path + "/export").then().statusCode(200);
        String etag = as("OFFICE").post(path + "/close").then().statusCode(200).extract().header("ETag");
        as("OFFICE").post(path + "/close").then().statusCode(409);
        as("OFFICE").get(path + "/versions").then().statusCode(200);
        invalid("OFFICE").queryParam("version", 0).get(path).then().statusCode(400);

        String key = UUID.randomUUID().toString();
        as("OFFICE").header("If-Match", "\"0\"").body(Map.of("reason", "更正")).post(path + "/versions").then().statusCode(412);
        etag = as("OFFICE").header("If-Match", etag).header("Idempotency-Key", key).body(Map.of("reason", "更正"))
                .post(path + "/versions").then().statusCode(201).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).header("Idempotency-Key", key).body(Map.of("reason", "更正"))
                .post(path + "/versions").then().statusCode(201).header("Idempotency-Replayed", "true");
        as("OFFICE").header("If-Match", etag).header("Idempotency-Key", key).body(Map.of("reason", "别的更正"))
                .post(path + "/versions").then().statusCode(422);
        as("OFFICE").header("If-Match", "\"0\"").post(path + "/publish").then().statusCode(412);
        etag = as("OFFICE").header("If-Match", etag).post(path + "/publish").then().statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).post(path + "/publish").then().statusCode(409);
        as("OFFICE").queryParam("version", 1).get(path).then().statusCode(200);
        as("OFFICE").accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").queryParam("format", "xlsx")
                .get(path + "/export").then().statusCode(200);
        invalid("OFFICE").queryParam("format", "pdf").get(path + "/export").then().statusCode(400);
    }

    @Test
    @Order(17)
    void attaching_reading_downloading_and_removing_evidence() {
        String lead = Units.registerId(uniqueCode("CE"), "覆盖影像单位");
        Map<String, Object> task = Map.of("year", 2026, "category", "OTHER", "title", "覆盖影像任务", "target", "目标",
                "content", "内容", "deadline", "2026-12-31", "leadUnitId", lead);
        String taskId = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        asUnit("UNIT_LIAISON", lead).body(Map.of("summary", "进展")).put("/api/v1/tasks/" + taskId + "/reports/2026-05")
                .then().statusCode(201);
        String path = "/api/v1/tasks/" + taskId + "/reports/2026-05/attachments";
        // The request validator cannot read multipart bodies: uploads go out with only the answer checked.
        String key = UUID.randomUUID().toString();
        String id = Api.deliberatelyInvalidAs("UNIT_LIAISON", lead).filter(CHECK).contentType("multipart/form-data")
                .header("Idempotency-Key", key)
                .multiPart("file", "site.jpg", cn.keywork.supervision.evidence.Samples.photo(64, 48, "2026:05:01 10:00:00", 26.0, 119.3, 1),
                        "image/jpeg")
                .post(path).then().statusCode(201).extract().path("id");
        Api.deliberatelyInvalidAs("UNIT_LIAISON", lead).filter(CHECK).contentType("multipart/form-data")
                .header("Idempotency-Key", key).multiPart("file", "other.pdf", cn.keywork.supervision.evidence.Samples.pdf(),
                        "application/pdf")
                .post(path).then().statusCode(422);
        asUnit("UNIT_LIAISON", lead).get(path).then().statusCode(200).body("items[0].id", equalTo(id));
        as("OFFICE").get("/api/v1/attachments/" + id).then().statusCode(200);
        as("OFFICE").accept("*/*").get("/api/v1/attachments/" + id + "/content").then().statusCode(200);
        as("OFFICE").accept("*/*").header("Range", "bytes=0-9").get("/api/v1/attachments/" + id + "/content").then().statusCode(206);
        as("OFFICE").accept("*/*").header("Range", "bytes=999999-").get("/api/v1/attachments/" + id + "/content")
                .then().statusCode(416);
        as("OFFICE").accept("*/*").get("/api/v1/attachments/" + id + "/thumbnail").then().statusCode(200);
        asUnit("UNIT_LIAISON", lead).delete("/api/v1/attachments/" + id).then().statusCode(204);
    }

    // --- Examples ---------------------------------------------------------------------------------

    @Test
    @Order(19)
    void drafting_approving_issuing_answering_and_closing_a_slip() {
        String lead = TestAccounts.homeUnit();
        String leader = as("LEADER").get("/api/v1/me").then().statusCode(200).extract().path("id");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        cn.keywork.supervision.support.SlipFixtures fixtures = new cn.keywork.supervision.support.SlipFixtures(database);
        String taskId = fixtures.urgedAndStillLagging(lead, leader).taskId();
        String month = "2094-01"; // no figures: the walk's own task stays without proposals
        as("LEADER").queryParam("period", month).get("/api/v1/slips/proposals").then().statusCode(200);
        invalid("OFFICE").queryParam("period", "2026-13").get("/api/v1/slips/proposals").then().statusCode(400);
        as("OFFICE").queryParam("period", month).post("/api/v1/slips/proposals").then().statusCode(200);
        Map<String, Object> slip = new HashMap<>(Map.of("type", "SUPERVISION", "taskId", taskId,
                "requirements", "请加快推进", "responseDeadline", today.plusDays(30).toString()));
        String key = UUID.randomUUID().toString();
        Response created = as("OFFICE").header("Idempotency-Key", key).body(slip).post("/api/v1/slips").then()
                .statusCode(201).body("status", equalTo("DRAFT")).extract().response();
        as("OFFICE").header("Idempotency-Key", key).body(slip).post("/api/v1/slips").then().statusCode(201)
                .header("Idempotency-Replayed", "true");
        Map<String, Object> other = new HashMap<>(slip);
        other.put("requirements", "别的要求");
        as("OFFICE").header("Idempotency-Key", key).body(other).post("/api/v1/slips").then().statusCode(422);
        String path = "/api/v1/slips/" + created.path("id");
        String etag = as("OFFICE").get(path).then().statusCode(200).extract().header("ETag");
        etag = as("OFFICE").header("If-Match", etag).body(other).put(path).then().statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", "\"0\"").body(other).put(path).then().statusCode(412);
        String moves = path + "/transitions";
        as("OFFICE").header("If-Match", "\"0\"").body(Map.of("action", "ISSUE")).post(moves).then().statusCode(412);
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "ISSUE")).post(moves).then().statusCode(409);
        etag = as("OFFICE").header("If-Match", etag).body(Map.of("action", "SUBMIT_FOR_APPROVAL")).post(moves).then()
                .statusCode(200).extract().header("ETag");
        as("LEADER").queryParam("size", 200).get("/api/v1/slips/inbox").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(created.<String>path("id")));
        etag = as("LEADER").header("If-Match", etag).body(Map.of("action", "APPROVE", "comment", "同意督办")).post(moves)
                .then().statusCode(200).extract().header("ETag");
        etag = as("OFFICE").header("If-Match", etag).body(Map.of("action", "ISSUE")).post(moves).then().statusCode(200)
                .body("number", org.hamcrest.Matchers.startsWith("督办〔" + today.getYear() + "〕")).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(other).put(path).then().statusCode(409);
        asUnit("UNIT_LIAISON", lead).queryParam("page", 1).queryParam("size", 200).get("/api/v1/slips/inbox").then()
                .statusCode(200).body("items.awaiting", org.hamcrest.Matchers.hasItem("ACKNOWLEDGE"));
        etag = asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("action", "ACKNOWLEDGE")).post(moves)
                .then().statusCode(200).extract().header("ETag");
        etag = asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("action", "RESPOND", "comment", "已整改"))
                .post(moves).then().statusCode(200).extract().header("ETag");
        etag = as("OFFICE").header("If-Match", etag).body(Map.of("action", "ACCEPT_RESPONSE")).post(moves).then()
                .statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "CLOSE", "outcome", "RESOLVED")).post(moves).then()
                .statusCode(200).body("status", equalTo("CLOSED"));
        as("OFFICE").queryParam("type", "SUPERVISION").queryParam("taskId", taskId).queryParam("overdue", false)
                .get("/api/v1/slips").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    @Order(20)
    void raising_assigning_answering_and_closing_a_problem_raising_one_from_a_coordination_request_and_recording_a_meeting() {
        String lead = TestAccounts.homeUnit();
        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai"));
        Map<String, Object> task = new HashMap<>(Map.of("year", month.getYear(), "category", "OTHER", "title", "覆盖问题任务",
                "target", "目标", "content", "内容", "deadline", month.getYear() + "-12-31", "leadUnitId", lead));
        String taskId = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("taskId", taskId, "description", "征地拆迁滞后");
        Response created = as("OFFICE").header("Idempotency-Key", key).body(body).post("/api/v1/problems").then()
                .statusCode(201).extract().response();
        String problemId = created.path("id");
        as("OFFICE").header("Idempotency-Key", key).body(Map.of("taskId", taskId, "description", "另一个问题"))
                .post("/api/v1/problems").then().statusCode(422);
        as("OFFICE").get("/api/v1/problems/" + problemId).then().statusCode(200);
        as("OFFICE").queryParam("taskId", taskId).queryParam("status", "OPEN").get("/api/v1/problems").then().statusCode(200)
                .body("total", equalTo(1));
        String transitions = "/api/v1/problems/" + problemId + "/transitions";
        Map<String, Object> assign = Map.of("action", "ASSIGN", "assignedUnitIds", List.of(lead), "deadline", "2099-12-31");
        as("OFFICE").header("If-Match", "\"99\"").body(assign).post(transitions).then().statusCode(412);
        String etag = as("OFFICE").header("If-Match", created.header("ETag")).body(assign).post(transitions).then()
                .statusCode(200).extract().header("ETag");
        asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("action", "ANSWER", "comment", "已解决"))
                .post(transitions).then().statusCode(200);

        String reports = "/api/v1/tasks/" + taskId + "/reports/" + month;
        String reportTag = asUnit("UNIT_LIAISON", lead).body(Map.of("summary", "进展", "coordinationRequests",
                List.of(Map.of("description", "需协调", "unitIds", List.of(lead))))).put(reports).then().statusCode(201)
                .extract().header("ETag");
        as("OFFICE").post(reports + "/coordination-requests/0/problem").then().statusCode(409);
        asUnit("UNIT_LIAISON", lead).header("If-Match", reportTag).body(Map.of("action", "SUBMIT"))
                .post(reports + "/transitions").then().statusCode(200);
        as("OFFICE").body(Map.of("deadline", "2099-12-31")).post(reports + "/coordination-requests/0/problem").then()
                .statusCode(201);
        as("OFFICE").post(reports + "/coordination-requests/0/problem").then().statusCode(200);

        String meetings = "/api/v1/tasks/" + taskId + "/meetings";
        Map<String, Object> meeting = Map.of("heldOn", month.atDay(1).toString(), "participantUnitIds", List.of(lead),
                "minutes", "会议纪要", "decisions", List.of(Map.of("text", "请督查室下发交办单", "requestAssignmentSlip", true)));
        String meetingKey = UUID.randomUUID().toString();
        Response held = asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", meetingKey).body(meeting).post(meetings).then()
                .statusCode(201).extract().response();
        asUnit("UNIT_LIAISON", lead).header("Idempotency-Key", meetingKey)
                .body(Map.of("heldOn", month.atDay(1).toString(), "participantUnitIds", List.of(lead), "minutes", "另一次会议"))
                .post(meetings).then().statusCode(422);
        as("OFFICE").get(meetings).then().statusCode(200);
        String meetingPath = meetings + "/" + held.path("id");
        as("OFFICE").get(meetingPath).then().statusCode(200);
        as("OFFICE").header("If-Match", "\"99\"").body(meeting).put(meetingPath).then().statusCode(412);
        as("OFFICE").header("If-Match", held.header("ETag")).body(meeting).put(meetingPath).then().statusCode(200);
    }

    @Test
    @Order(21)
    void giving_a_leader_the_right_to_approve_supervision_orders_and_taking_it_back() {
        String leader = TestAccounts.createAccount("t-cov-approver-" + UUID.randomUUID().toString().substring(0, 6), "LEADER",
                null);
        String path = "/api/v1/slip-approvers/" + leader;
        as("ADMIN").body(Map.of("note", "分管督查工作")).put(path).then().statusCode(201);
        as("ADMIN").body(Map.of("note", "受权审批")).put(path).then().statusCode(200).body("note", equalTo("受权审批"));
        as("OFFICE").get("/api/v1/slip-approvers").then().statusCode(200);
        String office = as("OFFICE").get("/api/v1/me").then().statusCode(200).extract().path("id");
        as("ADMIN").body(Map.of()).put("/api/v1/slip-approvers/" + office).then().statusCode(409);
        as("ADMIN").delete(path).then().statusCode(204);
        as("ADMIN").delete(path).then().statusCode(404);
    }

    @Test
    @Order(21)
    void printing_a_slip() {
        String lead = TestAccounts.homeUnit();
        String taskId = new cn.keywork.supervision.support.SlipFixtures(database).redTask(lead, null);
        String slipId = cn.keywork.supervision.support.SlipFixtures.issuedUrging(taskId).path("id");
        String document = "/api/v1/slips/" + slipId + "/document";
        as("OFFICE").accept("text/html").get(document).then().statusCode(200);
        asUnit("UNIT_LIAISON", lead).accept("text/html").get(document).then().statusCode(200);
        invalid("OFFICE").accept("application/json").get(document).then().statusCode(406);
    }

    @Test
    @Order(22)
    void drafting_editing_refreshing_publishing_and_reading_a_quarterly_briefing() {
        String key = UUID.randomUUID().toString();
        Response created = as("OFFICE").header("Idempotency-Key", key).body(Map.of("quarter", "2093-Q1"))
                .post("/api/v1/briefings").then().statusCode(201).body("status", equalTo("DRAFT")).extract().response();
        as("OFFICE").header("Idempotency-Key", key).body(Map.of("quarter", "2093-Q1")).post("/api/v1/briefings").then()
                .statusCode(201).header("Idempotency-Replayed", "true");
        as("OFFICE").header("Idempotency-Key", key).body(Map.of("quarter", "2093-Q2")).post("/api/v1/briefings").then()
                .statusCode(422);
        as("OFFICE").body(Map.of("quarter", "2093-Q1")).post("/api/v1/briefings").then().statusCode(409);
        invalid("OFFICE").body(Map.of("quarter", "2093-Q5")).post("/api/v1/briefings").then().statusCode(400);
        String path = "/api/v1/briefings/" + created.path("id");
        as("LEADER").get("/api/v1/briefings").then().statusCode(200);
        String etag = as("OFFICE").get(path).then().statusCode(200).extract().header("ETag");
        etag = as("OFFICE").header("If-Match", etag).body(Map.of("foreword", "现将情况通报如下。")).put(path).then()
                .statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", "\"0\"").body(Map.of("title", "通报")).put(path).then().statusCode(412);
        String moves = path + "/transitions";
        as("OFFICE").header("If-Match", "\"0\"").body(Map.of("action", "REFRESH")).post(moves).then().statusCode(412);
        etag = as("OFFICE").header("If-Match", etag).body(Map.of("action", "REFRESH")).post(moves).then().statusCode(200)
                .extract().header("ETag");
        as("OFFICE").get(path + "/document").then().statusCode(200);
        etag = as("OFFICE").header("If-Match", etag).body(Map.of("action", "PUBLISH")).post(moves).then().statusCode(200)
                .extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "REFRESH")).post(moves).then().statusCode(409);
        as("OFFICE").header("If-Match", etag).body(Map.of("title", "通报")).put(path).then().statusCode(409);
        anonymous().get("/api/v1/public/briefings").then().statusCode(200);
        anonymous().get("/api/v1/public/briefings/" + created.path("id")).then().statusCode(200);
    }

    @Test
    @Order(23)
    void reading_counting_and_marking_my_notifications() {
        String unit = Units.registerId(Api.uniqueCode("COVN"), "通知覆盖单位");
        asUnit("UNIT_LIAISON", unit).get("/api/v1/me").then().statusCode(200);
        String taskId = new SlipFixtures(database).redTask(unit, null);
        SlipFixtures.issuedUrging(taskId);
        asUnit("UNIT_LIAISON", unit).get("/api/v1/me/notifications?unread=true&page=1&size=5").then().statusCode(200)
                .body("total", equalTo(1));
        asUnit("UNIT_LIAISON", unit).get("/api/v1/me/notifications/unread-count").then().statusCode(200)
                .body("count", equalTo(1));
        String id = asUnit("UNIT_LIAISON", unit).get("/api/v1/me/notifications").then().statusCode(200).extract()
                .path("items[0].id");
        as("OFFICE").post("/api/v1/me/notifications/" + id + "/read").then().statusCode(404);
        asUnit("UNIT_LIAISON", unit).post("/api/v1/me/notifications/" + id + "/read").then().statusCode(204);
        asUnit("UNIT_LIAISON", unit).post("/api/v1/me/notifications/read-all").then().statusCode(200)
                .body("marked", equalTo(0));
    }

    @Test
    @Order(24)
    void running_and_reading_the_cycles() {
        String path = "/api/v1/cycles/YEARLY/2008/runs";
        as("OFFICE").get(path).then().statusCode(404);
        as("OFFICE").post(path + "?dryRun=true").then().statusCode(200).body("dryRun", equalTo(true));
        as("OFFICE").post(path).then().statusCode(200).body("status", equalTo("SUCCEEDED"));
        as("OFFICE").post(path).then().statusCode(409);
        as("OFFICE").post("/api/v1/cycles/YEARLY/2008-Q1/runs").then().statusCode(400);
        as("LEADER").get(path).then().statusCode(200).body("steps.size()", equalTo(4));
        as("LEADER").get("/api/v1/cycles/runs?type=YEARLY&page=1&size=5").then().statusCode(200);
    }

    @Test
    @Order(60)
    void inquiries_asked_answered_and_judged() {
        cn.keywork.supervision.support.EvaluationFixtures fixtures = new cn.keywork.supervision.support.EvaluationFixtures(database);
        String lead = Units.registerId(uniqueCode("CVQ"), "覆盖质询局" + uniqueCode(""));
        String taskId = SlipFixtures.task(lead, null);
        String roundId = fixtures.round("INQUIRY", 1, taskId);
        cn.keywork.supervision.support.EvaluationFixtures.Evaluator evaluator = fixtures.evaluator("NPC_DEPUTY", null);
        fixtures.panel(roundId, taskId, evaluator);
        RequestSpecification asker = Api.anonymous().auth().oauth2(evaluator.token()).filter(CHECK);
        String path = "/api/v1/evaluation-rounds/" + roundId + "/inquiries";
        String key = UUID.randomUUID().toString();
        String id = asker.header("Idempotency-Key", key).body(Map.of("taskId", taskId, "question", "进度为何滞后？")).post(path)
                .then().statusCode(201).header("Location", notNullValue()).extract().path("id");
        Api.anonymous().auth().oauth2(evaluator.token()).filter(CHECK).header("Idempotency-Key", key)
                .body(Map.of("taskId", taskId, "question", "进度为何滞后？")).post(path).then().statusCode(201)
                .header("Idempotency-Replayed", "true").body("id", equalTo(id));
        Api.anonymous().auth().oauth2(evaluator.token()).filter(CHECK).header("Idempotency-Key", key)
                .body(Map.of("taskId", taskId, "question", "换一个问题？")).post(path).then().statusCode(422);
        Api.anonymous().auth().oauth2(evaluator.token()).filter(CHECK).body(Map.of("satisfactory", true))
                .post(path + "/" + id + "/verdict").then().statusCode(409);
        as("OFFICE").get(path + "?status=OPEN").then().statusCode(200).body("total", equalTo(1));
        as("OFFICE").get(path + "/" + id).then().statusCode(200).header("ETag", notNullValue());
        asUnit("UNIT_LIAISON", lead).body(Map.of("answer", "已加快推进。")).post(path + "/" + id + "/answer").then().statusCode(200);
        asUnit("UNIT_LIAISON", lead).body(Map.of("answer", "再答。")).post(path + "/" + id + "/answer").then().statusCode(409);
        Api.anonymous().auth().oauth2(evaluator.token()).filter(CHECK).body(Map.of("satisfactory", true))
                .post(path + "/" + id + "/verdict").then().statusCode(200).body("status", equalTo("JUDGED"));
        fixtures.status(roundId, "SCORING");
        Api.anonymous().auth().oauth2(evaluator.token()).filter(CHECK).body(Map.of("taskId", taskId, "question", "还有问题？"))
                .post(path).then().statusCode(409);
    }

    @Test
    @Order(61)
    void public_opinions_left_and_moderated() {
        PublishedLedgers ledgers = new PublishedLedgers(database);
        PublishedLedgers.Task task = ledgers.task(YEAR, "覆盖意见任务");
        ledgers.freeze("2402-0" + (1 + new java.util.Random().nextInt(9)), true, List.of(task), List.of(UUID.randomUUID()),
                List.of("GREEN"));
        String path = "/api/v1/public/tasks/" + task.code() + "/opinions";
        String id = anonymous().body(Map.of("text", "希望加快进度", "contact", "13800000000")).post(path).then().statusCode(202)
                .extract().path("id");
        as("OFFICE").get("/api/v1/opinions?status=PENDING&taskId=" + task.id()).then().statusCode(200);
        as("OFFICE").body(Map.of("decision", "REJECT")).post("/api/v1/opinions/" + id + "/moderation").then().statusCode(400);
        as("OFFICE").body(Map.of("decision", "APPROVE", "reply", "已转办。")).post("/api/v1/opinions/" + id + "/moderation")
                .then().statusCode(200);
        as("OFFICE").body(Map.of("decision", "APPROVE")).post("/api/v1/opinions/" + id + "/moderation").then().statusCode(409);
        String etag = anonymous().get(path).then().statusCode(200).extract().header("ETag");
        anonymous().header("If-None-Match", etag).get(path).then().statusCode(304);
    }

    @Test
    @Order(62)
    void a_rounds_opinions() {
        cn.keywork.supervision.support.EvaluationFixtures fixtures = new cn.keywork.supervision.support.EvaluationFixtures(database);
        String roundId = fixtures.round("INQUIRY", 1, SlipFixtures.task(Units.registerId(uniqueCode("CVO"), "覆盖意见局"), null));
        as("ASSESSMENT").get("/api/v1/evaluation-rounds/" + roundId + "/opinions").then().statusCode(200);
    }

    @Test
    @Order(57)
    void casting_replacing_and_reading_my_ballots() {
        String lead = Units.registerId(uniqueCode("COVB"), "评议覆盖单位");
        String task = SlipFixtures.task(lead, null);
        EvaluationFixtures fixtures = new EvaluationFixtures(database);
        EvaluationFixtures.Evaluator evaluator = fixtures.evaluator("NPC_DEPUTY", null);
        ballotRound = fixtures.round("SCORING", 1, task);
        fixtures.panel(ballotRound, task, evaluator);
        String path = "/api/v1/evaluation-rounds/" + ballotRound + "/ballots";
        Map<String, Object> ballot = Map.of("taskId", task, "scores", Map.of("PROGRESS", 90, "EFFECT", 85, "PROBLEMS", 80,
                "RESPONSE", 88), "satisfaction", "SATISFIED", "comment", "推进有力");
        String id = by(evaluator).body(ballot).post(path).then().statusCode(201).extract().path("id");
        by(evaluator).body(ballot).post(path).then().statusCode(200).body("version", equalTo(2));
        by(evaluator).body(Map.of("taskId", task, "scores", Map.of("PROGRESS", 90), "satisfaction", "SATISFIED")).post(path)
                .then().statusCode(400);
        by(evaluator).body(Map.of("taskId", UUID.randomUUID().toString(), "scores", Map.of("PROGRESS", 90),
                "satisfaction", "SATISFIED")).post(path).then().statusCode(404);
        by(evaluator).get(path).then().statusCode(200).body("items.size()", equalTo(1));
        String etag = by(evaluator).get(path + "/" + id).then().statusCode(200).extract().header("ETag");
        by(evaluator).header("If-Match", "\"1\"").body(ballot).put(path + "/" + id).then().statusCode(412);
        by(evaluator).header("If-Match", etag).body(ballot).put(path + "/" + id).then().statusCode(200);
        ballotMoves.move(ballotRound, "CLOSE");
        by(evaluator).body(ballot).post(path).then().statusCode(409);
        by(evaluator).header("If-Match", "\"3\"").body(ballot).put(path + "/" + id).then().statusCode(409);
    }

    @Test
    @Order(58)
    void reading_and_verifying_a_round_s_results() {
        String path = "/api/v1/evaluation-rounds/" + ballotRound;
        as("OFFICE").get(path + "/results").then().statusCode(200).body("items.size()", equalTo(1));
        as("AUDITOR").post(path + "/verification").then().statusCode(200).body("verified", equalTo(true));
        String scoring = new EvaluationFixtures(database).round("SCORING", 1);
        as("OFFICE").get("/api/v1/evaluation-rounds/" + scoring + "/results").then().statusCode(409);
        as("AUDITOR").post("/api/v1/evaluation-rounds/" + scoring + "/verification").then().statusCode(409);
    }

    @Test
    @Order(59)
    void reading_the_published_evaluation_results() {
        ballotMoves.move(ballotRound, "PUBLISH");
        String period = database.preparedQuery("SELECT trim(period) FROM evaluation_round WHERE id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(ballotRound))).await().indefinitely().iterator().next()
                .getString(0);
        String etag = anonymous().get("/api/v1/public/evaluations").then().statusCode(200).extract().header("ETag");
        anonymous().header("If-None-Match", etag).get("/api/v1/public/evaluations").then().statusCode(304);
        etag = anonymous().get("/api/v1/public/evaluations/" + period).then().statusCode(200).extract().header("ETag");
        anonymous().header("If-None-Match", etag).get("/api/v1/public/evaluations/" + period).then().statusCode(304);
    }

    private static RequestSpecification by(EvaluationFixtures.Evaluator evaluator) {
        return Api.anonymous().auth().oauth2(evaluator.token()).filter(CHECK);
    }

    @Test
    @Order(67)
    void objecting_to_an_entry_and_deciding_the_objection() {
        cn.keywork.supervision.support.AssessmentFixtures fixtures = new cn.keywork.supervision.support.AssessmentFixtures(database);
        int year = cn.keywork.supervision.support.AssessmentFixtures.freshYear();
        String book = fixtures.activeRuleBook(year, List.of(new cn.keywork.supervision.support.AssessmentFixtures.Rule("SUPERVISION_ORDER", "slip.deduction_basis",
                -2, "TARGET", 0, null)));
        String unit = Units.registerId(Api.uniqueCode("COVA"), "申诉覆盖单位");
        String event = fixtures.event("slip.deduction_basis", "Slip", UUID.randomUUID().toString(), List.of(unit), null, "{}");
        String entry = fixtures.entry(unit, year, -2, "SUPERVISION_ORDER", book, event);
        String objections = "/api/v1/assessment/objections";
        asUnit("UNIT_LIAISON", unit).body(Map.of("entryId", UUID.randomUUID().toString(), "reason", "无此记录")).post(objections)
                .then().statusCode(404);
        String id = asUnit("UNIT_LIAISON", unit).body(Map.of("entryId", entry, "reason", "已按期整改")).post(objections).then()
                .statusCode(201).extract().path("id");
        asUnit("UNIT_LIAISON", unit).body(Map.of("entryId", entry, "reason", "再次申诉")).post(objections).then().statusCode(409);
        as("ASSESSMENT").queryParam("year", year).queryParam("status", "OPEN").get(objections).then().statusCode(200)
                .body("total", equalTo(1));
        as("ASSESSMENT").get(objections + "/" + id).then().statusCode(200);
        invalid("ASSESSMENT").body(Map.of("uphold", "yes")).post(objections + "/" + id + "/decision").then().statusCode(400);
        as("ASSESSMENT").body(Map.of("uphold", true, "reason", "申诉成立")).post(objections + "/" + id + "/decision").then()
                .statusCode(200).body("status", equalTo("UPHELD"));
        as("ASSESSMENT").body(Map.of("uphold", false, "reason", "再议")).post(objections + "/" + id + "/decision").then()
                .statusCode(409);
    }

    @Test
    @Order(68)
    void reading_freezing_and_exporting_the_annual_assessment() {
        cn.keywork.supervision.support.AssessmentFixtures fixtures = new cn.keywork.supervision.support.AssessmentFixtures(database);
        int year = cn.keywork.supervision.support.AssessmentFixtures.freshYear();
        String book = fixtures.activeRuleBook(year, List.of(new cn.keywork.supervision.support.AssessmentFixtures.Rule("SUPERVISION_ORDER", "slip.deduction_basis",
                -2, "TARGET", 0, null)));
        String unit = Units.registerId(Api.uniqueCode("COVS"), "统计覆盖单位");
        fixtures.entry(unit, year, -2, "SUPERVISION_ORDER", book,
                fixtures.event("slip.deduction_basis", "Slip", UUID.randomUUID().toString(), List.of(unit), null, "{}"));
        String path = "/api/v1/assessment/summaries/" + year;
        as("LEADER").get(path).then().statusCode(200).body("status", equalTo("PROVISIONAL"));
        asUnit("UNIT_LIAISON", unit).get(path).then().statusCode(200).body("items.size()", equalTo(1));
        as("ASSESSMENT").get(path + "/changes").then().statusCode(200);
        as("ASSESSMENT").accept("text/csv").get(path + "/export").then().statusCode(200);
        as("ASSESSMENT").accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").queryParam("format", "xlsx")
                .get(path + "/export").then().statusCode(200);
        as("ASSESSMENT").queryParam("format", "json").get(path + "/export").then().statusCode(200);
        invalid("ASSESSMENT").queryParam("format", "pdf").get(path + "/export").then().statusCode(400);
        as("ASSESSMENT").post(path + "/freeze").then().statusCode(200).body("status", equalTo("FROZEN"));
        as("ASSESSMENT").post(path + "/freeze").then().statusCode(409);
    }

    @Test
    @Order(63)
    void writing_activating_and_reading_a_rule_book() {
        int year = cn.keywork.supervision.support.AssessmentFixtures.freshYear();
        String path = "/api/v1/assessment/rule-books/" + year;
        as("OFFICE").get(path).then().statusCode(404);
        Map<String, Object> book = Map.of("title", year + "年度考核细则", "baseScore", 100, "objectionDays", 15, "rules",
                List.of(Map.of("code", "ORDER_ISSUED", "description", "被下发督办单的扣2分", "eventType", "slip.deduction_basis",
                        "points", -2, "appliesTo", "TARGET")));
        String etag = as("ASSESSMENT").body(book).put(path + "/draft").then().statusCode(200).extract().header("ETag");
        as("ASSESSMENT").body(book).put(path + "/draft").then().statusCode(428);
        as("ASSESSMENT").header("If-Match", "\"0\"").body(book).put(path + "/draft").then().statusCode(412);
        as("ASSESSMENT").header("If-Match", "\"0\"").post(path + "/activation").then().statusCode(412);
        as("ASSESSMENT").header("If-Match", etag).post(path + "/activation").then().statusCode(200);
        as("ASSESSMENT").header("If-Match", etag).body(book).put(path + "/draft").then().statusCode(409);
        as("ASSESSMENT").header("If-Match", etag).post(path + "/activation").then().statusCode(404);
        as("LEADER").get(path + "?version=1").then().statusCode(200);
        as("AUDITOR").get("/api/v1/assessment/rule-books").then().statusCode(200);
    }

    @Test
    @Order(64)
    void proposing_deciding_and_reading_point_entries_with_their_basis() {
        String unit = Units.registerId(Api.uniqueCode("COVP"), "加减分覆盖单位");
        String key = UUID.randomUUID().toString();
        Map<String, Object> proposal = Map.of("unitId", unit, "points", 1, "reason", "市领导批示表扬");
        String id = as("OFFICE").header("Idempotency-Key", key).body(proposal).post("/api/v1/assessment/entries").then()
                .statusCode(201).extract().path("id");
        as("OFFICE").header("Idempotency-Key", key).body(proposal).post("/api/v1/assessment/entries").then()
                .statusCode(201).header("Idempotency-Replayed", "true");
        as("OFFICE").header("Idempotency-Key", key).body(Map.of("unitId", unit, "points", 2, "reason", "另一项"))
                .post("/api/v1/assessment/entries").then().statusCode(422);
        as("OFFICE").body(Map.of("unitId", UUID.randomUUID().toString(), "points", 1, "reason", "未知单位"))
                .post("/api/v1/assessment/entries").then().statusCode(404);
        String path = "/api/v1/assessment/entries/" + id;
        as("ASSESSMENT").body(Map.of("approve", true)).post(path + "/approval").then().statusCode(200);
        as("ASSESSMENT").body(Map.of("approve", true)).post(path + "/approval").then().statusCode(409);
        as("ASSESSMENT").body(Map.of("approve", true)).post("/api/v1/assessment/entries/" + UUID.randomUUID() + "/approval")
                .then().statusCode(404);
        as("LEADER").get(path).then().statusCode(200);
        as("AUDITOR").get(path + "/basis").then().statusCode(200);
        as("OFFICE").get("/api/v1/assessment/entries/" + UUID.randomUUID()).then().statusCode(404);
        as("OFFICE").get("/api/v1/assessment/entries/" + UUID.randomUUID() + "/basis").then().statusCode(404);
        asUnit("UNIT_LIAISON", unit).get("/api/v1/assessment/entries?year=" + SlipFixtures.TODAY.getYear()
                + "&source=MANUAL&status=EFFECTIVE&page=1&size=5").then().statusCode(200);
    }

    @Test
    @Order(65)
    void re_evaluating_a_year_under_its_active_rule_book() {
        int year = cn.keywork.supervision.support.AssessmentFixtures.freshYear();
        as("ASSESSMENT").body(Map.of("year", year, "dryRun", true)).post("/api/v1/assessment/re-evaluations").then()
                .statusCode(404);
        new cn.keywork.supervision.support.AssessmentFixtures(database).activeRuleBook(year, List.of());
        as("ASSESSMENT").body(Map.of("year", year, "dryRun", true)).post("/api/v1/assessment/re-evaluations").then()
                .statusCode(200);
        as("ASSESSMENT").body(Map.of("year", year, "dryRun", false)).post("/api/v1/assessment/re-evaluations").then()
                .statusCode(200);
    }

    @Test
    @Order(50)
    void every_answer_example_fits_its_schema_and_holds_no_explicit_null() {
        List<String> mismatches = new ArrayList<>();
        for (ContractCheck.Operation operation : CHECK.operations()) {
            operation.definition().path("responses").fields().forEachRemaining(answer -> {
                JsonNode response = resolve(answer.getValue());
                response.path("content").fields().forEachRemaining(media -> {
                    JsonNode example = media.getValue().path("example");
                    if (example.isMissingNode() || !media.getKey().contains("json")) {
                        return;
                    }
                    String where = operation.id() + " " + answer.getKey();
                    if (example.toString().contains(":null")) {
                        mismatches.add(where + ": an explicit null, which the service never sends");
                    }
                    String judgement = CHECK.judge(operation, Integer.parseInt(answer.getKey()), media.getKey(), example.toString());
                    if (!judgement.isEmpty()) {
                        mismatches.add(where + ": " + judgement);
                    }
                });
            });
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    @Order(51)
    void the_shared_sort_example_is_valid_for_every_operation_that_takes_sort() {
        String example = CHECK.contract().at("/components/parameters/Sort/example").asText();
        List<String> mismatches = new ArrayList<>();
        for (ContractCheck.Operation operation : CHECK.operations()) {
            if (!operation.definition().path("parameters").toString().contains("parameters/Sort")) {
                continue;
            }
            String description = operation.definition().path("description").asText();
            String sortable = description.substring(description.indexOf("Sortable by"));
            sortable = sortable.substring(0, sortable.indexOf(';'));
            for (String field : example.split(",")) {
                if (!sortable.contains("`" + field.replaceFirst("^-", "") + "`")) {
                    mismatches.add(operation.id() + " does not sort by " + field);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    @Order(52)
    void the_schema_requires_the_note_of_the_moves_that_need_one_and_only_of_those() {
        String path = "/api/v1/tasks/" + UUID.randomUUID() + "/transitions";
        for (String action : List.of("RETURN", "COMPLETE", "CANCEL")) {
            assertThat(CHECK.judgeRequest("POST", path, "{\"action\":\"" + action + "\"}")).as(action).contains("note");
            assertThat(CHECK.judgeRequest("POST", path, "{\"action\":\"" + action + "\",\"note\":\"理由\"}")).as(action).isEmpty();
        }
        for (String action : List.of("SUBMIT", "ACCEPT", "CLOSE")) {
            assertThat(CHECK.judgeRequest("POST", path, "{\"action\":\"" + action + "\"}")).as(action).isEmpty();
            assertThat(CHECK.judgeRequest("POST", path, "{\"action\":\"" + action + "\",\"note\":\"说明\"}")).as(action).isEmpty();
        }
        assertThat(CHECK.judgeRequest("POST", path, "{\"action\":\"SUBMIT\",\"extra\":1}")).isNotEmpty();
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? resolve(CHECK.contract().at(node.get("$ref").asText().substring(1))) : node;
    }

    @Test
    @Order(53)
    void appointing_listing_reading_and_changing_evaluators() {
        String username = "t-cov-ev-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = new HashMap<>(Map.of("kind", "SPECIAL_SUPERVISOR", "name", "李建华", "termFrom", "2026-01-01",
                "termTo", "2030-12-31", "expertise", List.of("KEY_PROJECT"), "mobile", "13800138000", "username", username,
                "initialPassword", TestAccounts.INITIAL_PASSWORD));
        String key = UUID.randomUUID().toString();
        Response created = as("OFFICE").header("Idempotency-Key", key).body(body).post("/api/v1/evaluators").then()
                .statusCode(201).body("username", equalTo(username)).extract().response();
        as("OFFICE").header("Idempotency-Key", key).body(body).post("/api/v1/evaluators").then().statusCode(201)
                .header("Idempotency-Replayed", "true");
        Map<String, Object> other = new HashMap<>(body);
        other.put("name", "别的");
        as("OFFICE").header("Idempotency-Key", key).body(other).post("/api/v1/evaluators").then().statusCode(422);
        as("OFFICE").body(body).post("/api/v1/evaluators").then().statusCode(409);
        as("LEADER").queryParam("kind", "SPECIAL_SUPERVISOR").queryParam("active", true).queryParam("q", "李")
                .queryParam("page", 1).queryParam("size", 5).get("/api/v1/evaluators").then().statusCode(200);
        String path = "/api/v1/evaluators/" + created.path("id");
        as("ASSESSMENT").get(path).then().statusCode(200).body("mobile", equalTo("13800138000"));
        as("OFFICE").header("If-Match", created.header("ETag")).body(Map.of("termTo", "2031-12-31")).patch(path).then()
                .statusCode(200);
        as("OFFICE").header("If-Match", created.header("ETag")).body(Map.of("termTo", "2031-12-31")).patch(path).then()
                .statusCode(412);
        String token = TestAccounts.activate(username);
        Api.anonymous().filter(CHECK).auth().oauth2(token).get("/api/v1/me/evaluator").then().statusCode(200);
        as("EVALUATOR").get("/api/v1/me/evaluator").then().statusCode(404);
    }

    @Test
    @Order(54)
    void preparing_changing_and_moving_an_evaluation_round() {
        String lead = TestAccounts.homeUnit();
        String taskId = SlipFixtures.task(lead, null);
        String period = cn.keywork.supervision.support.EvaluationFixtures.freshQuarter();
        Map<String, Object> body = Map.of("period", period, "title", "公开评议", "minPanel", 1,
                "subjects", List.of(Map.of("taskId", taskId)));
        String key = UUID.randomUUID().toString();
        Response created = as("OFFICE").header("Idempotency-Key", key).body(body).post("/api/v1/evaluation-rounds").then()
                .statusCode(201).extract().response();
        as("OFFICE").header("Idempotency-Key", key).body(body).post("/api/v1/evaluation-rounds").then().statusCode(201)
                .header("Idempotency-Replayed", "true");
        as("OFFICE").header("Idempotency-Key", key).body(Map.of("period", period, "title", "别的")).post("/api/v1/evaluation-rounds")
                .then().statusCode(422);
        as("ASSESSMENT").body(body).post("/api/v1/evaluation-rounds").then().statusCode(409);
        as("OFFICE").body(Map.of("period", "2026-4", "title", "x")).post("/api/v1/evaluation-rounds").then().statusCode(400);
        as("LEADER").queryParam("status", "DRAFT").queryParam("page", 1).queryParam("size", 5).get("/api/v1/evaluation-rounds")
                .then().statusCode(200);
        String path = "/api/v1/evaluation-rounds/" + created.path("id");
        as("AUDITOR").get(path).then().statusCode(200);
        String etag = as("OFFICE").header("If-Match", created.header("ETag")).body(Map.of("title", "公开评议（修订）"))
                .patch(path).then().statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", created.header("ETag")).body(Map.of("title", "x")).patch(path).then().statusCode(412);
        as("OFFICE").header("If-Match", created.header("ETag")).body(Map.of("action", "OPEN_REPORTING"))
                .post(path + "/transitions").then().statusCode(412);
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "CLOSE")).post(path + "/transitions").then()
                .statusCode(409);
        etag = as("OFFICE").header("If-Match", etag).body(Map.of("action", "OPEN_REPORTING")).post(path + "/transitions")
                .then().statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("minPanel", 2)).patch(path).then().statusCode(409);
    }

    @Test
    @Order(55)
    void setting_reading_and_proposing_panels() {
        String lead = Units.registerId(Api.uniqueCode("COVEP"), "评议覆盖单位");
        String taskId = SlipFixtures.task(lead, null);
        var fixtures = new cn.keywork.supervision.support.EvaluationFixtures(database);
        String roundId = fixtures.round("DRAFT", 1, taskId);
        var free = fixtures.evaluator("NPC_DEPUTY", null);
        var conflicted = fixtures.evaluator("CPPCC_MEMBER", lead);
        String panels = "/api/v1/evaluation-rounds/" + roundId + "/panels";
        as("OFFICE").body(Map.of("taskId", taskId, "evaluatorIds", List.of(conflicted.id()))).put(panels).then()
                .statusCode(409);
        as("OFFICE").body(Map.of("taskId", taskId, "evaluatorIds", List.of(free.id()))).put(panels).then().statusCode(200);
        as("LEADER").get(panels).then().statusCode(200);
        as("ASSESSMENT").get(panels + "/proposals").then().statusCode(200);
    }

    @Test
    @Order(56)
    void submitting_open_reports_and_recording_hearings() {
        String lead = Units.registerId(Api.uniqueCode("COVER"), "汇报覆盖单位");
        String taskId = SlipFixtures.task(lead, null);
        var fixtures = new cn.keywork.supervision.support.EvaluationFixtures(database);
        String roundId = fixtures.round("DRAFT", 1, taskId);
        String path = "/api/v1/evaluation-rounds/" + roundId;
        Map<String, Object> report = Map.of("text", "本季度完成管网改造12公里", "attachmentIds", List.of());
        asUnit("UNIT_LIAISON", lead).body(report).put(path + "/reports/" + taskId).then().statusCode(409);
        fixtures.status(roundId, "REPORTING");
        asUnit("UNIT_LIAISON", lead).body(report).put(path + "/reports/" + taskId).then().statusCode(200);
        asUnit("UNIT_LIAISON", lead).get(path + "/reports").then().statusCode(200);
        String key = UUID.randomUUID().toString();
        Map<String, Object> hearing = Map.of("heldAt", "2026-12-28T09:30:00+08:00", "place", "市政府第一会议室",
                "participants", "人大代表5名、政协委员4名", "taskIds", List.of(taskId));
        as("OFFICE").header("Idempotency-Key", key).body(hearing).post(path + "/hearings").then().statusCode(201);
        as("OFFICE").header("Idempotency-Key", key).body(hearing).post(path + "/hearings").then().statusCode(201)
                .header("Idempotency-Replayed", "true");
        as("OFFICE").header("Idempotency-Key", key).body(Map.of("heldAt", "2026-12-29T09:30:00+08:00", "place", "别处",
                "participants", "x")).post(path + "/hearings").then().statusCode(422);
        fixtures.status(roundId, "CLOSED");
        as("OFFICE").body(hearing).post(path + "/hearings").then().statusCode(409);
        as("LEADER").get(path + "/hearings").then().statusCode(200);
    }

    @Test
    @Order(76)
    void following_the_event_feed_and_its_live_stream() {
        String unit = Units.registerId(Api.uniqueCode("COVE"), "事件覆盖单位");
        SlipFixtures.task(unit, null);
        String next = as("OFFICE").queryParam("after", "0").queryParam("limit", 5).get("/api/v1/events").then().statusCode(200)
                .body("items.size()", equalTo(5)).extract().path("nextCursor");
        as("OFFICE").queryParam("after", next).queryParam("types", "task.registered").queryParam("types", "slip.issued")
                .get("/api/v1/events").then().statusCode(200);
        asUnit("UNIT_LIAISON", unit).get("/api/v1/events").then().statusCode(200);
        invalid("OFFICE").queryParam("after", "x-1").get("/api/v1/events").then().statusCode(400);
        invalid("OFFICE").queryParam("types", "task.nothing").get("/api/v1/events").then().statusCode(400);
        Api.deliberatelyInvalidAnonymous().get("/api/v1/events").then().statusCode(401);
        as("AUDITOR").get("/api/v1/events").then().statusCode(403);
        invalid("OFFICE").accept("text/csv").get("/api/v1/events").then().statusCode(406);
        String stream = "/api/v1/events/stream";
        as("OFFICE").accept("text/event-stream").queryParam("after", next).get(stream).then().statusCode(200);
        invalid("OFFICE").accept("text/event-stream").queryParam("after", "1-x").get(stream).then().statusCode(400);
        Api.deliberatelyInvalidAnonymous().accept("text/event-stream").get(stream).then().statusCode(401);
        as("EVALUATOR").accept("text/event-stream").get(stream).then().statusCode(403);
        invalid("OFFICE").accept("text/csv").get(stream).then().statusCode(406);
    }

    @Test
    @Order(75)
    void exporting_the_task_register() {
        String path = "/api/v1/tasks/export";
        String unit = Units.registerId(Api.uniqueCode("COVX"), "导出覆盖单位");
        as("OFFICE").body(Map.of("year", YEAR, "category", "OTHER", "title", "导出覆盖任务", "target", "目标", "content", "内容",
                "deadline", YEAR + "-12-31", "leadUnitId", unit)).post("/api/v1/tasks").then().statusCode(201);
        as("OFFICE").accept("text/csv").queryParam("unitId", unit).get(path).then().statusCode(200);
        asUnit("UNIT_LIAISON", unit).accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .queryParam("format", "xlsx").queryParam("year", YEAR).get(path).then().statusCode(200);
        invalid("OFFICE").accept("text/csv").queryParam("format", "pdf").get(path).then().statusCode(400);
        as("OFFICE").accept("text/csv").queryParam("format", "xlsx").get(path).then().statusCode(406);
    }

    // --- Event payloads ------------------------------------------------------------------------

    /**
     * After the walks above: every event type names a payload schema of the contract, and the latest
     * payloads of every type now in the log match it (checked with the request validator's JSON schema).
     */
    @Test
    @Order(99)
    void every_event_type_has_a_payload_schema_and_the_logged_payloads_match_it() {
        cn.keywork.supervision.support.EventPayloads catalog = cn.keywork.supervision.support.EventPayloads.INSTANCE;
        assertThat(catalog.gaps()).isEmpty();
        Map<String, Long> present = catalog.typesInLog(database);
        Set<String> absent = new TreeSet<>(catalog.eventTypeEnum());
        absent.removeAll(present.keySet());
        System.out.println("Event types in the log: " + present + "; never appended: " + absent);
        assertThat(catalog.checkLog(database, 50)).isEmpty();
    }

    @Test
    @Order(73)
    void managing_a_service_account() {
        var created = as("ADMIN").body(Map.of("name", "覆盖同步", "role", "OFFICE")).post("/api/v1/service-accounts").then()
                .statusCode(201).extract().response();
        String path = "/api/v1/service-accounts/" + created.path("id");
        as("ADMIN").get("/api/v1/service-accounts").then().statusCode(200);
        String etag = as("ADMIN").get(path).then().statusCode(200).extract().header("ETag");
        as("ADMIN").header("If-Match", etag).body(Map.of("description", "覆盖")).patch(path).then().statusCode(200);
        as("ADMIN").header("If-Match", etag).body(Map.of("description", "过期")).patch(path).then().statusCode(412);
        as("ADMIN").body(Map.of("overlap", "PT1H")).post(path + "/secret-rotation").then().statusCode(200);
    }

    @Test
    @Order(74)
    void the_client_credentials_grant() {
        var created = as("ADMIN").body(Map.of("name", "覆盖令牌", "role", "LEADER")).post("/api/v1/service-accounts").then()
                .statusCode(201).extract().response();
        String clientId = created.path("clientId");
        String secret = created.path("clientSecret");
        form("grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret)
                .post("/api/v1/auth/token").then().statusCode(200)
                .body("scope", equalTo("LEADER"));
        form("grant_type=client_credentials&client_id=" + clientId + "&client_secret=wrong")
                .post("/api/v1/auth/token").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        form("grant_type=authorization_code&client_id=" + clientId + "&client_secret=" + secret)
                .post("/api/v1/auth/token").then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    /** A form body as written (client ids and secrets are base64url: nothing to encode). */
    private static RequestSpecification form(String body) {
        return anonymous().contentType(io.restassured.http.ContentType.URLENC.withCharset(StandardCharsets.UTF_8)).body(body);
    }

    @Test
    @Order(70)
    void subscribing_changing_and_rotating_a_webhook() {
        Map<String, Object> input = Map.of("url", "https://203.0.113.10/hooks/coverage", "eventTypes",
                List.of("task.registered", "task.declared"), "description", "覆盖测试");
        Response made = as("OFFICE").body(input).post("/api/v1/webhooks");
        made.then().statusCode(201).header("Location", org.hamcrest.Matchers.notNullValue());
        webhookId = made.path("id");
        String path = "/api/v1/webhooks/" + webhookId;
        as("OFFICE").get("/api/v1/webhooks").then().statusCode(200);
        as("OFFICE").get(path).then().statusCode(200).header("ETag", "\"1\"");
        as("OFFICE").header("If-Match", "\"9\"").body(Map.of("description", "改")).patch(path).then().statusCode(412);
        as("OFFICE").header("If-Match", "\"1\"").body(Map.of("description", "改")).patch(path).then().statusCode(200);
        as("OFFICE").post(path + "/secret-rotation").then().statusCode(200);
    }

    @Test
    @Order(71)
    void reading_a_webhook_s_deliveries_and_asking_for_one_again() throws Throwable {
        SlipFixtures.task(Units.registerId(Api.uniqueCode("CVW"), "推送覆盖单位"), null);
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> webhooks.fanOut());
        String path = "/api/v1/webhooks/" + webhookId;
        String deliveryId = as("OFFICE").get(path + "/deliveries?status=PENDING").then().statusCode(200)
                .extract().path("items[0].id");
        as("OFFICE").post(path + "/deliveries/" + deliveryId + "/redelivery").then().statusCode(202);
    }

    @Test
    @Order(72)
    void removing_a_webhook() {
        String path = "/api/v1/webhooks/" + webhookId;
        as("OFFICE").header("If-Match", "\"1\"").delete(path).then().statusCode(412);
        as("OFFICE").header("If-Match", "\"3\"").delete(path).then().statusCode(204);
    }

    // --- Nothing left out -------------------------------------------------------------------------

    @Test
    @Order(100)
    void every_operation_of_the_contract_was_exercised_with_a_success_and_its_main_errors() {
        Map<String, Set<Integer>> seen = CHECK.seen();
        List<String> missing = new ArrayList<>();
        for (ContractCheck.Operation operation : CHECK.operations()) {
            Set<Integer> statuses = seen.getOrDefault(operation.id(), Set.of());
            if (statuses.stream().noneMatch(status -> status >= 200 && status < 300)) {
                missing.add(operation.id() + ": no success");
            }
            Set<Integer> expected = new TreeSet<>(List.of(400, 406));
            if (!roles(operation).contains("PUBLIC")) {
                expected.add(401);
            }
            if (operation.template().contains("{")) {
                expected.add(404);
            }
            if (operation.definition().has("requestBody")) {
                expected.addAll(List.of(413, 415));
            }
            if (takesIfMatch(operation)) {
                expected.addAll(List.of(412, 428));
            }
            // Without a body, a key can only meet a request of its own kind: a replay, never 422.
            if (operation.definition().toString().contains("parameters/IdempotencyKey") && operation.definition().has("requestBody")) {
                expected.add(422);
            }
            expected.removeAll(statuses);
            if (!expected.isEmpty()) {
                missing.add(operation.id() + ": not exercised " + expected);
            }
        }
        assertThat(missing).isEmpty();
    }

    // --- Helpers ------------------------------------------------------------------------------------

    private static Set<String> roles(ContractCheck.Operation operation) {
        Set<String> roles = new TreeSet<>();
        operation.definition().path("x-roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }

    private static boolean allows(Set<String> roles, String role) {
        return roles.contains("PUBLIC") || roles.contains("AUTHENTICATED") || roles.contains(role);
    }

    private static String allowedRole(ContractCheck.Operation operation) {
        Set<String> roles = roles(operation);
        if (roles.contains("PUBLIC")) {
            return null;
        }
        return java.util.Arrays.stream(Role.values()).map(Enum::name).filter(role -> allows(roles, role)).findFirst().orElseThrow();
    }

    private static boolean takesIfMatch(ContractCheck.Operation operation) {
        return operation.definition().path("parameters").toString().contains("parameters/IfMatch");
    }

    private static String bodyType(ContractCheck.Operation operation) {
        var types = operation.definition().path("requestBody").path("content").fieldNames();
        return types.hasNext() ? types.next() : "application/json";
    }

    private static String concrete(ContractCheck.Operation operation) {
        // A valid month whose object is still unknown: for reports, its task is; a ledger exists only for a month begun.
        // A cycle run exists only for a period begun, and only of a known type.
        boolean future = operation.template().startsWith("/api/v1/ledgers/") || operation.template().startsWith("/api/v1/cycles/");
        String period = future ? "2999-12" : "2020-01";
        // A public evaluation is named by its quarter.
        period = operation.template().startsWith("/api/v1/public/evaluations/") ? "2020-Q1" : period;
        return operation.template().replace("{type}", "MONTHLY").replace("{period}", period).replace("{code}", "1999-QT-99").replace("{index}", "0").replace("{year}", "2999").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }


    /** The contract's own example of the request body, or an empty object. */
    private static String example(ContractCheck.Operation operation) {
        if (operation.id().equals("updateUser")) {
            // The example names a unit, which is checked before the account is looked up.
            return "{\"displayName\":\"王敏\",\"roles\":[\"OFFICE\"],\"active\":true}";
        }
        JsonNode content = operation.definition().path("requestBody").path("content").path("application/json");
        return content.has("example") ? content.get("example").toString() : "{}";
    }

    private static Response send(RequestSpecification request, ContractCheck.Operation operation, String body) {
        RequestSpecification withBody = !operation.definition().has("requestBody") ? request
                : bodyType(operation).startsWith("multipart/")
                        ? request.contentType(bodyType(operation)).multiPart("file", "x.txt", "x".getBytes(StandardCharsets.UTF_8))
                        : request.contentType(bodyType(operation)).body(bodyType(operation).equals("application/json") ? body : "x");
        return withBody.request(operation.method(), concrete(operation));
    }
}
