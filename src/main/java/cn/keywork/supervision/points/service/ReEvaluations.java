package cn.keywork.supervision.points.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.points.repository.PointReversals;
import cn.keywork.supervision.points.repository.ReEvaluationRepository;
import cn.keywork.supervision.security.RequestScope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;

/**
 * Re-evaluation of a year under its ACTIVE rule book (R16): the dry run answers the plan per unit;
 * applied, the very same plan is posted — the reversals through {@link PointReversals}, the new
 * entries in one statement — all carrying the re-evaluation's id. Old rows are never touched.
 */
@ApplicationScoped
public class ReEvaluations {

    private final ReEvaluationRepository plans;
    private final PointReversals reversals;
    private final AuditTrail audit;
    private final Clock clock;
    private final ObjectMapper json;

    ReEvaluations(ReEvaluationRepository plans, PointReversals reversals, AuditTrail audit, Clock clock, ObjectMapper json) {
        this.plans = plans;
        this.reversals = reversals;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    /** The plan (dry run) or its application, as the contract's JSON. */
    @WithTransaction
    public Uni<String> run(int year, boolean dryRun) {
        return plans.plan(year).chain(text -> {
            JsonNode plan = read(text);
            if (plan.path("ruleBookId").isNull() || plan.path("ruleBookId").isMissingNode()) {
                throw new NotFound(DomainMessage.RULE_BOOK_NOT_FOUND, year);
            }
            ObjectNode answer = answer(year, dryRun, plan);
            if (dryRun) {
                return Uni.createFrom().item(answer.toString());
            }
            UUID id = UUID.randomUUID();
            UUID actor = RequestScope.actor().userId();
            Instant now = clock.instant();
            answer.put("id", id.toString());
            List<UUID> reverse = new ArrayList<>();
            plan.path("reverse").forEach(entry -> reverse.add(UUID.fromString(entry.path("entryId").asText())));
            String counts = answer.path("totals").toString();
            return Multi.createFrom().iterable(reverse)
                    .onItem().transformToUniAndConcatenate(entry -> reversals.reverse(entry, "按新版考核细则重新评定", actor, id, now)
                            .replaceWith(entry))
                    .collect().asList()
                    .chain(() -> plans.post(id, year, UUID.fromString(plan.path("ruleBookId").asText()), text, counts, actor, now))
                    .call(() -> audit.record(AuditEntry.success("POINTS_RE_EVALUATED", "ReEvaluation", id,
                            AuditChanges.created(Map.of("year", year, "version", plan.path("version").asInt(),
                                    "totals", counts)))))
                    .replaceWith(answer.toString());
        });
    }

    private ObjectNode answer(int year, boolean dryRun, JsonNode plan) {
        Map<String, ObjectNode> units = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode entry : plan.path("reverse")) {
            ObjectNode unit = unit(units, entry.path("unitId").asText());
            BigDecimal points = entry.path("points").decimalValue().negate();
            ((ArrayNode) unit.get("reverse")).addObject().put("entryId", entry.path("entryId").asText())
                    .put("points", entry.path("points").decimalValue()).put("ruleCode", entry.path("ruleCode").asText())
                    .put("ruleBookVersion", entry.path("ruleBookVersion").asInt())
                    .put("sourceEventId", entry.path("sourceEventId").asText());
            unit.put("points", unit.get("points").decimalValue().add(points));
            total = total.add(points);
        }
        for (JsonNode entry : plan.path("post")) {
            ObjectNode unit = unit(units, entry.path("unitId").asText());
            BigDecimal points = entry.path("points").decimalValue();
            ((ArrayNode) unit.get("post")).addObject().put("sourceEventId", entry.path("sourceEventId").asText())
                    .put("points", points).put("ruleCode", entry.path("ruleCode").asText())
                    .put("ruleBookVersion", entry.path("ruleBookVersion").asInt());
            unit.put("points", unit.get("points").decimalValue().add(points));
            total = total.add(points);
        }
        ObjectNode answer = json.createObjectNode().put("year", year).put("dryRun", dryRun)
                .put("ruleBookVersion", plan.path("version").asInt());
        answer.putArray("units").addAll(units.values());
        answer.putObject("totals").put("reversals", plan.path("reverse").size()).put("entries", plan.path("post").size())
                .put("points", total);
        return answer;
    }

    private ObjectNode unit(Map<String, ObjectNode> units, String unitId) {
        return units.computeIfAbsent(unitId, key -> {
            ObjectNode unit = json.createObjectNode().put("unitId", key).put("points", BigDecimal.ZERO);
            unit.putArray("reverse");
            unit.putArray("post");
            return unit;
        });
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The plan is not JSON", e);
        }
    }
}
