package cn.keywork.supervision.unit;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.deliberatelyInvalid;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class UnitApiTest {

    @Test
    void r11_registers_a_unit_and_reads_it_back_with_its_etag() {
        String code = uniqueCode("ZJJ");
        Response created = api()
                .body(Map.of("code", code, "name", "示范市住房和城乡建设局", "shortName", "市住建局", "type", "MUNICIPAL_DEPARTMENT"))
                .when().post("/api/v1/units")
                .then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("code", equalTo(code))
                .body("name", equalTo("示范市住房和城乡建设局"))
                .body("active", equalTo(true))
                .body("version", equalTo(0))
                .extract().response();
        String id = created.path("id");
        assertThat(created.header("Location")).isEqualTo("/api/v1/units/" + id);
        assertThat(created.<String>path("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?[+-]\\d\\d:\\d\\d");

        api().when().get("/api/v1/units/" + id)
                .then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("shortName", equalTo("市住建局"))
                .body("type", equalTo("MUNICIPAL_DEPARTMENT"));
    }

    @Test
    void r11_searches_units_by_chinese_text_type_and_activity() {
        String marker = uniqueCode("检索");
        String first = Units.register(uniqueCode("A"), "污水处理" + marker + "中心", "DIRECT_UNIT").path("id");
        Units.register(uniqueCode("B"), "城区污水管网" + marker + "指挥部", "DIRECT_UNIT");
        Units.register(uniqueCode("C"), "交通" + marker, "MUNICIPAL_DEPARTMENT");

        api().queryParam("q", marker).queryParam("sort", "-name")
                .when().get("/api/v1/units")
                .then().statusCode(200)
                .body("total", equalTo(3))
                // by pinyin, descending: wu, jiao, cheng
                .body("items.name", contains("污水处理" + marker + "中心", "交通" + marker, "城区污水管网" + marker + "指挥部"));

        api().queryParam("q", marker).queryParam("type", "DIRECT_UNIT")
                .when().get("/api/v1/units")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.type", everyItem(equalTo("DIRECT_UNIT")));

        api().queryParam("q", "污水管网" + marker)
                .when().get("/api/v1/units")
                .then().body("total", equalTo(1));

        deactivate(first);
        api().queryParam("q", marker).queryParam("active", false)
                .when().get("/api/v1/units")
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(first));
    }

    @Test
    void r11_search_text_is_literal_not_a_pattern() {
        String marker = uniqueCode("LIT");
        Units.register(uniqueCode("P"), "百分之百" + marker, "DIRECT_UNIT");
        api().queryParam("q", "%" + marker)
                .when().get("/api/v1/units")
                .then().statusCode(200).body("total", equalTo(0));
        api().queryParam("q", "_" + marker.substring(1))
                .when().get("/api/v1/units")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void r11_pages_through_units_with_a_stable_order() {
        String marker = uniqueCode("PAGE");
        for (int i = 0; i < 5; i++) {
            Units.register(uniqueCode("PG" + i), marker + "-" + i, "DIRECT_UNIT");
        }
        api().queryParam("q", marker).queryParam("size", 2).queryParam("page", 3).queryParam("sort", "name")
                .when().get("/api/v1/units")
                .then().statusCode(200)
                .body("page", equalTo(3)).body("size", equalTo(2)).body("total", equalTo(5))
                .body("items.name", contains(marker + "-4"));
        api().queryParam("q", marker)
                .when().get("/api/v1/units")
                .then().body("size", equalTo(20)).body("page", equalTo(1)).body("items", hasSize(5));
    }

    @Test
    void r11_lists_the_children_of_a_unit() {
        String parent = Units.registerId(uniqueCode("PARENT"), "上级单位");
        String child = Units.register(uniqueCode("CHILD"), "下属单位", "DIRECT_UNIT", parent).path("id");
        api().queryParam("parentId", parent)
                .when().get("/api/v1/units")
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(child)).body("items[0].parentId", equalTo(parent));
    }

    @Test
    void r11_updates_a_unit_only_with_the_current_etag() {
        String id = Units.registerId(uniqueCode("UPD"), "旧名称");
        Map<String, Object> change = Map.of("code", uniqueCode("UPD"), "name", "新名称", "type", "DIRECT_UNIT", "active", true);

        deliberatelyInvalid().contentType(ContentType.JSON).body(change).when().put("/api/v1/units/" + id)
                .then().statusCode(428).contentType("application/problem+json")
                .body("type", equalTo("urn:keywork:problem:precondition-required"));
        api().body(change).header("If-Match", "\"7\"").when().put("/api/v1/units/" + id)
                .then().statusCode(412).body("type", equalTo("urn:keywork:problem:precondition-failed"));
        api().body(change).header("If-Match", "\"0\"").when().put("/api/v1/units/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("新名称")).body("version", equalTo(1));
        api().body(change).header("If-Match", "\"0\"").when().put("/api/v1/units/" + id)
                .then().statusCode(412);
    }

    @Test
    void r11_two_concurrent_edits_with_the_same_etag_cannot_both_win() throws Exception {
        String id = Units.registerId(uniqueCode("RACE"), "并发修改");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Callable<Integer>> edits = List.of(() -> edit(id, "甲"), () -> edit(id, "乙"));
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var future : pool.invokeAll(edits)) {
            statuses.add(future.get());
        }
        pool.shutdown();
        java.util.Collections.sort(statuses);
        assertThat(statuses).containsExactly(200, 412);
        api().when().get("/api/v1/units/" + id).then().header("ETag", "\"1\"");
    }

    private int edit(String id, String name) {
        return api().body(Map.of("code", uniqueCode("RACE"), "name", name, "type", "DIRECT_UNIT", "active", true))
                .header("If-Match", "\"0\"").when().put("/api/v1/units/" + id)
                .then().extract().statusCode();
    }

    @Test
    void r11_refuses_a_duplicate_code() {
        String code = uniqueCode("DUP");
        Units.registerId(code, "第一个");
        api().body(Map.of("code", code, "name", "第二个", "type", "DIRECT_UNIT"))
                .when().post("/api/v1/units")
                .then().statusCode(409).body("detail", equalTo("A unit with code " + code + " already exists."));
    }

    @Test
    void r11_refuses_an_unknown_parent() {
        api().body(Map.of("code", uniqueCode("ORPHAN"), "name", "孤儿", "type", "DIRECT_UNIT",
                "parentId", "00000000-0000-4000-8000-000000000000"))
                .when().post("/api/v1/units")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("parentId"))
                .body("errors[0].code", equalTo("NOT_FOUND"));
    }

    @Test
    void r11_a_unit_cannot_become_its_own_ancestor() {
        String top = Units.registerId(uniqueCode("TOP"), "顶层");
        String middle = Units.register(uniqueCode("MID"), "中层", "DIRECT_UNIT", top).path("id");
        String code = api().when().get("/api/v1/units/" + top).then().extract().path("code");
        api().body(Map.of("code", code, "name", "顶层", "type", "DIRECT_UNIT", "active", true, "parentId", middle))
                .header("If-Match", "\"0\"").when().put("/api/v1/units/" + top)
                .then().statusCode(409);
        api().body(Map.of("code", code, "name", "顶层", "type", "DIRECT_UNIT", "active", true, "parentId", top))
                .header("If-Match", "\"0\"").when().put("/api/v1/units/" + top)
                .then().statusCode(409);
    }

    @Test
    void r11_deletes_an_unreferenced_unit_but_never_one_that_is_referred_to() {
        String parent = Units.registerId(uniqueCode("REF"), "被引用的单位");
        Units.register(uniqueCode("SUB"), "下属", "DIRECT_UNIT", parent);

        api().header("If-Match", "\"0\"").when().delete("/api/v1/units/" + parent)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("deactivate it instead"));
        api().when().get("/api/v1/units/" + parent).then().statusCode(200);

        String lonely = Units.registerId(uniqueCode("DEL"), "误登记的单位");
        deliberatelyInvalid().when().delete("/api/v1/units/" + lonely).then().statusCode(428);
        api().header("If-Match", "\"0\"").when().delete("/api/v1/units/" + lonely).then().statusCode(204);
        api().when().get("/api/v1/units/" + lonely).then().statusCode(404)
                .body("type", equalTo("urn:keywork:problem:not-found"));
    }

    @Test
    void r11_keeps_a_supervision_contact_with_one_primary_liaison() {
        String id = Units.registerId(uniqueCode("CON"), "联络单位");
        api().when().get("/api/v1/units/" + id + "/contact")
                .then().statusCode(200).header("ETag", "\"0\"")
                .body("liaisons", hasSize(0)).body("supervisionBody", nullValue());

        Map<String, Object> contact = Map.of("supervisionBody", "办公室督查科", "liaisons", List.of(
                Map.of("name", "王敏", "position", "副主任", "officePhone", "0591-87654321", "mobile", "13800000001",
                        "email", "wangmin@example.gov.cn", "primary", true),
                Map.of("name", "李强", "mobile", "13900000002")));
        api().body(contact).header("If-Match", "\"0\"").when().put("/api/v1/units/" + id + "/contact")
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("supervisionBody", equalTo("办公室督查科"))
                .body("liaisons.name", contains("王敏", "李强"))
                .body("liaisons[0].mobile", equalTo("13800000001"))
                .body("liaisons[0].id", notNullValue())
                .body("liaisons[1].primary", equalTo(false));

        api().when().get("/api/v1/units/" + id)
                .then().body("supervisionBody", equalTo("办公室督查科"))
                .body("primaryLiaison.name", equalTo("王敏"))
                .body("primaryLiaison.position", equalTo("副主任"))
                .body("primaryLiaison.mobile", nullValue());

        api().body(contact).header("If-Match", "\"0\"").when().put("/api/v1/units/" + id + "/contact")
                .then().statusCode(412);
        api().body(Map.of("liaisons", List.of())).header("If-Match", "\"1\"").when().put("/api/v1/units/" + id + "/contact")
                .then().statusCode(200).header("ETag", "\"2\"").body("liaisons", hasSize(0));
    }

    @Test
    void r11_refuses_a_contact_without_exactly_one_primary_liaison() {
        String id = Units.registerId(uniqueCode("PRI"), "主联络员规则");
        api().body(Map.of("liaisons", List.of(Map.of("name", "甲"), Map.of("name", "乙"))))
                .header("If-Match", "\"0\"").when().put("/api/v1/units/" + id + "/contact")
                .then().statusCode(400).body("errors[0].field", equalTo("liaisons")).body("errors[0].code", equalTo("RULE"));
        api().body(Map.of("liaisons", List.of(Map.of("name", "甲", "primary", true), Map.of("name", "乙", "primary", true))))
                .header("If-Match", "\"0\"").when().put("/api/v1/units/" + id + "/contact")
                .then().statusCode(400);
    }

    @Test
    void r11_personal_data_of_liaisons_stays_out_of_unit_lists() {
        String marker = uniqueCode("PII");
        String id = Units.registerId(uniqueCode("PII"), "个人信息" + marker);
        api().body(Map.of("liaisons", List.of(Map.of("name", "赵六", "mobile", "13712345678", "email", "zhao@example.gov.cn",
                "officePhone", "0591-1234567", "primary", true))))
                .header("If-Match", "\"0\"").when().put("/api/v1/units/" + id + "/contact").then().statusCode(200);

        String list = api().queryParam("q", marker).when().get("/api/v1/units").then().statusCode(200).extract().asString();
        String single = api().when().get("/api/v1/units/" + id).then().statusCode(200).extract().asString();
        for (String body : List.of(list, single)) {
            assertThat(body).contains("赵六").doesNotContain("13712345678", "zhao@example.gov.cn", "0591-1234567");
        }
    }

    @Test
    void r11_contact_of_an_unknown_unit_is_not_found() {
        api().when().get("/api/v1/units/00000000-0000-4000-8000-000000000001/contact")
                .then().statusCode(404).body("status", equalTo(404));
    }

    @Test
    void r11_units_of_every_type_can_be_registered() {
        for (String type : List.of("COUNTY_GOVERNMENT", "DEVELOPMENT_ZONE", "MUNICIPAL_DEPARTMENT", "DIRECT_UNIT",
                "SUPERVISION_OFFICE", "ASSESSMENT_OFFICE", "LEADING_GROUP_OFFICE", "CITY_LEADERSHIP")) {
            Units.register(uniqueCode("T"), "类型" + type, type).then().body("type", equalTo(type));
        }
        api().queryParam("type", "CITY_LEADERSHIP").when().get("/api/v1/units")
                .then().body("items.type", everyItem(equalTo("CITY_LEADERSHIP"))).body("items", not(hasSize(0)));
    }

    private static void deactivate(String id) {
        Response current = api().when().get("/api/v1/units/" + id).then().extract().response();
        api().body(Map.of("code", current.<String>path("code"), "name", current.<String>path("name"),
                "type", current.<String>path("type"), "active", false))
                .header("If-Match", current.header("ETag"))
                .when().put("/api/v1/units/" + id)
                .then().statusCode(200).body("active", equalTo(false));
    }
}
