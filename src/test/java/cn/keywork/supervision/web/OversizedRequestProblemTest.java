package cn.keywork.supervision.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What is refused before any resource runs (too long, too large, malformed) still answers an RFC 9457 problem, not an empty body. */
@QuarkusTest
class OversizedRequestProblemTest {

    @Test
    void an_address_longer_than_the_limit_answers_a_414_problem() throws Exception {
        String answer = raw("GET /api/v1/units?q=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertProblem(answer, 414);
    }

    @Test
    void headers_larger_than_the_limit_answer_a_431_problem() throws Exception {
        String answer = raw("GET /api/v1/units HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(30_000)
                + "\r\nConnection: close\r\n\r\n");
        assertProblem(answer, 431);
    }

    @Test
    void a_malformed_percent_encoding_in_the_address_answers_a_400_problem() throws Exception {
        assertProblem(raw("GET /api/v1/units/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400);
        assertProblem(raw("GET /api/v1/units/% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400);
        assertProblem(raw("GET /api/v1/units?q=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400);
    }

    private static void assertProblem(String answer, int status) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(body).contains("\"status\":" + status).contains("\"type\":").contains("\"title\":");
        assertThat(body.length()).isLessThan(1024);
    }

    private static String raw(String request) throws Exception {
        int port = io.restassured.RestAssured.port;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
