package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.audit.AnonymousRefusals;
import cn.keywork.supervision.support.ForwardedAddresses;
import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/** Requests without a token are audited as a count per address and interval; every other refusal on its own. */
@QuarkusTest
@TestProfile(ForwardedAddresses.class)
class AnonymousRefusalAuditTest {

    @Inject
    AnonymousRefusals anonymousRefusals;

    private static io.restassured.specification.RequestSpecification auditor() {
        return anonymous().auth().oauth2(TestAccounts.token("AUDITOR"));
    }

    @Test
    void a_hundred_anonymous_refusals_from_one_address_make_one_event_with_their_count() throws Throwable {
        String source = "192.0.2." + (10 + (int) (Math.random() * 200));
        String marker = "/api/v1/units/" + UUID.randomUUID();
        TestAccounts.token("AUDITOR");
        for (int i = 0; i < 100; i++) {
            anonymous().header(ForwardedAddresses.HEADER, source).get(marker).then().statusCode(401);
        }
        VertxContextSupport.subscribeAndAwait(() -> anonymousRefusals.flush());

        List<String> details = auditor().queryParam("action", "ACCESS_UNAUTHENTICATED").queryParam("objectId", "GET " + marker)
                .queryParam("size", 200).get("/api/v1/audit").then().statusCode(200)
                .body("items.clientAddress.unique()", equalTo(List.of(source)))
                .extract().path("items.detail");
        assertThat(details).as("one event per address and interval (two if a scheduled flush fell in between)")
                .hasSizeBetween(1, 2);
        assertThat(details.stream().mapToInt(detail -> Integer.parseInt(detail.substring(0, detail.indexOf(' ')))).sum())
                .isEqualTo(100);
    }

    @Test
    void every_refusal_of_a_signed_in_account_is_kept_on_its_own() {
        String marker = "/api/v1/users/" + UUID.randomUUID();
        String evaluator = TestAccounts.token("EVALUATOR");
        for (int i = 0; i < 3; i++) {
            anonymous().auth().oauth2(evaluator).get(marker).then().statusCode(403);
        }
        auditor().queryParam("action", "ACCESS_FORBIDDEN").queryParam("objectId", "GET " + marker)
                .get("/api/v1/audit").then().statusCode(200).body("total", equalTo(3));
    }
}
