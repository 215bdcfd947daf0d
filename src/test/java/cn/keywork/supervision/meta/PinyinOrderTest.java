package cn.keywork.supervision.meta;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.contains;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;

/** Lists sorted by a name follow pinyin, including the place names whose first character reads otherwise. */
@QuarkusTest
class PinyinOrderTest {

    /** Given in code-point order, which is neither pinyin nor what CLDR's per-character readings give (长 as zhǎng). */
    private static final List<String> PLACES = List.of("北京", "安徽", "重庆", "长沙");
    private static final List<String> BY_PINYIN = List.of("安徽", "北京", "长沙", "重庆");

    @Test
    void units_sorted_by_name_or_short_name_follow_pinyin_an_bei_chang_chong() {
        String prefix = uniqueCode("PY");
        for (int i = 0; i < PLACES.size(); i++) {
            String place = PLACES.get(i);
            api().body(Map.of("code", prefix + "-" + i, "name", place + "市人民政府",
                    "shortName", place, "type", "COUNTY_GOVERNMENT"))
                    .post("/api/v1/units").then().statusCode(201);
        }
        api().queryParam("q", prefix).queryParam("sort", "name").get("/api/v1/units")
                .then().statusCode(200).body("items.shortName", contains(BY_PINYIN.toArray()));
        api().queryParam("q", prefix).queryParam("sort", "-shortName").get("/api/v1/units")
                .then().statusCode(200).body("items.shortName", contains("重庆", "长沙", "北京", "安徽"));
    }

    @Test
    void other_place_names_with_a_second_reading_sort_by_the_place_reading() {
        String prefix = uniqueCode("PY");
        // 厦门 xià (not shà), 长春 cháng, 常州 cháng, 张家口 zhāng, 重点 zhòng: chang-chun, chang-zhou, xia, zhang, zhong
        List<String> names = List.of("重点工作督查室", "厦门", "张家口", "常州", "长春");
        for (int i = 0; i < names.size(); i++) {
            api().body(Map.of("code", prefix + "-" + i, "name", names.get(i), "type", "DIRECT_UNIT"))
                    .post("/api/v1/units").then().statusCode(201);
        }
        api().queryParam("q", prefix).queryParam("sort", "name").get("/api/v1/units")
                .then().statusCode(200).body("items.name", contains("长春", "常州", "厦门", "张家口", "重点工作督查室"));
    }

    @Test
    void accounts_sorted_by_display_name_follow_pinyin() {
        String unit = Units.registerId(uniqueCode("PYA"), "拼音排序账号单位");
        for (String place : PLACES) {
            api().body(Map.of("username", uniqueCode("py").toLowerCase(), "displayName", place + "联络员",
                    "roles", List.of("UNIT_LIAISON"), "unitId", unit, "initialPassword", TestAccounts.INITIAL_PASSWORD))
                    .post("/api/v1/users").then().statusCode(201);
        }
        api().queryParam("unitId", unit).queryParam("sort", "displayName").get("/api/v1/users")
                .then().statusCode(200)
                .body("items.displayName", contains(BY_PINYIN.stream().map(place -> place + "联络员").toArray()));
    }

    @Test
    void tasks_sorted_by_title_follow_pinyin() {
        String lead = Units.registerId(uniqueCode("PYT"), "拼音排序任务单位");
        for (String place : PLACES) {
            as("OFFICE").body(Map.of("year", 2012, "category", "OTHER", "title", place + "对口协作",
                    "target", "目标", "content", "内容", "deadline", "2012-12-31", "leadUnitId", lead))
                    .post("/api/v1/tasks").then().statusCode(201);
        }
        as("OFFICE").queryParam("unitId", lead).queryParam("sort", "title").get("/api/v1/tasks")
                .then().statusCode(200)
                .body("items.title", contains(BY_PINYIN.stream().map(place -> place + "对口协作").toArray()));
    }
}
