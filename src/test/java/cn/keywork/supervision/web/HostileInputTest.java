package cn.keywork.supervision.web;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A small corpus of hostile bodies against every creating and changing operation of units (R11),
 * accounts, tasks (R1–R3), sub-items (R4) and adjustments (R2): each answers a 4xx problem of
 * bounded size, never a 500, never an echo of what was sent.
 */
@QuarkusTest
class HostileInputTest {

    /** Larger than any problem needs, far smaller than what an echo of the attacks would make. */
    private static final int MAX_PROBLEM_BYTES = 4096;
    private static final int YEAR = 2029;

    /** «S» marks a text, «N» a number, «A» an array of objects; each operation's valid body. */
    private record Operation(String method, String body) {
    }

    private static final Map<String, Operation> OPERATIONS = Map.ofEntries(
            Map.entry("createUnit", new Operation("POST",
                    "{\"code\":\"HX-1\",\"name\":«S»,\"type\":\"MUNICIPAL_DEPARTMENT\"}")),
            Map.entry("updateUnit", new Operation("PUT",
                    "{\"code\":\"HX-2\",\"name\":«S»,\"type\":\"MUNICIPAL_DEPARTMENT\",\"active\":true}")),
            Map.entry("replaceUnitContact", new Operation("PUT",
                    "{\"supervisionBody\":«S»,\"liaisons\":«A»}")),
            Map.entry("createUser", new Operation("POST",
                    "{\"username\":\"hostile-x\",\"displayName\":«S»,\"roles\":[\"OFFICE\",«N»],\"initialPassword\":\"Hostile-Pass-2026\"}")),
            Map.entry("updateUser", new Operation("PUT",
                    "{\"displayName\":«S»,\"roles\":[\"OFFICE\",«N»],\"active\":true}")),
            Map.entry("createTask", new Operation("POST",
                    "{\"year\":«N»,\"category\":\"OTHER\",\"title\":«S»,\"target\":\"t\",\"content\":\"c\","
                            + "\"deadline\":\"" + YEAR + "-12-31\",\"leadUnitId\":\"«LEAD»\",\"cooperatingUnits\":«A»}")),
            Map.entry("updateTask", new Operation("PUT",
                    "{\"year\":«N»,\"category\":\"OTHER\",\"title\":«S»,\"target\":\"t\",\"content\":\"c\","
                            + "\"deadline\":\"" + YEAR + "-12-31\",\"leadUnitId\":\"«LEAD»\",\"cooperatingUnits\":«A»}")),
            Map.entry("createSubItem", new Operation("POST", subItem())),
            Map.entry("updateSubItem", new Operation("PUT", subItem())),
            Map.entry("requestAdjustment", new Operation("POST",
                    "{\"reason\":«S»,\"cooperatingUnits\":«A»,\"subItems\":[" + subItem() + "]}")),
            Map.entry("decideAdjustment", new Operation("POST", "{\"approve\":false,\"note\":«S»}")));

    private static String subItem() {
        return "{\"content\":«S»,\"responsibleUnitId\":\"«LEAD»\",\"deadline\":\"" + YEAR + "-12-31\",\"weight\":«N»,"
                + "\"schedule\":[{\"month\":\"" + YEAR + "-12\",\"plannedPercent\":100}]}";
    }

    /** Which slot an attack fills, and with what; the other slots keep valid values. */
    private record Attack(String slot, String value) {
    }

    private static final Map<String, Attack> ATTACKS = Map.ofEntries(
            Map.entry("NUL in text", new Attack("«S»", "\"a\\u0000b\"")),
            Map.entry("control character in text", new Attack("«S»", "\"a\\u0007b\"")),
            Map.entry("unpaired surrogate in text", new Attack("«S»", "\"a\\ud800b\"")),
            Map.entry("overlong text", new Attack("«S»", "\"" + "长".repeat(5000) + "\"")),
            Map.entry("object for text", new Attack("«S»", "{\"x\":1}")),
            Map.entry("null in an array", new Attack("«A»", "[null]")),
            Map.entry("number in an array of objects", new Attack("«A»", "[1]")),
            Map.entry("tiny number", new Attack("«N»", "1e-100000")),
            Map.entry("huge number", new Attack("«N»", "1e100000")),
            Map.entry("enormous exponent", new Attack("«N»", "1e1000000000")),
            Map.entry("negative enormous exponent", new Attack("«N»", "1e-1000000000")),
            Map.entry("400 digits", new Attack("«N»", "9".repeat(400))),
            Map.entry("text for a number", new Attack("«N»", "\"x\"")),
            Map.entry("malformed JSON", new Attack("", "")));

    private static final Map<String, String> VALID = Map.of("«S»", "\"正常\"", "«N»", "«VALID_N»", "«A»", "[]");

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        for (String operation : OPERATIONS.keySet().stream().sorted().toList()) {
            for (String attack : ATTACKS.keySet().stream().sorted().toList()) {
                Attack a = ATTACKS.get(attack);
                if (a.slot().isEmpty() || OPERATIONS.get(operation).body().contains(a.slot())) {
                    cases.add(Arguments.of(operation, attack));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("corpus")
    void hostile_bodies_answer_a_short_client_problem(String operation, String attack) {
        Fixture fixture = Fixture.get();
        Operation op = OPERATIONS.get(operation);
        Attack a = ATTACKS.get(attack);
        String body = op.body();
        if (a.slot().isEmpty()) {
            body = body.substring(0, body.length() / 2);
        } else {
            body = body.replace(a.slot(), a.value());
        }
        for (Map.Entry<String, String> slot : VALID.entrySet()) {
            body = body.replace(slot.getKey(), slot.getValue());
        }
        body = body.replace("«VALID_N»", operation.contains("User") ? "\"LEADER\"" : operation.contains("Task") ? "" + YEAR : "1")
                .replace("«LEAD»", fixture.lead);

        Response response = fixture.request(operation).body(body).request(op.method(), fixture.path(operation));

        assertThat(response.statusCode()).as(response.asString()).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.asByteArray().length).isLessThan(MAX_PROBLEM_BYTES);
    }

    /** Resources the operations act on, made once through the API. */
    private static final class Fixture {
        private static Fixture instance;

        final String lead;
        final String unitId;
        final String userId;
        final String draftTaskId;
        final String subItemId;
        final String activeTaskId;
        final String adjustmentId;

        private Fixture() {
            lead = Units.registerId(uniqueCode("HL"), "恶意输入牵头单位");
            unitId = Units.registerId(uniqueCode("HU"), "恶意输入单位");
            userId = Api.api().body(Map.of("username", "hostile-" + uniqueCode("u").toLowerCase(), "displayName", "账号",
                    "roles", List.of("OFFICE"), "initialPassword", "Hostile-Pass-2026")).post("/api/v1/users")
                    .then().statusCode(201).extract().path("id");
            Map<String, Object> task = new HashMap<>(Map.of("year", YEAR, "category", "OTHER", "title", "恶意输入",
                    "target", "目标", "content", "内容", "deadline", YEAR + "-12-31", "leadUnitId", lead));
            draftTaskId = asUnit("UNIT_LIAISON", lead).body(task).post("/api/v1/tasks").then().statusCode(201)
                    .extract().path("id");
            subItemId = asUnit("UNIT_LIAISON", lead).body(Map.of("content", "子项", "responsibleUnitId", lead,
                    "deadline", YEAR + "-12-31", "schedule", List.of(Map.of("month", YEAR + "-12", "plannedPercent", 100))))
                    .post("/api/v1/tasks/" + draftTaskId + "/sub-items").then().statusCode(201).extract().path("id");
            activeTaskId = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
            adjustmentId = as("OFFICE").body(Map.of("reason", "待决定")).post("/api/v1/tasks/" + activeTaskId + "/adjustments")
                    .then().statusCode(201).extract().path("id");
        }

        static synchronized Fixture get() {
            if (instance == null) {
                instance = new Fixture();
            }
            return instance;
        }

        String path(String operation) {
            return switch (operation) {
                case "createUnit" -> "/api/v1/units";
                case "updateUnit" -> "/api/v1/units/" + unitId;
                case "replaceUnitContact" -> "/api/v1/units/" + unitId + "/contact";
                case "createUser" -> "/api/v1/users";
                case "updateUser" -> "/api/v1/users/" + userId;
                case "createTask" -> "/api/v1/tasks";
                case "updateTask" -> "/api/v1/tasks/" + draftTaskId;
                case "createSubItem" -> "/api/v1/tasks/" + draftTaskId + "/sub-items";
                case "updateSubItem" -> "/api/v1/tasks/" + draftTaskId + "/sub-items/" + subItemId;
                case "requestAdjustment" -> "/api/v1/tasks/" + activeTaskId + "/adjustments";
                case "decideAdjustment" -> "/api/v1/tasks/" + activeTaskId + "/adjustments/" + adjustmentId + "/decision";
                default -> throw new IllegalArgumentException(operation);
            };
        }

        /** Who may call the operation, with the current ETag where it needs one. */
        RequestSpecification request(String operation) {
            RequestSpecification request = switch (operation) {
                case "createUnit", "updateUnit", "replaceUnitContact", "createUser", "updateUser" ->
                    Api.deliberatelyInvalidAs("ADMIN", null);
                case "updateTask", "createSubItem", "updateSubItem" -> Api.deliberatelyInvalidAs("UNIT_LIAISON", lead);
                default -> Api.deliberatelyInvalidAs("OFFICE", null);
            };
            return request.header("If-Match", "\"0\"").accept("application/json, application/problem+json");
        }
    }
}
