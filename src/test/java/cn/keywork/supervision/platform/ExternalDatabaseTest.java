package cn.keywork.supervision.platform;

import static cn.keywork.supervision.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/** With a database configured, the service uses it and starts no embedded one; demo data only when asked. */
@QuarkusTest
@TestProfile(ExternalDatabaseTest.Configured.class)
public class ExternalDatabaseTest {

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("supervision.demo.enabled", "true");
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(ExternalDatabase.class));
        }
    }

    @Inject
    Pool database;

    private static String demoToken(String username) {
        return TestAccounts.signIn(username, "Demo-Password-2026").then().statusCode(200).extract().path("accessToken");
    }

    @Test
    void the_demo_register_holds_thirty_tasks_of_this_year_with_their_plans() {
        String office = demoToken("office");
        int year = java.time.Year.now(java.time.ZoneId.of("Asia/Shanghai")).getValue();
        String first = anonymous().auth().oauth2(office).queryParam("year", year).queryParam("size", 50)
                .when().get("/api/v1/tasks").then().statusCode(200)
                .body("total", equalTo(30))
                .body("items.findAll { it.category == 'KEY_PROJECT' }.size()", equalTo(10))
                .body("items.findAll { it.status == 'ACTIVE' }.size()", equalTo(30))
                .extract().path("items[0].id");
        anonymous().auth().oauth2(office).when().get("/api/v1/tasks/" + first + "/plan").then().statusCode(200)
                .body("months.size()", equalTo(12))
                .body("months[11].plannedPercent", equalTo(100));
        anonymous().auth().oauth2(demoToken("liaison-zjj")).queryParam("year", year).when().get("/api/v1/tasks")
                .then().statusCode(200).body("total", org.hamcrest.Matchers.lessThan(30));
    }

    @Test
    void every_demo_account_signs_in_with_the_demo_password() {
        for (String username : java.util.List.of("admin", "auditor", "office", "leader", "assessment", "leadinggroup",
                "liaison-zjj", "liaison-dcq", "liaison-gxq")) {
            TestAccounts.signIn(username, "Demo-Password-2026").then().statusCode(200)
                    .body("mustChangePassword", equalTo(false));
        }
        anonymous().auth().oauth2(demoToken("liaison-zjj")).when().get("/api/v1/me").then().statusCode(200)
                .body("roles", org.hamcrest.Matchers.contains("UNIT_LIAISON"))
                .body("unitId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void no_embedded_database_is_started_when_one_is_configured() {
        boolean embeddedSource = StreamSupport.stream(ConfigProvider.getConfig().getConfigSources().spliterator(), false)
                .anyMatch(source -> source.getName().startsWith("embedded-postgresql"));
        assertThat(embeddedSource).isFalse();
        assertThat(ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class))
                .isEqualTo("postgresql://localhost:" + ExternalDatabase.port + "/postgres");
        int servingPort = database.query("SELECT current_setting('port')::int").execute().await().indefinitely()
                .iterator().next().getInteger(0);
        assertThat(servingPort).isEqualTo(ExternalDatabase.port);
    }

    @Test
    void the_demo_city_is_loaded_into_an_empty_database_when_asked() {
        String office = demoToken("office");
        anonymous().auth().oauth2(office).queryParam("size", 200).when().get("/api/v1/units")
                .then().statusCode(200)
                .body("total", equalTo(14))
                .body("items.findAll { it.type == 'COUNTY_GOVERNMENT' }.size()", equalTo(3))
                .body("items.findAll { it.type == 'DEVELOPMENT_ZONE' }.size()", equalTo(1))
                .body("items.findAll { it.type == 'MUNICIPAL_DEPARTMENT' }.size()", equalTo(6))
                .body("items.findAll { it.primaryLiaison == null }.size()", equalTo(0));
        String officeUnit = anonymous().auth().oauth2(office).queryParam("type", "SUPERVISION_OFFICE").when().get("/api/v1/units")
                .then().body("total", equalTo(1)).extract().path("items[0].id");
        anonymous().auth().oauth2(office).when().get("/api/v1/units/" + officeUnit + "/contact").then().statusCode(200)
                .body("liaisons[0].primary", equalTo(true))
                .body("liaisons[0].mobile", org.hamcrest.Matchers.matchesPattern("1[3-9]\\d{9}"));
    }
}
