package cn.keywork.supervision.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletionException;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.api.model.ProblemDto;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.pgclient.PgException;

/**
 * A value the database refuses after all the checks (SQLSTATE class 22, or a constraint of class
 * 23) answers a client problem, not a 500.
 */
class DatabaseRefusalProblemTest {

    private final UnexpectedProblemMappers mappers = new UnexpectedProblemMappers(new FailureLog(java.time.Clock.systemUTC()));

    @Test
    void a_value_too_long_for_its_column_answers_400_naming_the_column_when_the_database_does() {
        PgException tooLong = new PgException("value too long for type character varying(500)", "ERROR", "22001", null,
                null, null, null, null, null, null, null, null, "public", "task_adjustment", "reason", null, null);
        Response answer = mappers.unexpected(new CompletionException(tooLong), request());
        assertThat(answer.getStatus()).isEqualTo(400);
        ProblemDto problem = (ProblemDto) answer.getEntity();
        assertThat(problem.getErrors()).singleElement().satisfies(error -> assertThat(error.getField()).isEqualTo("reason"));
    }

    @Test
    void a_nul_character_the_database_cannot_store_answers_400() {
        PgException nul = new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null);
        assertThat(mappers.unexpected(nul, request()).getStatus()).isEqualTo(400);
    }

    @Test
    void a_numeric_overflow_and_a_check_violation_answer_400() {
        assertThat(mappers.unexpected(new PgException("numeric field overflow", "ERROR", "22003", null), request())
                .getStatus()).isEqualTo(400);
        assertThat(mappers.unexpected(new PgException("violates check constraint", "ERROR", "23514", null), request())
                .getStatus()).isEqualTo(400);
    }

    @Test
    void another_broken_constraint_answers_409() {
        assertThat(mappers.unexpected(new PgException("exclusion", "ERROR", "23P01", null), request()).getStatus())
                .isEqualTo(409);
    }

    private static HttpServerRequest request() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        HttpServerResponse response = (HttpServerResponse) Proxy.newProxyInstance(DatabaseRefusalProblemTest.class.getClassLoader(),
                new Class<?>[] { HttpServerResponse.class }, (proxy, method, args) -> method.getName().equals("headers")
                        ? headers : null);
        return (HttpServerRequest) Proxy.newProxyInstance(DatabaseRefusalProblemTest.class.getClassLoader(),
                new Class<?>[] { HttpServerRequest.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "path" -> "/api/v1/tasks";
                    case "method" -> HttpMethod.POST;
                    case "response" -> response;
                    case "headers" -> headers;
                    default -> null;
                });
    }
}
