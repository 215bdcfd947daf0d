package cn.keywork.supervision.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import cn.keywork.supervision.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the contract accepts, the columns can hold exactly: every text's maxLength fits its
 * column, and every number's bounds and decimals (multipleOf) fit its column's precision and
 * scale. A column narrower than the contract makes a valid request fail with 500; a scale smaller
 * than the accepted decimals silently rounds (a weight of 0.0004 stored as 0).
 */
@QuarkusTest
class ContractColumnsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** schema.property → table.column, for every stored input field with a limit. */
    private static final String[][] STORED = {
            { "UnitInput.code", "org_unit.code" },
            { "UnitInput.name", "org_unit.name" },
            { "UnitInput.shortName", "org_unit.short_name" },
            { "UnitUpdate.code", "org_unit.code" },
            { "UnitUpdate.name", "org_unit.name" },
            { "UnitUpdate.shortName", "org_unit.short_name" },
            { "SupervisionContactInput.supervisionBody", "unit_contact.supervision_body" },
            { "LiaisonInput.name", "unit_liaison.name" },
            { "LiaisonInput.position", "unit_liaison.position" },
            { "LiaisonInput.officePhone", "unit_liaison.office_phone" },
            { "LiaisonInput.email", "unit_liaison.email" },
            { "UserInput.username", "app_user.username" },
            { "UserInput.displayName", "app_user.display_name" },
            { "UserInput.email", "app_user.email" },
            { "UserUpdate.displayName", "app_user.display_name" },
            { "UserUpdate.email", "app_user.email" },
            { "KeyTaskInput.title", "key_task.title" },
            { "KeyTaskInput.target", "key_task.target" },
            { "KeyTaskInput.content", "key_task.content" },
            { "KeyTaskInput.unitHead", "key_task.unit_head" },
            { "KeyTaskInput.responsibleDivision", "key_task.responsible_division" },
            { "KeyTaskInput.documentNumber", "key_task.document_number" },
            { "KeyTaskInput.year", "key_task.year" },
            { "ResponsiblePerson.name", "key_task.responsible_person_name" },
            { "Cooperation.responsibility", "key_task_cooperation.responsibility" },
            { "TaskTransition.note", "key_task.status_note" },
            { "SubItemInput.content", "task_sub_item.content" },
            { "SubItemInput.responsiblePerson", "task_sub_item.responsible_person" },
            { "SubItemInput.weight", "task_sub_item.weight" },
            { "ScheduleEntry.plannedPercent", "task_sub_item_month.planned_percent" },
            { "ScheduleEntry.milestone", "task_sub_item_month.milestone" },
            { "AdjustmentInput.reason", "task_adjustment.reason" },
            { "AdjustmentInput.target", "key_task.target" },
            { "AdjustmentInput.content", "key_task.content" },
            { "AdjustmentDecision.note", "task_adjustment.decision_note" },
            { "TaskSite.latitude", "key_task.site_latitude" },
            { "TaskSite.longitude", "key_task.site_longitude" },
            { "TaskSite.radiusMeters", "key_task.site_radius_meters" },
            { "ProgressReportInput.summary", "progress_report.summary" },
            { "ProgressReportInput.problems", "progress_report.problems" },
            { "ProgressReportInput.measures", "progress_report.measures" },
            { "ProgressReportInput.nextSteps", "progress_report.next_steps" },
            { "ReportSubItemInput.actual", "progress_report_sub_item.actual" },
            { "ReportSubItemInput.note", "progress_report_sub_item.note" },
            { "ReportSubItemInput.correctionReason", "progress_report_sub_item.correction_reason" },
            { "CoordinationRequest.description", "progress_report_coordination.description" },
            { "ReportTransition.comment", "progress_report.decision_comment" },
            { "SlipInput.requirements", "slip.requirements" },
            { "SlipOverride.reason", "slip.override_reason" },
            { "SlipApproverInput.note", "slip_approver.note" },
            { "SlipTransition.comment", "slip_move.comment" },
            { "SlipTransition.comment", "slip_response.text" },
            { "SlipTransition.comment", "slip_response.decision_note" },
            { "ProblemInput.description", "problem.description" },
            { "ProblemTransition.comment", "problem.status_comment" },
            { "ProblemTransition.comment", "problem_answer.text" },
            { "JointMeetingInput.minutes", "joint_meeting.minutes" },
            { "MeetingDecisionInput.text", "joint_meeting_decision.text" },
            { "MeetingDecisionInput.text", "problem.description" },
            { "BriefingEdit.title", "briefing.title" },
            { "BriefingEdit.foreword", "briefing.foreword" },
            { "BriefingEdit.conclusions", "briefing.conclusions" },
            { "EvaluatorInput.name", "evaluator.name" },
            { "EvaluatorInput.name", "app_user.display_name" },
            { "EvaluatorInput.affiliation", "evaluator.affiliation" },
            { "EvaluatorInput.appointmentDocument", "evaluator.appointment_document" },
            { "EvaluatorInput.email", "evaluator.email" },
            { "EvaluatorInput.username", "app_user.username" },
            { "EvaluatorUpdate.name", "evaluator.name" },
            { "EvaluatorUpdate.affiliation", "evaluator.affiliation" },
            { "EvaluatorUpdate.appointmentDocument", "evaluator.appointment_document" },
            { "EvaluatorUpdate.email", "evaluator.email" },
            { "EvaluationRoundInput.period", "evaluation_round.period" },
            { "EvaluationRoundInput.title", "evaluation_round.title" },
            { "EvaluationRoundInput.minPanel", "evaluation_round.min_panel" },
            { "EvaluationRoundInput.quorum", "evaluation_round.quorum" },
            { "EvaluationRoundInput.trimAt", "evaluation_round.trim_at" },
            { "EvaluationRoundUpdate.title", "evaluation_round.title" },
            { "EvaluationRoundUpdate.quorum", "evaluation_round.quorum" },
            { "EvaluationCriterion.name", "evaluation_criterion.name" },
            { "EvaluationCriterion.weight", "evaluation_criterion.weight" },
            { "EvaluationReportInput.text", "evaluation_report.text" },
            { "EvaluationHearingInput.place", "evaluation_hearing.place" },
            { "EvaluationHearingInput.participants", "evaluation_hearing.participants" },
            { "EvaluationHearingInput.notes", "evaluation_hearing.notes" },
            { "InquiryInput.question", "evaluation_inquiry.question" },
            { "InquiryAnswerInput.answer", "evaluation_inquiry.answer" },
            { "PublicOpinionInput.text", "public_opinion.text" },
            { "PublicOpinionInput.nickname", "public_opinion.nickname" },
            { "PublicOpinionInput.contact", "public_opinion.contact" },
            { "OpinionModeration.reply", "public_opinion.reply" },
            { "OpinionModeration.reason", "public_opinion.reason" },
            { "BallotInput.comment", "evaluation_ballot.comment" },
            { "WebhookInput.url", "webhook.url" },
            { "WebhookInput.description", "webhook.description" },
            { "WebhookUpdate.url", "webhook.url" },
            { "WebhookUpdate.description", "webhook.description" },
    };

    /** "Adjustment approved: " and the reason make the version's reason. */
    private static final int VERSION_REASON_PREFIX = "Adjustment approved: ".length();

    @Inject
    AgroalDataSource database;

    @Test
    void every_limit_of_the_contract_fits_the_column_that_stores_the_field() throws Exception {
        JsonNode schemas = YAML.readTree(new File(Api.CONTRACT)).path("components").path("schemas");
        List<String> disagreements = new ArrayList<>();
        try (Connection connection = database.getConnection()) {
            for (String[] mapping : STORED) {
                String[] field = mapping[0].split("\\.");
                JsonNode property = schemas.path(field[0]).path("properties").path(field[1]);
                assertThat(property.isMissingNode()).as(mapping[0] + " is in the contract").isFalse();
                Column column = column(connection, mapping[1]);
                String problem = disagreement(property, column);
                if (problem != null) {
                    disagreements.add(mapping[0] + " → " + mapping[1] + ": " + problem);
                }
            }
            int reason = schemas.path("AdjustmentInput").path("properties").path("reason").path("maxLength").asInt();
            Column versionReason = column(connection, "key_task_version.reason");
            if (versionReason.length() != null && versionReason.length() < VERSION_REASON_PREFIX + reason) {
                disagreements.add("AdjustmentInput.reason → key_task_version.reason: holds " + versionReason.length()
                        + ", needs " + (VERSION_REASON_PREFIX + reason));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private record Column(String type, Integer length, Integer precision, Integer scale) {
    }

    private static Column column(Connection connection, String tableAndColumn) throws Exception {
        String[] parts = tableAndColumn.split("\\.");
        try (PreparedStatement query = connection.prepareStatement("SELECT data_type, character_maximum_length, "
                + "numeric_precision, numeric_scale FROM information_schema.columns WHERE table_schema = current_schema() "
                + "AND table_name = ? AND column_name = ?")) {
            query.setString(1, parts[0]);
            query.setString(2, parts[1]);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as(tableAndColumn + " exists").isTrue();
                return new Column(row.getString(1), (Integer) row.getObject(2), (Integer) row.getObject(3),
                        (Integer) row.getObject(4));
            }
        }
    }

    private static String disagreement(JsonNode property, Column column) {
        String type = property.path("type").asText();
        if (type.equals("string")) {
            if (column.type().equals("text")) {
                return null;
            }
            if (!property.has("maxLength")) {
                return "no maxLength in the contract for a column of " + column.length();
            }
            int maxLength = property.path("maxLength").asInt();
            return column.length() != null && column.length() >= maxLength ? null
                    : "the contract allows " + maxLength + " characters, the column " + column.length();
        }
        if (type.equals("integer")) {
            return column.type().equals("integer") || column.type().equals("bigint") ? null : "column is " + column.type();
        }
        if (type.equals("number")) {
            if (!column.type().equals("numeric") || column.scale() == null) {
                return "column " + column.type() + " cannot hold decimals exactly";
            }
            if (!property.has("multipleOf")) {
                return "no multipleOf in the contract: decimals beyond the column's " + column.scale() + " would be rounded";
            }
            int decimals = new BigDecimal(property.path("multipleOf").asText()).stripTrailingZeros().scale();
            if (decimals > column.scale()) {
                return "the contract allows " + decimals + " decimals, the column keeps " + column.scale();
            }
            if (!property.has("maximum")) {
                return "no maximum in the contract";
            }
            int integerDigits = new BigDecimal(property.path("maximum").asText()).toBigInteger().toString().length();
            if (integerDigits > column.precision() - column.scale()) {
                return "the contract's maximum needs " + integerDigits + " integer digits, the column has "
                        + (column.precision() - column.scale());
            }
            return null;
        }
        return "no rule for type " + type;
    }
}
