package cn.keywork.supervision.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.config.HeaderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Requests checked against the contract: {@link #api()} validates request and response;
 * {@link #deliberatelyInvalid()} lets a bad request through and still validates the answer.
 */
public final class Api {

    public static final String CONTRACT = "openapi/openapi.yaml";
    private static final String ACCEPT_LANGUAGE = "Accept-Language";

    private static final OpenApiValidationFilter BOTH = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(CONTRACT).build());

    private static final OpenApiValidationFilter RESPONSES_ONLY = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(CONTRACT)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    private Api() {
    }

    /** A request the contract allows, as an administrator; request and response are both validated. */
    public static RequestSpecification api() {
        return as("ADMIN");
    }

    /** A request the contract allows, by an account holding {@code role}. */
    public static RequestSpecification as(String role) {
        return anonymous().auth().oauth2(TestAccounts.token(role));
    }

    /** A request by an account holding {@code role} in the given unit. */
    public static RequestSpecification asUnit(String role, String unitId) {
        return anonymous().auth().oauth2(TestAccounts.token(role, unitId));
    }

    /** A request the contract allows, without a token. */
    public static RequestSpecification anonymous() {
        return english(given().filter(BOTH).contentType(ContentType.JSON).accept("application/json, application/problem+json"));
    }

    /**
     * Tests read problems in English unless they ask otherwise: a later {@code header("Accept-Language", …)}
     * replaces this one. The service itself answers in Chinese by default.
     */
    private static RequestSpecification english(RequestSpecification request) {
        return request.config(io.restassured.RestAssured.config().headerConfig(
                HeaderConfig.headerConfig().overwriteHeadersWithName(ACCEPT_LANGUAGE, "Content-Type", "Accept")))
                .header(ACCEPT_LANGUAGE, "en");
    }

    /** A request the contract allows, without a token and without Accept-Language: answered in the default language. */
    public static RequestSpecification anonymousInDefaultLanguage() {
        return given().filter(BOTH).contentType(ContentType.JSON).accept("application/json, application/problem+json");
    }

    /** A request that breaks the contract on purpose, as an administrator; only the response is validated. */
    public static RequestSpecification deliberatelyInvalid() {
        return english(given().filter(RESPONSES_ONLY)).auth().oauth2(TestAccounts.admin());
    }

    /** A request that breaks the contract on purpose, by an account holding {@code role} (in {@code unitId}, if given). */
    public static RequestSpecification deliberatelyInvalidAs(String role, String unitId) {
        String token = unitId == null ? TestAccounts.token(role) : TestAccounts.token(role, unitId);
        return english(given().filter(RESPONSES_ONLY)).auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A request that breaks the contract on purpose, by an account holding {@code role}, without Accept-Language. */
    public static RequestSpecification deliberatelyInvalidInDefaultLanguageAs(String role) {
        return given().filter(RESPONSES_ONLY).auth().oauth2(TestAccounts.token(role)).contentType(ContentType.JSON);
    }

    /** A request that breaks the contract on purpose, without a token. */
    public static RequestSpecification deliberatelyInvalidAnonymous() {
        return english(given().filter(RESPONSES_ONLY));
    }

    /** A code no other test uses, so tests share the database without depending on each other. */
    public static String uniqueCode(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
