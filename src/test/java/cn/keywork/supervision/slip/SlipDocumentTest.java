package cn.keywork.supervision.slip;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/** R7–R9: the printable slip — its official text, the draft mark, escaping and who may read it. */
@QuarkusTest
class SlipDocumentTest {

    @jakarta.inject.Inject
    Pool database;

    private static final LocalDate TODAY = SlipFixtures.TODAY;

    private static String chinese(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    private static String unit(String name) {
        return Units.registerId("DOC-" + UUID.randomUUID().toString().substring(0, 6), name);
    }

    private static Response draft(String type, String taskId, String requirements, LocalDate deadline,
            List<String> copyTo) {
        return as("OFFICE").body(Map.of("type", type, "taskId", taskId, "requirements", requirements,
                "responseDeadline", deadline.toString(), "copyToUnitIds", copyTo)).post("/api/v1/slips").then()
                .statusCode(201).extract().response();
    }

    private static Response move(RequestSpecification who, Response slip, Map<String, Object> body) {
        return who.header("If-Match", slip.header("ETag")).body(body)
                .post("/api/v1/slips/" + slip.path("id") + "/transitions").then().statusCode(200).extract().response();
    }

    private static Response page(RequestSpecification who, Response slip) {
        return who.accept("text/html").get("/api/v1/slips/" + slip.path("id") + "/document");
    }

    @Test
    void r8_the_page_of_an_issued_urging_slip_carries_its_number_title_addressees_requirements_and_deadline() {
        String lead = unit("市住房和城乡建设局");
        String copy = unit("市财政局");
        String taskId = new SlipFixtures(database).redTask(lead, null);
        LocalDate deadline = TODAY.plusDays(9);
        Response slip = draft("URGING", taskId, "请立即采取措施加快推进\n并于期限内书面反馈", deadline, List.of(copy));
        slip = move(as("OFFICE"), slip, Map.of("action", "ISSUE"));
        String number = slip.path("number");

        Response page = page(as("OFFICE"), slip).then().statusCode(200)
                .contentType(startsWith("text/html"))
                .contentType(containsString("charset=UTF-8"))
                .header("ETag", equalTo(slip.header("ETag")))
                .header("Cache-Control", equalTo("no-store"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().response();
        String html = page.asString();
        assertThat(html).contains("<title>" + number + " 催办单</title>", "市重点工作督查室", "<h1>催办单</h1>",
                "<p class=\"number\">" + number + "</p>", "市住房和城乡建设局", "市财政局", "督办测试任务",
                "请立即采取措施加快推进\n并于期限内书面反馈", "请于" + chinese(deadline) + "前反馈办理情况",
                "成文日期：" + chinese(TODAY), "红灯", "已下发");
        assertThat(html).doesNotContain("草稿（未编号）", "领导审批", "<script", "http://", "https://");
        assertThat(html.indexOf("市住房和城乡建设局")).as("主送 before 抄送").isLessThan(html.indexOf("市财政局"));

        // the addressed unit and the copied one read the same page
        page(asUnit("UNIT_LIAISON", lead), slip).then().statusCode(200).body(containsString(number));
        page(asUnit("UNIT_HEAD", copy), slip).then().statusCode(200).body(containsString(number));
    }

    @Test
    void r7_a_draft_is_marked_as_such_and_carries_no_number() {
        String lead = unit("市发展和改革委员会");
        Response slip = draft("ASSIGNMENT", SlipFixtures.task(lead, null), "请制定实施方案", TODAY.plusDays(20), List.of());

        String html = page(as("OFFICE"), slip).then().statusCode(200).header("ETag", equalTo(slip.header("ETag")))
                .extract().asString();
        assertThat(html).contains("草稿（未编号）", "<h1>交办单</h1>", "<title>草稿 交办单</title>", "成文日期：（印发时填写）",
                "抄送</th><td>无", "此前未就本事项印发督查单", "尚无反馈");
        assertThat(html).doesNotContain("〔", "class=\"number\"");
    }

    @Test
    void r8_hostile_text_in_the_requirements_is_escaped_and_its_line_breaks_kept() {
        String lead = unit("市交通运输局");
        String taskId = new SlipFixtures(database).redTask(lead, null);
        Response slip = draft("URGING", taskId,
                "<script>alert('x')</script>\n<img src=x onerror=alert(1)>&amp; \"引号\"", TODAY.plusDays(5), List.of());

        String html = page(as("OFFICE"), slip).then().statusCode(200).extract().asString();
        assertThat(html).doesNotContain("<script", "<img", "onerror=alert(1)>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\n&lt;img src=x onerror=alert(1)&gt;&amp;amp; &quot;引号&quot;");
    }

    @Test
    void r8_a_slip_the_caller_may_not_see_answers_404_as_getSlip_does() {
        String lead = unit("市水务局");
        String other = unit("市商务局");
        String taskId = new SlipFixtures(database).redTask(lead, null);
        Response slip = draft("URGING", taskId, "请加快推进", TODAY.plusDays(5), List.of());
        // a draft is the office's own
        page(asUnit("UNIT_LIAISON", lead), slip).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        slip = move(as("OFFICE"), slip, Map.of("action", "ISSUE"));
        page(asUnit("UNIT_LIAISON", lead), slip).then().statusCode(200);
        // another unit's account, and the roles copied only on supervision orders, do not see it
        page(asUnit("UNIT_LIAISON", other), slip).then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("type", equalTo("urn:keywork:problem:not-found"));
        page(as("ASSESSMENT"), slip).then().statusCode(404);
        asUnit("UNIT_LIAISON", other).get("/api/v1/slips/" + slip.path("id")).then().statusCode(404);
        as("OFFICE").accept("text/html").get("/api/v1/slips/" + UUID.randomUUID() + "/document").then().statusCode(404);
    }

    @Test
    void r8_a_client_that_does_not_accept_html_gets_406_as_a_problem() {
        String lead = unit("市卫生健康委员会");
        Response slip = draft("ASSIGNMENT", SlipFixtures.task(lead, null), "请报送方案", TODAY.plusDays(5), List.of());
        String path = "/api/v1/slips/" + slip.path("id") + "/document";
        for (String accept : List.of("application/json", "application/problem+json", "text/html;q=0, application/json")) {
            Api.deliberatelyInvalidAs("OFFICE", null).accept(accept).get(path).then().statusCode(406)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:keywork:problem:not-acceptable"))
                    .body("detail", containsString("text/html"));
        }
        Api.deliberatelyInvalidAs("OFFICE", null).accept("image/png").get(path).then().statusCode(406);
        // a browser's Accept, and none at all, are answered with the page
        as("OFFICE").accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").get(path).then()
                .statusCode(200);
        Api.deliberatelyInvalidAs("OFFICE", null).get(path).then().statusCode(200).contentType(startsWith("text/html"));
    }

    @Test
    void r9_a_supervision_order_shows_the_leader_s_approval_the_earlier_urging_slip_the_responses_and_the_outcome() {
        String lead = unit("市生态环境局");
        String leaderId = as("LEADER").get("/api/v1/me").then().statusCode(200).extract().path("id");
        String leaderName = as("LEADER").get("/api/v1/me").then().extract().path("displayName");
        SlipFixtures.Urged urged = new SlipFixtures(database).urgedAndStillLagging(lead, leaderId);
        String urgingNumber = as("OFFICE").get("/api/v1/slips/" + urged.urgingSlipId()).then().statusCode(200)
                .extract().path("number");
        Response slip = draft("SUPERVISION", urged.taskId(), "请限期整改到位", TODAY.plusDays(15), List.of());
        slip = move(as("OFFICE"), slip, Map.of("action", "SUBMIT_FOR_APPROVAL"));
        assertThat(page(as("OFFICE"), slip).then().statusCode(200).extract().asString())
                .contains("<h1>督办单</h1>", "领导审批", "待审批", "草稿（未编号）");
        slip = move(as("LEADER"), slip, Map.of("action", "APPROVE", "comment", "同意督办，限期整改"));
        slip = move(as("OFFICE"), slip, Map.of("action", "ISSUE"));
        slip = move(asUnit("UNIT_LIAISON", lead), slip, Map.of("action", "ACKNOWLEDGE"));
        slip = move(asUnit("UNIT_LIAISON", lead), slip, Map.of("action", "RESPOND", "comment", "已完成整改<b>方案</b>"));
        slip = move(as("OFFICE"), slip, Map.of("action", "ACCEPT_RESPONSE", "comment", "整改到位"));
        slip = move(as("OFFICE"), slip, Map.of("action", "CLOSE", "outcome", "RESOLVED"));

        String html = page(as("OFFICE"), slip).then().statusCode(200).header("ETag", equalTo(slip.header("ETag")))
                .extract().asString();
        assertThat(html).contains("<p class=\"number\">" + slip.path("number") + "</p>", "领导审批",
                "同意　" + leaderName + "　" + chinese(TODAY), "审批意见：同意督办，限期整改",
                "抄送</th><td>督考办、领导小组办公室</td>",
                urgingNumber, "催办单", "已下发",
                "市生态环境局", "已完成整改&lt;b&gt;方案&lt;/b&gt;", "已认可：整改到位",
                "办结情况", "已解决", "已办结");
        assertThat(html).doesNotContain("草稿（未编号）", "<b>");
        // the copies of a supervision order go to the assessment and leading-group offices, who read the page
        page(as("ASSESSMENT"), slip).then().statusCode(200);
        page(as("LEADING_GROUP"), slip).then().statusCode(200);
    }
}
