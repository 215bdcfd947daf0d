package cn.keywork.supervision.publication;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import cn.keywork.supervision.support.PublishedLedgers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The public disclosure (R13) and the media feed (R12): anonymous, published months only, public
 * fields only, cacheable with strong ETags.
 */
@QuarkusTest
class PublicDisclosureTest {

    private static final int YEAR = 2031;
    private static final String EARLIER = YEAR + "-02";
    private static final String PUBLISHED = YEAR + "-03";
    private static final String UNPUBLISHED = YEAR + "-04";
    private static final String NEVER = YEAR + "-09";

    private static Fixture fixture;

    @Inject
    Pool database;

    record Fixture(PublishedLedgers.Task task, PublishedLedgers.Task other, UUID photo, byte[] photoBytes, byte[] thumbnail,
            UUID unpublishedPhoto, UUID document) {
    }

    @BeforeEach
    void publishOnce() {
        if (fixture != null) {
            return;
        }
        PublishedLedgers ledgers = new PublishedLedgers(database);
        PublishedLedgers.Task task = ledgers.task(YEAR, "公示测试污水管网改造");
        PublishedLedgers.Task other = ledgers.task(YEAR, "公示测试学校建设");
        UUID earlierReport = UUID.randomUUID();
        UUID report = UUID.randomUUID();
        UUID unpublishedReport = UUID.randomUUID();
        ledgers.freeze(EARLIER, true, List.of(task), List.of(earlierReport), List.of("YELLOW"));
        ledgers.freeze(PUBLISHED, true, List.of(task, other), List.of(report, UUID.randomUUID()), List.of("RED", "GREEN"));
        ledgers.freeze(UNPUBLISHED, false, List.of(task), List.of(unpublishedReport), List.of("GREEN"));
        byte[] photo = PublishedLedgers.jpeg(64, 48, 0x336699);
        byte[] thumbnail = PublishedLedgers.jpeg(32, 24, 0x336699);
        UUID photoId = ledgers.photo(task, PUBLISHED, report, "image/jpeg", photo, thumbnail);
        UUID hidden = ledgers.photo(task, UNPUBLISHED, unpublishedReport, "image/jpeg", photo, thumbnail);
        UUID pdf = ledgers.photo(task, PUBLISHED, report, "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), thumbnail);
        String taskPayload = "{\"code\":\"" + task.code() + "\",\"title\":\"" + task.title() + "\"";
        ledgers.event("ledger.published", "LEDGER", PUBLISHED, PUBLISHED, "{\"version\":1}");
        ledgers.event("light.changed", "TASK", task.id(), PUBLISHED, taskPayload + ",\"from\":\"YELLOW\",\"to\":\"RED\"}");
        ledgers.event("light.changed", "TASK", task.id(), UNPUBLISHED, taskPayload + ",\"from\":\"RED\",\"to\":\"GREEN\"}");
        ledgers.event("light.changed", "TASK", other.id(), PUBLISHED, "{\"from\":\"RED\",\"to\":\"GREEN\"}");
        ledgers.event("light.changed", "TASK", other.id(), PUBLISHED, "{\"from\":\"GREEN\",\"to\":\"YELLOW\"}");
        // A change after the month was published tells figures the public has not been shown.
        ledgers.event("light.changed", "TASK", task.id(), PUBLISHED, taskPayload + ",\"from\":\"RED\",\"to\":\"GREEN\"}", 3600);
        fixture = new Fixture(task, other, photoId, photo, thumbnail, hidden, pdf);
    }

    @Test
    void r13_anyone_reads_the_published_months_without_a_token() {
        anonymous().get("/api/v1/public/ledgers").then().statusCode(200)
                .body("items.period", hasItem(PUBLISHED))
                .body("items.period", hasItem(EARLIER))
                .body("items.period", not(hasItem(UNPUBLISHED)))
                .body("items.find { it.period == '" + PUBLISHED + "' }.taskCount", equalTo(2))
                .body("items.find { it.period == '" + PUBLISHED + "' }.lights.red", equalTo(1))
                .body("items.find { it.period == '" + PUBLISHED + "' }.lights.green", equalTo(1))
                .body("items.find { it.period == '" + PUBLISHED + "' }.version", equalTo(1));
        // A token sent along changes nothing, not even the caching.
        as("UNIT_LIAISON").get("/api/v1/public/ledgers").then().statusCode(200)
                .header("Cache-Control", "public, max-age=300");
    }

    @Test
    void r13_a_published_ledger_shows_units_by_name_and_public_fields_only() {
        Response ledger = anonymous().get("/api/v1/public/ledgers/" + PUBLISHED).then().statusCode(200)
                .body("period", equalTo(PUBLISHED))
                .body("items.code", equalTo(List.of(fixture.task().code(), fixture.other().code())))
                .body("items[0].title", equalTo(fixture.task().title()))
                .body("items[0].category", equalTo("OTHER"))
                .body("items[0].leadUnit", equalTo(fixture.task().leadUnitName()))
                .body("items[0].cooperatingUnits", equalTo(List.of(fixture.task().partnerName())))
                .body("items[0].light", equalTo("RED"))
                .body("items[0].lag", equalTo(15.0f))
                .body("items[0].problems", equalTo("征地拆迁进度偏慢"))
                .body("items[0].photos.id", equalTo(List.of(fixture.photo().toString())))
                .body("items[0].photos[0].url", equalTo("/api/v1/public/photos/" + fixture.photo()))
                .body("items[1].photos", equalTo(List.of()))
                .extract().response();
        assertThat(ledger.asString()).doesNotContain(PublishedLedgers.LEADER, "leader", fixture.task().leadUnit());
    }

    @Test
    void r13_a_published_ledger_is_read_page_by_page_with_the_months_counts_on_every_page() {
        anonymous().queryParam("page", 2).queryParam("size", 1).get("/api/v1/public/ledgers/" + PUBLISHED).then().statusCode(200)
                .body("page", equalTo(2)).body("size", equalTo(1)).body("taskCount", equalTo(2))
                .body("lights.red", equalTo(1)).body("lights.green", equalTo(1))
                .body("items.code", equalTo(List.of(fixture.other().code())));
        anonymous().queryParam("page", 3).queryParam("size", 1).get("/api/v1/public/ledgers/" + PUBLISHED).then().statusCode(200)
                .body("taskCount", equalTo(2)).body("items", equalTo(List.of()));
        anonymous().get("/api/v1/public/ledgers/" + PUBLISHED).then().statusCode(200).body("page", equalTo(1))
                .body("size", equalTo(20));
        deliberatelyInvalidAnonymous().queryParam("size", 201).get("/api/v1/public/ledgers/" + PUBLISHED).then().statusCode(400);
        deliberatelyInvalidAnonymous().queryParam("page", 0).get("/api/v1/public/ledgers/" + PUBLISHED).then().statusCode(400);
    }

    @Test
    void r13_a_month_not_published_answers_404_as_does_a_month_never_closed() {
        anonymous().get("/api/v1/public/ledgers/" + UNPUBLISHED).then().statusCode(404)
                .contentType("application/problem+json");
        anonymous().get("/api/v1/public/ledgers/" + NEVER).then().statusCode(404);
        deliberatelyInvalidAnonymous().get("/api/v1/public/ledgers/2031-13").then().statusCode(400);
    }

    @Test
    void r13_the_progress_history_shows_the_published_months_only() {
        anonymous().get("/api/v1/public/tasks/" + fixture.task().code() + "/progress-history").then().statusCode(200)
                .body("code", equalTo(fixture.task().code()))
                .body("leadUnit", equalTo(fixture.task().leadUnitName()))
                .body("items.period", equalTo(List.of(EARLIER, PUBLISHED)))
                .body("items.light", equalTo(List.of("YELLOW", "RED")))
                .body("items[1].planned", equalTo(50.0f));
        anonymous().get("/api/v1/public/tasks/2031-QT-99/progress-history").then().statusCode(404);
    }

    @Test
    void r13_only_photos_of_published_reports_are_shown_without_their_original() {
        byte[] image = anonymous().accept("image/jpeg, application/problem+json").get("/api/v1/public/photos/" + fixture.photo())
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertThat(image).isEqualTo(fixture.photoBytes());
        byte[] thumbnail = anonymous().accept("image/jpeg, application/problem+json")
                .get("/api/v1/public/photos/" + fixture.photo() + "/thumbnail").then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray();
        assertThat(thumbnail).isEqualTo(fixture.thumbnail());
        for (UUID hidden : List.of(fixture.unpublishedPhoto(), fixture.document(), UUID.randomUUID())) {
            anonymous().accept("image/jpeg, application/problem+json").get("/api/v1/public/photos/" + hidden)
                    .then().statusCode(404);
            anonymous().accept("image/jpeg, application/problem+json").get("/api/v1/public/photos/" + hidden + "/thumbnail")
                    .then().statusCode(404);
        }
    }

    @Test
    void r12_the_feed_tells_published_months_turning_red_and_back_to_green_and_nothing_unpublished() throws Exception {
        String etag = as("OFFICE").get("/api/v1/tasks/" + fixture.other().id()).then().extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "COMPLETE", "note", "已竣工验收"))
                .post("/api/v1/tasks/" + fixture.other().id() + "/transitions").then().statusCode(200);

        Response feed = anonymous().accept("application/feed+json").get("/api/v1/public/feed").then().statusCode(200)
                .contentType("application/feed+json")
                .body("version", equalTo("https://jsonfeed.org/version/1.1"))
                .extract().response();
        List<String> titles = feed.path("items.title");
        String task = "「" + fixture.task().title() + "」";
        String other = "「" + fixture.other().title() + "」";
        assertThat(titles).as(feed.asString()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(titles.subList(0, 4)).containsExactly(other + "已完成", other + "恢复绿灯", task + "进度严重滞后，亮红灯",
                YEAR + "年3月重点工作推进台账公示");
        assertThat(titles).doesNotContain(task + "恢复绿灯");
        assertThat(feed.asString()).doesNotContain("已竣工验收");
        List<String> ids = feed.path("items.id");
        assertThat(anonymous().accept("application/feed+json").get("/api/v1/public/feed").then().extract()
                .<List<String>>path("items.id")).isEqualTo(ids);
        assertThat(ids).hasSizeLessThanOrEqualTo(50).allMatch(id -> id.startsWith("urn:keywork:event:"));

        for (RequestSpecification atom : List.of(anonymous().accept("application/atom+xml, application/problem+json"),
                anonymous().accept("*/*").queryParam("format", "atom"))) {
            byte[] xml = atom.get("/api/v1/public/feed").then().statusCode(200).contentType("application/atom+xml")
                    .extract().asByteArray();
            DocumentBuilderFactory parser = DocumentBuilderFactory.newDefaultInstance();
            parser.setNamespaceAware(true);
            Document document = parser.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
            assertThat(document.getDocumentElement().getLocalName()).isEqualTo("feed");
            assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
            assertThat(document.getElementsByTagName("entry").item(0).getChildNodes().item(0).getTextContent())
                    .isEqualTo(ids.get(0));
            assertThat(new String(xml, StandardCharsets.UTF_8)).contains(other + "已完成");
        }
        deliberatelyInvalidAnonymous().queryParam("format", "rss").get("/api/v1/public/feed").then().statusCode(400);
    }

    @Test
    void r13_every_public_answer_carries_a_strong_etag_and_cache_control_and_answers_304_to_a_current_copy() {
        for (String[] call : publicCalls()) {
            Response first = anonymous().accept(call[1]).get(call[0]).then().statusCode(200)
                    .header("Cache-Control", "public, max-age=300").extract().response();
            String etag = first.header("ETag");
            assertThat(etag).as(call[0]).matches("\"[A-Za-z0-9_-]{20,}\"");
            anonymous().accept(call[1]).header("If-None-Match", etag).get(call[0]).then().statusCode(304)
                    .header("ETag", etag).header("Cache-Control", "public, max-age=300");
            anonymous().accept(call[1]).header("If-None-Match", "\"other\", W/" + etag).get(call[0]).then().statusCode(304);
            anonymous().accept(call[1]).header("If-None-Match", "\"other\"").get(call[0]).then().statusCode(200)
                    .header("ETag", etag);
        }
    }

    @Test
    void r13_no_public_answer_carries_a_phone_number_an_email_a_person_name_or_an_account_id() {
        List<String> accounts = new ArrayList<>();
        database.query("SELECT id::text FROM app_user").execute().await().indefinitely().forEach(row -> accounts.add(row.getString(0)));
        List<String> names = new ArrayList<>(List.of(PublishedLedgers.PERSON, PublishedLedgers.LEADER, PublishedLedgers.LIAISON));
        database.query("SELECT display_name FROM app_user").execute().await().indefinitely()
                .forEach(row -> names.add(row.getString(0)));
        names.removeIf(name -> name.startsWith("测试") || name.length() < 2);
        assertThat(names).contains(PublishedLedgers.LEADER);
        List<String> exact = List.of(PublishedLedgers.PERSON_MOBILE, PublishedLedgers.LIAISON_MOBILE,
                PublishedLedgers.LIAISON_PHONE, PublishedLedgers.LIAISON_EMAIL);
        // not the decimals of a figure (0.16496242253): a number is no phone number
        Pattern mobile = Pattern.compile("(?<![\\d.])1[3-9]\\d{9}(?![\\d.])");
        Pattern landline = Pattern.compile("(?<![0-9A-Za-z-])0\\d{2,3}-\\d{7,8}(?![0-9A-Za-z])");
        Pattern email = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

        List<String[]> calls = new ArrayList<>(publicCalls());
        calls.add(new String[] {"/api/v1/public/ledgers/" + UNPUBLISHED, "application/json, application/problem+json"});
        calls.add(new String[] {"/api/v1/public/tasks/" + fixture.task().code() + "x/progress-history", "application/json, application/problem+json"});
        calls.add(new String[] {"/api/v1/public/photos/" + fixture.unpublishedPhoto(), "image/jpeg, application/problem+json"});
        List<String> found = new ArrayList<>();
        for (String[] call : calls) {
            Response answer = anonymous().accept(call[1]).get(call[0]);
            String body = new String(answer.asByteArray(), StandardCharsets.UTF_8);
            String headers = answer.headers().toString();
            for (String text : List.of(body, headers)) {
                exact.stream().filter(text::contains).forEach(value -> found.add(call[0] + ": " + value));
                names.stream().filter(text::contains).forEach(value -> found.add(call[0] + ": name " + value));
                accounts.stream().filter(text::contains).forEach(value -> found.add(call[0] + ": account " + value));
                if (!call[1].startsWith("image/") || answer.contentType().contains("json")) {
                    // digests (ETags, checksums) are hexadecimal runs whose digits may look like a number
                    String withoutDigests = text.replaceAll("[0-9a-fA-F]{32,}", "#");
                    for (Pattern pattern : List.of(mobile, landline, email)) {
                        Matcher matcher = pattern.matcher(withoutDigests);
                        while (matcher.find()) {
                            found.add(call[0] + ": " + matcher.group());
                        }
                    }
                }
            }
        }
        assertThat(calls).hasSizeGreaterThanOrEqualTo(10);
        assertThat(found).isEmpty();
    }

    /** Every public operation with its success case: address and Accept. */
    private static List<String[]> publicCalls() {
        String json = "application/json, application/problem+json";
        String image = "image/jpeg, application/problem+json";
        return List.of(
                new String[] {"/api/v1/public/ledgers", json},
                new String[] {"/api/v1/public/ledgers/" + PUBLISHED, json},
                new String[] {"/api/v1/public/tasks/" + fixture.task().code() + "/progress-history", json},
                new String[] {"/api/v1/public/photos/" + fixture.photo(), image},
                new String[] {"/api/v1/public/photos/" + fixture.photo() + "/thumbnail", image},
                new String[] {"/api/v1/public/feed", "application/feed+json, application/problem+json"},
                new String[] {"/api/v1/public/feed?format=atom", "application/atom+xml, application/problem+json"});
    }
}
