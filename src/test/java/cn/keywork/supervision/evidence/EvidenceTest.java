package cn.keywork.supervision.evidence;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** R13: photos and documents attached to monthly reports, examined by their content, stored in chunks, streamed back. */
@QuarkusTest
class EvidenceTest {

    private static final int YEAR = 2026;
    /** The site of the tasks below: Fuzhou's Wuyi Square, 500 m around it. */
    private static final double SITE_LAT = 26.074508;
    private static final double SITE_LON = 119.296494;

    private record Fixture(String lead, String partner, String taskId) {
        String attachments(String period) {
            return "/api/v1/tasks/" + taskId + "/reports/" + period + "/attachments";
        }
    }

    /** A registered task with a site and a draft report for {@code period}. */
    private static Fixture reported(String period) {
        String lead = Units.registerId(uniqueCode("EL"), "影像牵头单位");
        String partner = Units.registerId(uniqueCode("EP"), "影像其他单位");
        Map<String, Object> task = Map.of("year", YEAR, "category", "OTHER", "title", "影像资料测试任务", "target", "目标",
                "content", "内容", "deadline", YEAR + "-12-31", "leadUnitId", lead,
                "site", Map.of("latitude", SITE_LAT, "longitude", SITE_LON, "radiusMeters", 500));
        String taskId = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        asUnit("UNIT_LIAISON", lead).body(Map.of("summary", "本月进展")).put("/api/v1/tasks/" + taskId + "/reports/" + period)
                .then().statusCode(201);
        return new Fixture(lead, partner, taskId);
    }

    /** As browsers send it: the file name in UTF-8. */
    private static RequestSpecification multipart(RequestSpecification request) {
        return request.config(io.restassured.RestAssured.config()
                .headerConfig(io.restassured.config.HeaderConfig.headerConfig().overwriteHeadersWithName("Accept-Language",
                        "Content-Type", "Accept"))
                .multiPartConfig(io.restassured.config.MultiPartConfig.multiPartConfig().defaultCharset("UTF-8"))
                .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .httpMultipartMode(org.apache.http.entity.mime.HttpMultipartMode.BROWSER_COMPATIBLE)))
                .contentType("multipart/form-data").accept("application/json, application/problem+json");
    }

    /**
     * Multipart requests go out with only the answer validated: the request validator cannot read a
     * multipart body (it reports it missing).
     */
    private static Response upload(Fixture f, String period, String name, byte[] bytes, String declaredType) {
        return multipart(Api.deliberatelyInvalidAs("UNIT_LIAISON", f.lead())).multiPart("file", name, bytes, declaredType)
                .post(f.attachments(period));
    }

    private static io.restassured.specification.MultiPartSpecification caption(String text) {
        return new io.restassured.builder.MultiPartSpecBuilder(text).controlName("caption").mimeType("text/plain")
                .charset("UTF-8").build();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void r13_a_photo_round_trips_byte_for_byte_with_its_hash_capture_time_position_and_thumbnail() throws Exception {
        Fixture f = reported("2026-05");
        byte[] photo = Samples.photo(1200, 800, "2026:05:12 10:21:05", 26.0750, 119.2970, 1);
        Response created = upload(f, "2026-05", "施工现场 照片.jpg", photo, "image/jpeg");
        created.then().statusCode(201)
                .body("sha256", equalTo(sha256(photo)))
                .body("contentType", equalTo("image/jpeg"))
                .body("size", equalTo(photo.length))
                .body("takenAt", equalTo("2026-05-12T10:21:05+08:00"))
                .body("width", equalTo(1200)).body("height", equalTo(800))
                .body("flags", hasSize(0));
        assertThat(created.jsonPath().getDouble("latitude")).isCloseTo(26.075, org.assertj.core.data.Offset.offset(0.0001));
        String id = created.path("id");
        assertThat(created.header("Location")).isEqualTo("/api/v1/attachments/" + id);

        Response content = as("OFFICE").accept("*/*").get("/api/v1/attachments/" + id + "/content");
        content.then().statusCode(200).contentType("image/jpeg").header("ETag", "\"" + sha256(photo) + "\"")
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", String.valueOf(photo.length))
                .header("Content-Disposition", "attachment; filename=\"____ __.jpg\"; filename*=UTF-8''"
                        + "%E6%96%BD%E5%B7%A5%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87.jpg");
        byte[] downloaded = content.asByteArray();
        assertThat(sha256(downloaded)).isEqualTo(sha256(photo));

        as("OFFICE").accept("*/*").header("If-None-Match", "\"" + sha256(photo) + "\"").get("/api/v1/attachments/" + id + "/content")
                .then().statusCode(304);
        Response part = as("OFFICE").accept("*/*").header("Range", "bytes=10-19").get("/api/v1/attachments/" + id + "/content");
        part.then().statusCode(206).header("Content-Range", "bytes 10-19/" + photo.length).header("Content-Length", "10");
        assertThat(part.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(photo, 10, 20));
        Response tail = as("OFFICE").accept("*/*").header("Range", "bytes=-5").get("/api/v1/attachments/" + id + "/content");
        assertThat(tail.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(photo, photo.length - 5, photo.length));
        as("OFFICE").accept("*/*").header("Range", "bytes=" + photo.length + "-").get("/api/v1/attachments/" + id + "/content")
                .then().statusCode(416).header("Content-Range", "bytes */" + photo.length);

        Response thumbnail = as("OFFICE").accept("*/*").get("/api/v1/attachments/" + id + "/thumbnail");
        thumbnail.then().statusCode(200).contentType("image/jpeg");
        var small = ImageIO.read(new ByteArrayInputStream(thumbnail.asByteArray()));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isBetween(212, 214);

        asUnit("UNIT_LIAISON", f.lead()).get(f.attachments("2026-05")).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0].links.thumbnail", equalTo("/api/v1/attachments/" + id + "/thumbnail"));
    }

    @Test
    void r13_a_file_larger_than_many_chunks_comes_back_whole_and_in_any_range() throws Exception {
        Fixture f = reported("2026-04");
        byte[] pdf = new byte[900_000];
        byte[] head = Samples.pdf();
        new java.util.Random(7).nextBytes(pdf);
        System.arraycopy(head, 0, pdf, 0, head.length);
        String id = upload(f, "2026-04", "report.pdf", pdf, "application/pdf").then().statusCode(201).extract().path("id");
        byte[] back = as("OFFICE").accept("*/*").get("/api/v1/attachments/" + id + "/content").then().statusCode(200)
                .extract().asByteArray();
        assertThat(sha256(back)).isEqualTo(sha256(pdf));
        // across the boundary of the first two chunks (256 KiB)
        int from = 256 * 1024 - 100;
        byte[] across = as("OFFICE").accept("*/*").header("Range", "bytes=" + from + "-" + (from + 299))
                .get("/api/v1/attachments/" + id + "/content").then().statusCode(206).extract().asByteArray();
        assertThat(across).isEqualTo(java.util.Arrays.copyOfRange(pdf, from, from + 300));
    }

    @Test
    void r13_the_public_copy_is_re_encoded_without_exif_or_gps() throws Exception {
        Fixture f = reported("2026-05");
        byte[] photo = Samples.photo(640, 480, "2026:05:02 08:00:00", 26.0745, 119.2965, 2);
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo)).getFirstDirectoryOfType(GpsDirectory.class))
                .as("the sample carries GPS").isNotNull();
        String id = upload(f, "2026-05", "site.jpg", photo, "image/jpeg").then().statusCode(201).extract().path("id");

        byte[] publicCopy = blob("public_blob", id);
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(publicCopy));
        assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class)).isNull();
        assertThat(metadata.getFirstDirectoryOfType(com.drew.metadata.exif.ExifIFD0Directory.class)).isNull();
        assertThat(metadata.getFirstDirectoryOfType(com.drew.metadata.xmp.XmpDirectory.class)).isNull();
        assertThat(ImageIO.read(new ByteArrayInputStream(publicCopy)).getWidth()).isEqualTo(640);
        byte[] thumbnail = blob("thumbnail_blob", id);
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(thumbnail)).getFirstDirectoryOfType(GpsDirectory.class))
                .isNull();
    }

    @Test
    void r13_a_photo_taken_outside_the_month_or_away_from_the_site_is_flagged_on_it_and_on_the_report() {
        Fixture f = reported("2026-06");
        String report = "/api/v1/tasks/" + f.taskId() + "/reports/2026-06";
        // taken on the last evening of May in Shanghai (still May there, though June in no zone east of it)
        byte[] early = Samples.photo(300, 200, "2026:05:31 23:30:00", SITE_LAT, SITE_LON, 3);
        upload(f, "2026-06", "early.jpg", early, "image/jpeg").then().statusCode(201)
                .body("flags", equalTo(List.of("OUTSIDE_PERIOD")));
        // 2 km north of the site, in the month
        byte[] away = Samples.photo(300, 200, "2026:06:15 09:00:00", SITE_LAT + 0.018, SITE_LON, 4);
        String awayId = upload(f, "2026-06", "away.jpg", away, "image/jpeg").then().statusCode(201)
                .body("flags", equalTo(List.of("OUTSIDE_SITE"))).extract().path("id");
        // 300 m away, in the month: nothing to say
        byte[] near = Samples.photo(300, 200, "2026:06:01 00:10:00", SITE_LAT + 0.0027, SITE_LON, 5);
        upload(f, "2026-06", "near.jpg", near, "image/jpeg").then().statusCode(201).body("flags", hasSize(0));
        // without EXIF at all
        upload(f, "2026-06", "bare.jpg", Samples.photo(300, 200, null, null, null, 6), "image/jpeg").then().statusCode(201)
                .body("flags", equalTo(List.of("NO_CAPTURE_TIME", "NO_LOCATION")));

        assertThat(reportFlags(f.taskId(), "2026-06")).containsExactly("NO_CAPTURE_TIME", "NO_LOCATION", "OUTSIDE_PERIOD",
                "OUTSIDE_SITE");
        asUnit("UNIT_LIAISON", f.lead()).get(report).then().statusCode(200)
                .body("flags", hasItems("OUTSIDE_PERIOD", "OUTSIDE_SITE"));

        asUnit("UNIT_LIAISON", f.lead()).delete("/api/v1/attachments/" + awayId).then().statusCode(204);
        assertThat(reportFlags(f.taskId(), "2026-06")).containsExactly("NO_CAPTURE_TIME", "NO_LOCATION", "OUTSIDE_PERIOD");
        as("OFFICE").get("/api/v1/attachments/" + awayId).then().statusCode(404);
    }

    @Test
    void r13_the_same_file_twice_on_one_task_is_flagged_as_a_duplicate() {
        Fixture f = reported("2026-03");
        asUnit("UNIT_LIAISON", f.lead()).body(Map.of("summary", "四月")).put("/api/v1/tasks/" + f.taskId() + "/reports/2026-04")
                .then().statusCode(201);
        byte[] pdf = Samples.pdf();
        upload(f, "2026-03", "a.pdf", pdf, "application/pdf").then().statusCode(201).body("flags", hasSize(0));
        upload(f, "2026-04", "b.pdf", pdf, "application/pdf").then().statusCode(201).body("flags", equalTo(List.of("DUPLICATE")));
        upload(f, "2026-03", "c.pdf", pdf, "application/pdf").then().statusCode(201).body("flags", equalTo(List.of("DUPLICATE")));
        // another task's report does not count
        Fixture other = reported("2026-03");
        upload(other, "2026-03", "a.pdf", pdf, "application/pdf").then().statusCode(201).body("flags", hasSize(0));
    }

    @Test
    void r13_the_type_is_decided_by_the_content_never_by_the_name_or_the_declared_type() {
        Fixture f = reported("2026-02");
        upload(f, "2026-02", "photo.jpg", Samples.pdf(), "image/jpeg").then().statusCode(201)
                .body("contentType", equalTo("application/pdf")).body("links.thumbnail", nullValue())
                .body("width", nullValue());
        String pdfId = upload(f, "2026-02", "x.pdf", Samples.pdf(), "application/pdf").then().extract().path("id");
        as("OFFICE").accept("*/*").get("/api/v1/attachments/" + pdfId + "/thumbnail").then().statusCode(404);
        upload(f, "2026-02", "photo.jpg", Samples.executable(), "image/jpeg").then().statusCode(415)
                .contentType("application/problem+json");
        upload(f, "2026-02", "notes.txt", "just text".getBytes(), "text/plain").then().statusCode(415);
        upload(f, "2026-02", "empty.jpg", new byte[0], "image/jpeg").then().statusCode(400)
                .body("errors[0].field", equalTo("file"));
    }

    @Test
    void r13_a_file_over_the_size_limit_answers_413_and_an_upload_over_the_body_limit_too() {
        Fixture f = reported("2026-02");
        byte[] big = new byte[1024 * 1024 + 1];
        byte[] head = Samples.pdf();
        System.arraycopy(head, 0, big, 0, head.length);
        upload(f, "2026-02", "big.pdf", big, "application/pdf").then().statusCode(413)
                .contentType("application/problem+json");
        multipart(Api.deliberatelyInvalidAs("UNIT_LIAISON", f.lead())).multiPart("file", "huge.pdf", new byte[3 * 1024 * 1024],
                "application/pdf").post(f.attachments("2026-02")).then().statusCode(413);
        // JSON bodies stay bound to the smaller limit
        Api.deliberatelyInvalidAs("UNIT_LIAISON", f.lead()).body("{\"summary\":\"" + "a".repeat(300 * 1024) + "\"}")
                .put("/api/v1/tasks/" + f.taskId() + "/reports/2026-02").then().statusCode(413);
    }

    @Test
    void r13_a_json_body_sent_without_a_length_is_still_held_to_the_smaller_limit() throws Exception {
        Fixture f = reported("2026-02");
        String token = cn.keywork.supervision.support.TestAccounts.token("UNIT_LIAISON", f.lead());
        byte[] body = ("{\"summary\":\"" + "a".repeat(300 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("PUT /api/v1/tasks/" + f.taskId() + "/reports/2026-02 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nIf-Match: \"0\"\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status;
            try {
                for (int i = 0; i < body.length; i += 8192) {
                    int n = Math.min(8192, body.length - i);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(body, i, n);
                    out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the service may stop reading once the limit is passed
            }
            byte[] head = socket.getInputStream().readNBytes(12);
            status = new String(head, java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void r13_an_upload_replayed_with_its_idempotency_key_creates_nothing_again() {
        Fixture f = reported("2026-07");
        String key = java.util.UUID.randomUUID().toString();
        String first = multipart(Api.deliberatelyInvalidAs("UNIT_LIAISON", f.lead())).header("Idempotency-Key", key)
                .multiPart("file", "a.pdf", Samples.pdf(), "application/pdf").multiPart(caption("管网开挖验收记录"))
                .post(f.attachments("2026-07"))
                .then().statusCode(201).body("caption", equalTo("管网开挖验收记录")).extract().path("id");
        multipart(Api.deliberatelyInvalidAs("UNIT_LIAISON", f.lead())).header("Idempotency-Key", key)
                .multiPart("file", "a.pdf", Samples.pdf(), "application/pdf").multiPart(caption("管网开挖验收记录"))
                .post(f.attachments("2026-07"))
                .then().statusCode(201).header("Idempotency-Replayed", "true").body("id", equalTo(first));
        multipart(Api.deliberatelyInvalidAs("UNIT_LIAISON", f.lead())).multiPart("file", "a.pdf", Samples.pdf(), "application/pdf")
                .multiPart(caption("长".repeat(501))).post(f.attachments("2026-07")).then().statusCode(400)
                .body("errors[0].field", equalTo("caption"));
        asUnit("UNIT_LIAISON", f.lead()).get(f.attachments("2026-07")).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void r13_an_image_declaring_more_pixels_than_the_limit_is_refused_before_it_is_decoded() {
        Fixture f = reported("2026-02");
        long start = System.nanoTime();
        upload(f, "2026-02", "bomb.png", Samples.pngDeclaring(100_000, 100_000), "image/png").then().statusCode(400)
                .body("errors[0].field", equalTo("file")).body("errors[0].code", equalTo("RANGE"));
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(3000);
        // just under the limit is accepted by the check, and then found to hold no pixels: still 400, never 500
        upload(f, "2026-02", "broken.png", Samples.pngDeclaring(1000, 1000), "image/png").then().statusCode(400);
    }

    @Test
    void r13_a_report_holds_at_most_the_configured_number_of_files() {
        Fixture f = reported("2026-01");
        for (int i = 0; i < 30; i++) {
            upload(f, "2026-01", "p" + i + ".pdf", Samples.pdf(), "application/pdf").then().statusCode(201);
        }
        upload(f, "2026-01", "one-more.pdf", Samples.pdf(), "application/pdf").then().statusCode(409);
    }

    @Test
    void r13_concurrent_uploads_never_pass_the_count_limit() throws Exception {
        Fixture f = reported("2026-02");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 36; i++) {
                String name = "c" + i + ".pdf";
                answers.add(pool.submit(() -> upload(f, "2026-02", name, Samples.pdf(), "application/pdf").statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(30);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(6);
        } finally {
            pool.shutdownNow();
        }
        asUnit("UNIT_LIAISON", f.lead()).get(f.attachments("2026-02")).then().body("items", hasSize(30));
    }

    @Test
    void r13_another_unit_finds_nothing_and_a_role_without_the_right_is_refused() {
        Fixture f = reported("2026-05");
        String id = upload(f, "2026-05", "a.pdf", Samples.pdf(), "application/pdf").then().statusCode(201).extract().path("id");
        multipart(Api.deliberatelyInvalidAs("UNIT_LIAISON", f.partner())).multiPart("file", "x.pdf", Samples.pdf(), "application/pdf")
                .post(f.attachments("2026-05")).then().statusCode(404);
        asUnit("UNIT_LIAISON", f.partner()).get(f.attachments("2026-05")).then().statusCode(404);
        asUnit("UNIT_LIAISON", f.partner()).get("/api/v1/attachments/" + id).then().statusCode(404);
        asUnit("UNIT_LIAISON", f.partner()).accept("*/*").get("/api/v1/attachments/" + id + "/content").then().statusCode(404);
        asUnit("UNIT_LIAISON", f.partner()).delete("/api/v1/attachments/" + id).then().statusCode(404);
        multipart(Api.deliberatelyInvalidAs("LEADER", null)).multiPart("file", "x.pdf", Samples.pdf(), "application/pdf").post(f.attachments("2026-05"))
                .then().statusCode(403);
        as("LEADER").delete("/api/v1/attachments/" + id).then().statusCode(403);
        as("LEADER").get("/api/v1/attachments/" + id).then().statusCode(200);
    }

    @Test
    void r13_a_cooperating_unit_adds_evidence_but_removes_only_what_its_own_unit_attached() {
        String lead = Units.registerId(uniqueCode("EL"), "影像牵头单位");
        String coop = Units.registerId(uniqueCode("EC"), "影像配合单位");
        Map<String, Object> task = Map.of("year", YEAR, "category", "OTHER", "title", "配合单位影像", "target", "目标",
                "content", "内容", "deadline", YEAR + "-12-31", "leadUnitId", lead,
                "cooperatingUnits", List.of(Map.of("unitId", coop, "responsibility", "配合施工")));
        String taskId = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        String path = "/api/v1/tasks/" + taskId + "/reports/2026-06/attachments";
        asUnit("UNIT_LIAISON", lead).body(Map.of("summary", "本月进展")).put("/api/v1/tasks/" + taskId + "/reports/2026-06")
                .then().statusCode(201);
        String leads = multipart(Api.deliberatelyInvalidAs("UNIT_LIAISON", lead)).multiPart("file", "lead.pdf", Samples.pdf(),
                "application/pdf").post(path).then().statusCode(201).extract().path("id");
        String coops = multipart(Api.deliberatelyInvalidAs("UNIT_HEAD", coop)).multiPart("file", "coop.pdf", Samples.pdf(),
                "application/pdf").post(path).then().statusCode(201).extract().path("id");

        asUnit("UNIT_LIAISON", coop).delete("/api/v1/attachments/" + leads).then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("own unit"));
        asUnit("UNIT_LIAISON", coop).delete("/api/v1/attachments/" + coops).then().statusCode(204);
        asUnit("UNIT_LIAISON", lead).get(path).then().statusCode(200).body("items.id", equalTo(List.of(leads)));
        asUnit("UNIT_HEAD", lead).delete("/api/v1/attachments/" + leads).then().statusCode(204);
    }

    @Test
    void r13_uploads_are_audited_and_told_as_events_without_names_or_positions() {
        Fixture f = reported("2026-05");
        byte[] photo = Samples.photo(200, 100, "2026:05:03 12:00:00", SITE_LAT, SITE_LON, 9);
        String id = upload(f, "2026-05", "张三的照片.jpg", photo, "image/jpeg").then().statusCode(201).extract().path("id");
        String payload = single("SELECT payload::text FROM domain_event WHERE type = 'evidence.attached' AND object_id = ?", id);
        assertThat(payload).contains(id).contains("image/jpeg").contains(f.taskId()).doesNotContain("张三")
                .doesNotContain("26.07").doesNotContain("119.29");
        assertThat(single("SELECT count(*)::text FROM audit_event WHERE action = 'EVIDENCE_ATTACHED' AND object_id = ?", id))
                .isEqualTo("1");
    }

    // --- the database, read directly --------------------------------------------------------------

    private static List<String> reportFlags(String taskId, String period) {
        String flags = single("SELECT array_to_string(flags, ',') FROM progress_report WHERE task_id = ?::uuid AND period = '"
                + period + "'", taskId);
        return flags.isEmpty() ? List.of() : List.of(flags.split(","));
    }

    private static byte[] blob(String column, String attachmentId) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("SELECT k.data FROM attachment a JOIN "
                + "evidence_chunk k ON k.blob_id = a." + column + " WHERE a.id = ?::uuid ORDER BY k.chunk_no")) {
            s.setString(1, attachmentId);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.write(rows.getBytes(1));
                }
            }
            assertThat(out.size()).isPositive();
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String single(String query, String parameter) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, parameter);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connection() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres"),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
