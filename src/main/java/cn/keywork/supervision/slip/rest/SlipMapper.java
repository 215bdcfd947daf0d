package cn.keywork.supervision.slip.rest;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.api.model.SlipActionDto;
import cn.keywork.supervision.api.model.SlipDto;
import cn.keywork.supervision.api.model.SlipEvidenceDto;
import cn.keywork.supervision.api.model.SlipInputDto;
import cn.keywork.supervision.api.model.SlipMoveDto;
import cn.keywork.supervision.api.model.SlipOutcomeDto;
import cn.keywork.supervision.api.model.SlipOverrideRecordDto;
import cn.keywork.supervision.api.model.LightDto;
import cn.keywork.supervision.api.model.SlipPageDto;
import cn.keywork.supervision.api.model.SlipProposalDraftDto;
import cn.keywork.supervision.api.model.SlipProposalDraftsDto;
import cn.keywork.supervision.api.model.SlipProposalDto;
import cn.keywork.supervision.api.model.SlipProposalPageDto;
import cn.keywork.supervision.api.model.SlipRuleDto;
import cn.keywork.supervision.api.model.SlipResponseDecisionDto;
import cn.keywork.supervision.api.model.SlipResponseDto;
import cn.keywork.supervision.api.model.SlipStatusDto;
import cn.keywork.supervision.api.model.SlipSummaryDto;
import cn.keywork.supervision.api.model.SlipTypeDto;
import cn.keywork.supervision.slip.domain.SlipDraft;
import cn.keywork.supervision.slip.domain.SlipOutcome;
import cn.keywork.supervision.slip.domain.SlipProposal;
import cn.keywork.supervision.slip.service.SlipProposals;
import cn.keywork.supervision.slip.domain.SlipRow;
import cn.keywork.supervision.slip.domain.SlipType;
import cn.keywork.supervision.slip.domain.SlipView;
import cn.keywork.supervision.web.Page;

/** Maps slips between the contract's models and the domain. */
@ApplicationScoped
class SlipMapper {

    private final Clock clock;
    private final ObjectMapper json;

    SlipMapper(Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    SlipDraft draft(SlipInputDto input) {
        return new SlipDraft(SlipType.valueOf(input.getType().toString()), input.getTaskId(), input.getSubItemId(),
                input.getTargetUnitIds() == null ? null : new ArrayList<>(input.getTargetUnitIds()),
                input.getRequirements(), input.getResponseDeadline(),
                input.getCopyToUnitIds() == null ? null : new ArrayList<>(input.getCopyToUnitIds()),
                input.getOverride() == null ? null : input.getOverride().getReason());
    }

    static SlipOutcome outcome(SlipOutcomeDto outcome) {
        return outcome == null ? null : SlipOutcome.valueOf(outcome.toString());
    }

    SlipPageDto page(Page<SlipRow> page) {
        return new SlipPageDto(page.map(this::summary), page.request().page(), page.request().size(), page.total());
    }

    private SlipSummaryDto summary(SlipRow row) {
        return new SlipSummaryDto().id(row.id()).type(SlipTypeDto.fromValue(row.type().name())).number(row.number())
                .status(SlipStatusDto.fromValue(row.status().name())).year(row.year()).taskId(row.taskId())
                .subItemId(row.subItemId()).targetUnitIds(List.copyOf(row.targetUnitIds()))
                .copyToUnitIds(List.copyOf(row.copyToUnitIds())).responseDeadline(row.responseDeadline())
                .overdue(row.overdue()).responseAccepted(row.responseAccepted())
                .outcome(row.outcome() == null ? null : SlipOutcomeDto.fromValue(row.outcome().name()))
                .issuedAt(time(row.issuedAt()));
    }

    SlipDto dto(SlipView view) {
        SlipRow row = view.row();
        return new SlipDto().id(row.id()).type(SlipTypeDto.fromValue(row.type().name())).number(row.number())
                .status(SlipStatusDto.fromValue(row.status().name())).year(row.year()).taskId(row.taskId())
                .subItemId(row.subItemId()).targetUnitIds(List.copyOf(row.targetUnitIds()))
                .copyToUnitIds(List.copyOf(row.copyToUnitIds())).requirements(row.requirements())
                .responseDeadline(row.responseDeadline())
                .rule(row.rule() == null ? null : SlipRuleDto.fromValue(row.rule().name()))
                .basisSlipId(row.basisSlipId()).supersededBy(row.supersededBy()).proposalPeriod(row.proposalPeriod())
                .override(row.overrideReason() == null ? null
                        : new SlipOverrideRecordDto(row.overrideReason()).by(row.overrideBy()))
                .evidence(evidence(row.evidence())).overdue(row.overdue()).responseAccepted(row.responseAccepted())
                .outcome(row.outcome() == null ? null : SlipOutcomeDto.fromValue(row.outcome().name()))
                .responses(view.responses().stream().map(this::response).toList())
                .moves(view.moves().stream().map(this::move).toList()).issuedAt(time(row.issuedAt()))
                .version(row.version()).createdAt(time(row.createdAt())).updatedAt(time(row.updatedAt()));
    }

    SlipProposalPageDto proposals(String period, Page<SlipProposal> page) {
        return new SlipProposalPageDto(period, page.map(this::proposal), page.request().page(), page.request().size(),
                page.total());
    }

    private SlipProposalDto proposal(SlipProposal proposal) {
        return new SlipProposalDto().taskId(proposal.taskId()).taskCode(proposal.taskCode()).taskTitle(proposal.taskTitle())
                .type(SlipTypeDto.fromValue(proposal.type().name())).rule(SlipRuleDto.fromValue(proposal.rule().name()))
                .period(proposal.period()).targetUnitIds(List.copyOf(proposal.targetUnitIds())).lag(proposal.lag())
                .light(LightDto.fromValue(proposal.light())).basisSlipId(proposal.basisSlipId())
                .basisSlipNumber(proposal.basisSlipNumber()).requirements(proposal.requirements())
                .responseDeadline(proposal.responseDeadline()).evidence(evidence(proposal.evidence()))
                .slipId(proposal.slipId());
    }

    SlipProposalDraftsDto drafts(SlipProposals.Drafts drafts) {
        return new SlipProposalDraftsDto(drafts.period(), drafts.drafted(), drafts.existing(),
                drafts.items().stream().map(draft -> new SlipProposalDraftDto().slipId(draft.slipId())
                        .taskId(draft.taskId()).type(SlipTypeDto.fromValue(draft.type().name()))
                        .rule(SlipRuleDto.fromValue(draft.rule().name()))
                        .status(SlipStatusDto.fromValue(draft.status().name())).created(draft.created())).toList());
    }

    private SlipEvidenceDto evidence(String stored) {
        try {
            return json.readValue(stored, SlipEvidenceDto.class);
        } catch (IOException e) {
            throw new IllegalStateException("Stored slip evidence does not fit the contract", e);
        }
    }

    private SlipResponseDto response(SlipView.Response response) {
        return new SlipResponseDto().number(response.number()).unitId(response.unitId()).text(response.text())
                .respondedBy(response.respondedBy()).respondedAt(time(response.respondedAt()))
                .decision(response.decision() == null ? null : SlipResponseDecisionDto.fromValue(response.decision()))
                .decisionNote(response.decisionNote()).decidedAt(time(response.decidedAt()));
    }

    private SlipMoveDto move(SlipView.Move move) {
        return new SlipMoveDto().number(move.number()).action(SlipActionDto.fromValue(move.action().name()))
                .from(SlipStatusDto.fromValue(move.from().name())).to(SlipStatusDto.fromValue(move.to().name()))
                .comment(move.comment())
                .outcome(move.outcome() == null ? null : SlipOutcomeDto.fromValue(move.outcome().name()))
                .by(move.by()).at(time(move.at()));
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
