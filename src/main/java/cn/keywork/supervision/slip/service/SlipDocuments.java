package cn.keywork.supervision.slip.service;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.slip.domain.SlipAction;
import cn.keywork.supervision.slip.domain.SlipRow;
import cn.keywork.supervision.slip.domain.SlipStatus;
import cn.keywork.supervision.slip.domain.SlipType;
import cn.keywork.supervision.slip.domain.SlipView;
import cn.keywork.supervision.slip.repository.SlipDocumentRepository;
import cn.keywork.supervision.slip.repository.SlipDocumentRepository.Names;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * The printable slip (R7–R9): the slip as its reader may see it ({@link SlipService#get}, the
 * same visibility and 404), the names it shows, and the page rendered from
 * {@code templates/SlipDocuments/slip.html}, which escapes every value.
 */
@ApplicationScoped
public class SlipDocuments {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance slip(SlipPage page);
    }

    /** The page and the version of the slip it shows. */
    public record SlipDocument(String html, long version) {
    }

    private final SlipService slips;
    private final SlipDocumentRepository names;
    private final SlipLabels labels;
    private final ObjectMapper json;
    private final String office;

    SlipDocuments(SlipService slips, SlipDocumentRepository names, SlipLabels labels, ObjectMapper json,
            cn.keywork.supervision.platform.SupervisionConfig config) {
        this.slips = slips;
        this.names = names;
        this.labels = labels;
        this.json = json;
        this.office = config.slips().issuingOffice();
    }

    /** The slip as a page; 404 for a slip the caller may not see. */
    @WithSession
    public Uni<SlipDocument> render(UUID id) {
        return slips.get(id).chain(view -> names.names(id).chain(found -> Templates.slip(page(view, found))
                .createUni().map(html -> new SlipDocument(html, view.row().version()))));
    }

    SlipPage page(SlipView view, Names names) {
        SlipRow row = view.row();
        return new SlipPage(office, labels.type(row.type()), row.number(), labels.status(row.status()),
                notice(view), units(row.targetUnitIds(), names), copies(row, names),
                names.taskCode(), names.taskTitle(), names.subItem(), row.requirements(),
                labels.date(row.responseDeadline()), approval(view, names),
                labels.date(row.issuedAt()), evidence(row.evidence()), answers(view, names),
                closing(view));
    }

    /** 抄送: a supervision order's offices by role (R9), then the units named; null when none. */
    private String copies(SlipRow row, Names names) {
        List<String> copies = new ArrayList<>();
        if (row.type() == SlipType.SUPERVISION) {
            slips.copyRoles().stream().sorted().map(labels::role).forEach(copies::add);
        }
        if (!row.copyToUnitIds().isEmpty()) {
            copies.add(units(row.copyToUnitIds(), names));
        }
        return copies.isEmpty() ? null : String.join("、", copies);
    }

    private static String units(List<UUID> ids, Names names) {
        return ids.stream().map(id -> names.units().getOrDefault(id, id.toString())).collect(Collectors.joining("、"));
    }

    private static String notice(SlipView view) {
        return switch (view.row().status()) {
            case WITHDRAWN -> latest(view, SlipAction.WITHDRAW).map(move -> "本单已撤回：" + move.comment())
                    .orElse("本单已撤回");
            case ESCALATED -> "本单已转督办单办理";
            default -> null;
        };
    }

    /** The leader's decision on a supervision order: approved (by whom, when), refused, pending or not asked yet. */
    private SlipPage.Approval approval(SlipView view, Names names) {
        if (view.row().type() != SlipType.SUPERVISION) {
            return null;
        }
        if (names.approvedAt() != null) {
            return new SlipPage.Approval("同意", names.approvedBy(), labels.date(names.approvedAt()),
                    latest(view, SlipAction.APPROVE).map(SlipView.Move::comment).orElse(null));
        }
        if (view.row().status() == SlipStatus.REJECTED) {
            return latest(view, SlipAction.REJECT).map(move -> new SlipPage.Approval("不同意", null,
                    labels.date(move.at()), move.comment()))
                    .orElse(new SlipPage.Approval("不同意", null, null, null));
        }
        return new SlipPage.Approval(view.row().status() == SlipStatus.PENDING_APPROVAL ? "待审批" : "尚未报请审批",
                null, null, null);
    }

    private static Optional<SlipView.Move> latest(SlipView view, SlipAction action) {
        return view.moves().stream().filter(move -> move.action() == action)
                .max(Comparator.comparingInt(SlipView.Move::number));
    }

    private List<SlipPage.Answer> answers(SlipView view, Names names) {
        return view.responses().stream().map(response -> new SlipPage.Answer(response.number(),
                names.units().getOrDefault(response.unitId(), String.valueOf(response.unitId())),
                labels.time(response.respondedAt()), response.text(), labels.decision(response.decision()),
                response.decisionNote())).toList();
    }

    private SlipPage.Closing closing(SlipView view) {
        if (view.row().status() != SlipStatus.CLOSED) {
            return null;
        }
        SlipView.Move close = latest(view, SlipAction.CLOSE).orElse(null);
        return new SlipPage.Closing(labels.outcome(view.row().outcome()),
                close == null ? null : labels.date(close.at()), close == null ? null : close.comment());
    }

    /** The evidence snapshot, as {@code SlipService} stored it. */
    private SlipPage.Evidence evidence(String stored) {
        JsonNode evidence;
        try {
            evidence = json.readTree(stored == null ? "{}" : stored);
        } catch (IOException e) {
            throw new IllegalStateException("Stored slip evidence is not JSON", e);
        }
        List<SlipPage.Month> months = new ArrayList<>();
        evidence.path("months").forEach(month -> months.add(new SlipPage.Month(
                SlipLabels.month(text(month, "period")), number(month, "planned"), number(month, "actual"),
                number(month, "lag"), labels.light(text(month, "light")), text(month, "light"))));
        List<SlipPage.Report> reports = new ArrayList<>();
        evidence.path("reports").forEach(report -> reports.add(new SlipPage.Report(
                SlipLabels.month(text(report, "period")), reportState(report))));
        List<SlipPage.EarlierSlip> earlier = new ArrayList<>();
        evidence.path("earlierSlips").forEach(slip -> earlier.add(new SlipPage.EarlierSlip(
                Objects.requireNonNullElse(text(slip, "number"), "（未编号）"), labels.type(text(slip, "type")),
                labels.status(text(slip, "status")), labels.outcome(text(slip, "outcome")),
                day(text(slip, "issuedAt")))));
        return new SlipPage.Evidence(time(text(evidence, "takenAt")), months, reports, earlier);
    }

    private String reportState(JsonNode report) {
        String status = text(report, "status");
        boolean late = report.path("late").asBoolean(false);
        String word = labels.reportStatus(status == null ? "NOT_REPORTED" : status);
        return late ? "逾期报送（" + word + "）" : word;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static String number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? SlipLabels.number(value.decimalValue())
                : value.isTextual() ? SlipLabels.number(new BigDecimal(value.asText())) : null;
    }

    private String day(String offsetTime) {
        return offsetTime == null ? null : labels.date(OffsetDateTime.parse(offsetTime).toInstant());
    }

    private String time(String offsetTime) {
        return offsetTime == null ? null : labels.time(OffsetDateTime.parse(offsetTime).toInstant());
    }
}
