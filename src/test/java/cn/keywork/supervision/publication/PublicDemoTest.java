package cn.keywork.supervision.publication;

import static cn.keywork.supervision.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.platform.ExternalDatabaseTest;
import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A demo start (R13): the demo city's year of reports ends in last month's ledger, published and readable by anyone. */
@QuarkusTest
@TestProfile(ExternalDatabaseTest.Configured.class)
class PublicDemoTest {

    private static final YearMonth LAST = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);

    @Test
    void r13_the_demo_city_publishes_last_months_ledger_with_a_mix_of_lights_and_photos() {
        assumeTrue(LAST.getMonthValue() != 12, "in January the year has no month behind it yet");
        String period = LAST.toString();
        anonymous().get("/api/v1/public/ledgers").then().statusCode(200)
                .body("items[0].period", equalTo(period))
                .body("items[0].taskCount", equalTo(30))
                .body("items[0].lights.green", greaterThanOrEqualTo(10))
                .body("items[0].lights.yellow", greaterThanOrEqualTo(1))
                .body("items[0].lights.red", greaterThanOrEqualTo(1))
                .body("items[0].lights.notReported", greaterThanOrEqualTo(1));
        Response ledger = anonymous().queryParam("size", 50).get("/api/v1/public/ledgers/" + period).then().statusCode(200)
                .body("items.size()", equalTo(30)).extract().response();
        List<String> photos = ledger.path("items.photos.flatten().url");
        assertThat(photos).hasSizeGreaterThanOrEqualTo(3);
        byte[] image = anonymous().accept("image/jpeg, application/problem+json").get(photos.get(0)).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        assertThat(image).startsWith(0xFF, 0xD8);
        anonymous().accept("image/jpeg, application/problem+json").get(photos.get(0) + "/thumbnail").then().statusCode(200);

        String code = ledger.path("items[0].code");
        anonymous().get("/api/v1/public/tasks/" + code + "/progress-history").then().statusCode(200)
                .body("items.period", equalTo(List.of(period)));
        List<String> titles = anonymous().accept("application/feed+json").get("/api/v1/public/feed").then().statusCode(200)
                .extract().path("items.title");
        String month = LAST.getYear() + "年" + LAST.getMonthValue() + "月";
        assertThat(titles).contains(month + "重点工作推进台账公示");
        assertThat(titles).anyMatch(title -> title.endsWith("亮红灯")).anyMatch(title -> title.endsWith("恢复绿灯"));

        // The liaisons' phones, mobiles and e-mails of the demo units appear in no public answer.
        String everything = ledger.asString() + anonymous().accept("application/feed+json").get("/api/v1/public/feed").asString()
                + new String(anonymous().accept("application/atom+xml").get("/api/v1/public/feed").asByteArray(), StandardCharsets.UTF_8);
        assertThat(everything).doesNotContain("@demo.example.gov.cn", "0000-87100", "138000000", "陈静", "王敏", "分管副市长");
    }

    @Test
    void r5_the_demo_reports_are_readable_through_the_reports_of_the_register() {
        assumeTrue(LAST.getMonthValue() != 12, "in January the year has no month behind it yet");
        String office = TestAccounts.signIn("office", "Demo-Password-2026").then().statusCode(200).extract().path("accessToken");
        String task = anonymous().auth().oauth2(office).queryParam("year", LAST.getYear()).queryParam("size", 1)
                .get("/api/v1/tasks").then().statusCode(200).extract().path("items[0].id");
        anonymous().auth().oauth2(office).get("/api/v1/tasks/" + task + "/reports/" + LAST.withMonth(1))
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
    }
}
