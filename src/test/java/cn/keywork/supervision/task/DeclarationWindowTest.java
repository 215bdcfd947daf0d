package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** R2: units declare the year's tasks within the configured window (年初报); the office is not bound by it. */
@QuarkusTest
@TestProfile(DeclarationWindowTest.WholeYear.class)
class DeclarationWindowTest {

    /**
     * A window of the whole year: this year's declarations fall inside it, next year's not yet. The
     * clock stays the real one, since tokens issued on a fixed day would have expired by the real one.
     */
    public static class WholeYear implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("supervision.tasks.declaration-window", "01-01/12-31");
        }
    }

    private static Map<String, Object> task(String lead, int year) {
        return Map.of("year", year, "category", "OTHER", "title", "窗口测试", "target", "目标", "content", "内容",
                "deadline", year + "-12-31", "leadUnitId", lead);
    }

    @Test
    void r2_units_declare_inside_the_window_only() {
        String lead = Units.registerId(uniqueCode("WIN"), "申报窗口单位");
        int thisYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        asUnit("UNIT_LIAISON", lead).body(task(lead, thisYear)).post("/api/v1/tasks").then().statusCode(201);
        int nextYear = thisYear + 1;
        asUnit("UNIT_LIAISON", lead).body(task(lead, nextYear)).post("/api/v1/tasks").then().statusCode(409)
                .body("detail", containsString(nextYear + "-01-01 to " + nextYear + "-12-31"));
        as("OFFICE").body(task(lead, nextYear)).post("/api/v1/tasks").then().statusCode(201).body("status", equalTo("ACTIVE"));
    }
}
