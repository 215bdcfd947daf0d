package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The register's search box (R1) by words of any length: one and two characters are answered by
 * the bigram index alone, longer words by the index and the exact check together; every answer
 * holds the words in a row, in any case, and nothing else.
 */
@QuarkusTest
class TaskTextSearchTest {

    private static final int YEAR = 2012;

    @Test
    void r1_two_characters_find_the_tasks_holding_them_side_by_side_only() {
        String lead = lead("TWOCH");
        task(lead, "城区污水管网改造", "按期完工", "雨污分流");
        task(lead, "河道污染治理", "水质达标", "清淤疏浚");
        task(lead, "公园绿化提升", "年底完成", "补种乔木");

        // 污 and 水 both occur in the second task too, but never next to each other
        assertFound(lead, "污水", "城区污水管网改造");
        assertFound(lead, "水质", "河道污染治理");
        assertFound(lead, "污染", "河道污染治理");
        assertFound(lead, "绿水");
    }

    @Test
    void r1_one_character_finds_every_task_holding_it() {
        String lead = lead("ONECH");
        task(lead, "灌区渠系配套", "渠道衬砌", "新建泵站");
        task(lead, "泵站更新改造", "更换机组", "按期完工");
        task(lead, "乡村道路硬化", "通组到户", "按期完工");

        assertFound(lead, "泵", "灌区渠系配套", "泵站更新改造");
        assertFound(lead, "渠", "灌区渠系配套");
        assertFound(lead, "鹰");
    }

    @Test
    void r1_longer_words_must_stand_in_a_row_not_only_pair_by_pair() {
        String lead = lead("LONGW");
        task(lead, "污水处理厂提标扩建", "出水达到一级A标准", "新建深度处理单元");
        // holds the bigrams 污水, 水处 and 处理 of 污水处理, but not the four characters in a row
        task(lead, "雨污水分流", "水处置能力提升", "处理设施运维");

        assertFound(lead, "污水处理", "污水处理厂提标扩建");
        assertFound(lead, "处理厂提标", "污水处理厂提标扩建");
        assertFound(lead, "污水分流", "雨污水分流");
    }

    @Test
    void r1_mixed_latin_and_chinese_words_ignore_case() {
        String lead = lead("MIXED");
        task(lead, "5G基站建设", "新建基站300个", "PPP模式运营");
        task(lead, "智慧城市平台", "接入ppp项目库", "IoT感知设备部署，AI识别");

        assertFound(lead, "5g", "5G基站建设");
        assertFound(lead, "5G基站", "5G基站建设");
        assertFound(lead, "Pp", "5G基站建设", "智慧城市平台");
        assertFound(lead, "ppp模式", "5G基站建设");
        assertFound(lead, "iot感知", "智慧城市平台");
        assertFound(lead, "g", "5G基站建设");
        assertFound(lead, "A", "智慧城市平台");
    }

    @Test
    void r1_codes_are_found_by_any_part_and_like_wildcards_match_only_themselves() {
        String lead = lead("CODEP");
        String code = task(lead, "年度重点工程项目", "完成投资", "按月调度");
        task(lead, "百分之百覆盖", "覆盖率100%", "a_b两级联动");
        String number = code.substring(code.lastIndexOf('-') + 1);

        assertFound(lead, code.toLowerCase(), "年度重点工程项目");
        assertFound(lead, "hy-" + number, "年度重点工程项目");
        assertFound(lead, YEAR + "-HY", "年度重点工程项目", "百分之百覆盖");
        assertFound(lead, YEAR + "-GC");
        assertFound(lead, "100%", "百分之百覆盖");
        assertFound(lead, "0%", "百分之百覆盖");
        assertFound(lead, "%", "百分之百覆盖");
        assertFound(lead, "a_b", "百分之百覆盖");
        assertFound(lead, "_", "百分之百覆盖");
        assertFound(lead, "1_0");
        assertFound(lead, "a%b");
    }

    private static String lead(String prefix) {
        return Units.registerId(uniqueCode(prefix), "检索单位" + prefix);
    }

    private static String task(String lead, String title, String target, String content) {
        return as("OFFICE").body(Map.of("year", YEAR, "category", "MEETING_DECISION", "title", title, "target", target,
                "content", content, "deadline", YEAR + "-12-31", "leadUnitId", lead))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("code");
    }

    private static void assertFound(String lead, String words, String... titles) {
        as("OFFICE").queryParam("unitId", lead).queryParam("q", words).queryParam("size", 50).get("/api/v1/tasks")
                .then().statusCode(200).body("total", equalTo(titles.length))
                .body("items.title", containsInAnyOrder((Object[]) titles));
    }
}
