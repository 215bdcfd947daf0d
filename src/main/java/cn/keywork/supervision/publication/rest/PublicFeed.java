package cn.keywork.supervision.publication.rest;

import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.api.model.JsonFeedDto;
import cn.keywork.supervision.api.model.JsonFeedItemDto;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.publication.domain.FeedEntry;

/**
 * The media feed (R12) written as JSON Feed 1.1 or Atom 1.0, in Chinese, for the newspapers'
 * tracking columns (追踪·聚焦·关注). Each item's id is the event's and never changes.
 */
@ApplicationScoped
class PublicFeed {

    static final String TITLE = "重点工作督查督办动态";
    static final String FEED = "/api/v1/public/feed";
    static final String HOME = "/api/v1/public/ledgers";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** When the feed holds nothing yet, its "updated" must still not change from answer to answer. */
    private static final OffsetDateTime EMPTY = OffsetDateTime.parse("2026-01-01T00:00:00+08:00");

    private final ZoneId zone;

    PublicFeed(SupervisionConfig config) {
        this.zone = config.timeZone();
    }

    /** What one item says. */
    record Item(String id, String url, String title, String text, OffsetDateTime published, String tag) {
    }

    List<Item> items(List<FeedEntry> entries) {
        return entries.stream().map(this::item).toList();
    }

    private Item item(FeedEntry entry) {
        String id = "urn:keywork:event:" + entry.eventId();
        OffsetDateTime at = entry.occurredAt().atZoneSameInstant(zone).toOffsetDateTime();
        String task = "「" + entry.taskTitle() + "」";
        String history = "/api/v1/public/tasks/" + entry.taskCode() + "/progress-history";
        return switch (entry.kind()) {
            case LEDGER_PUBLISHED -> new Item(id, HOME + "/" + entry.period(), month(entry.period()) + "重点工作推进台账公示",
                    month(entry.period()) + "重点工作推进台账" + (entry.ledgerVersion() == null ? "" : "（第" + entry.ledgerVersion() + "版）")
                            + "已公示，各项任务的序时进度、实际进度与预警灯号可查阅。", at, "台账公示");
            case TASK_COMPLETED -> new Item(id, history, task + "已完成",
                    "重点工作 " + entry.taskCode() + task + "已完成。", at, "完成");
            case TURNED_RED -> new Item(id, history, task + "进度严重滞后，亮红灯",
                    month(entry.period()) + "，重点工作 " + entry.taskCode() + task + "进度严重滞后于序时进度，亮红灯。", at, "红灯");
            case BACK_TO_GREEN -> new Item(id, history, task + "恢复绿灯",
                    month(entry.period()) + "，重点工作 " + entry.taskCode() + task + "追上序时进度，恢复绿灯。", at, "绿灯");
        };
    }

    static String month(String period) {
        if (period == null || period.length() != 7) {
            return "";
        }
        return period.substring(0, 4) + "年" + Integer.parseInt(period.substring(5)) + "月";
    }

    JsonFeedDto json(List<Item> items) {
        return new JsonFeedDto().version(JsonFeedDto.VersionEnum.HTTPS_JSONFEED_ORG_VERSION_1_1).title(TITLE)
                .homePageUrl(HOME).feedUrl(FEED).language("zh-CN")
                .description("市政府督查室公示的重点工作台账、完成情况与预警动态")
                .items(items.stream().map(item -> new JsonFeedItemDto().id(item.id()).url(item.url()).title(item.title())
                        .contentText(item.text()).datePublished(item.published()).tags(List.of(item.tag()))).toList());
    }

    String atom(List<Item> items) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml:lang", "zh-CN");
            element(xml, "id", "urn:keywork:public-feed");
            element(xml, "title", TITLE);
            element(xml, "updated", format(items.isEmpty() ? EMPTY : items.get(0).published()));
            link(xml, "self", FEED + "?format=atom");
            link(xml, "alternate", HOME);
            xml.writeStartElement("author");
            element(xml, "name", "市政府督查室");
            xml.writeEndElement();
            for (Item item : items) {
                xml.writeStartElement("entry");
                element(xml, "id", item.id());
                element(xml, "title", item.title());
                element(xml, "updated", format(item.published()));
                element(xml, "published", format(item.published()));
                link(xml, "alternate", item.url());
                xml.writeEmptyElement("category");
                xml.writeAttribute("term", item.tag());
                element(xml, "summary", item.text());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("The Atom feed could not be written", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }

    private static String format(OffsetDateTime time) {
        return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
