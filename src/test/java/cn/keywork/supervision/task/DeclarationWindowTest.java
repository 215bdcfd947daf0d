package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** R2: units declare the year's tasks within the configured window (年初报); the office is not bound by it. */
@QuarkusTest
@TestProfile(DeclarationWindowTest.FirstQuarter.class)
class DeclarationWindowTest {

    public static class FirstQuarter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("supervision.tasks.declaration-window", "01-01/03-31");
        }
    }

    /**
     * A year still to come: the clock is set to days of it, so that tokens issued before (at the real
     * time) are never dated after the clock the service reads.
     */
    private static final int YEAR = java.time.LocalDate.now().getYear() + 1;

    private static Map<String, Object> task(String lead) {
        return Map.of("year", YEAR, "category", "OTHER", "title", "窗口测试", "target", "目标", "content", "内容",
                "deadline", YEAR + "-12-31", "leadUnitId", lead);
    }

    private static void today(String date) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(date + "T02:00:00Z"), ZoneId.of("Asia/Shanghai")),
                Clock.class);
    }

    @Test
    void r2_units_declare_inside_the_window_only() {
        String lead = Units.registerId(uniqueCode("WIN"), "申报窗口单位");
        today(YEAR + "-02-10");
        asUnit("UNIT_LIAISON", lead).body(task(lead)).post("/api/v1/tasks").then().statusCode(201);
        today(YEAR + "-05-10");
        asUnit("UNIT_LIAISON", lead).body(task(lead)).post("/api/v1/tasks").then().statusCode(409)
                .body("detail", containsString(YEAR + "-01-01 to " + YEAR + "-03-31"));
        as("OFFICE").body(task(lead)).post("/api/v1/tasks").then().statusCode(201).body("status", equalTo("ACTIVE"));
    }
}
