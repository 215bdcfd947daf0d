package cn.keywork.supervision.ballot.rest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.api.model.BallotDto;
import cn.keywork.supervision.api.model.BallotFindingDto;
import cn.keywork.supervision.api.model.BallotFindingKindDto;
import cn.keywork.supervision.api.model.BallotInputDto;
import cn.keywork.supervision.api.model.BallotListDto;
import cn.keywork.supervision.api.model.BallotVerificationDto;
import cn.keywork.supervision.api.model.EvaluationResultDto;
import cn.keywork.supervision.api.model.EvaluationResultListDto;
import cn.keywork.supervision.api.model.EvaluationRoundStatusDto;
import cn.keywork.supervision.api.model.EvaluatorKindDto;
import cn.keywork.supervision.api.model.PublicEvaluationDto;
import cn.keywork.supervision.api.model.PublicEvaluationInquiryDto;
import cn.keywork.supervision.api.model.PublicEvaluationListDto;
import cn.keywork.supervision.api.model.PublicEvaluationSubjectDto;
import cn.keywork.supervision.api.model.PublicEvaluationSummaryDto;
import cn.keywork.supervision.api.model.SatisfactionDto;
import cn.keywork.supervision.ballot.domain.Ballot;
import cn.keywork.supervision.ballot.domain.BallotContent;
import cn.keywork.supervision.ballot.domain.BallotInput;
import cn.keywork.supervision.ballot.domain.PublicEvaluation;
import cn.keywork.supervision.ballot.domain.SubjectResult;
import cn.keywork.supervision.ballot.domain.Verification;
import cn.keywork.supervision.ballot.service.ResultService;
import cn.keywork.supervision.evaluation.domain.EvaluatorKind;
import cn.keywork.supervision.evaluation.domain.Satisfaction;

/** Ballots, results and the public results between the contract's shapes and the domain's. */
@ApplicationScoped
class BallotMapper {

    /** How an inquirer is shown when they did not agree to be named: by their kind. */
    private static final Map<EvaluatorKind, String> KIND_LABELS = Map.of(EvaluatorKind.NPC_DEPUTY, "人大代表",
            EvaluatorKind.CPPCC_MEMBER, "政协委员", EvaluatorKind.SPECIAL_SUPERVISOR, "特邀督查员",
            EvaluatorKind.PUBLIC_REPRESENTATIVE, "群众代表");

    private final Clock clock;

    BallotMapper(Clock clock) {
        this.clock = clock;
    }

    BallotInput input(BallotInputDto input) {
        return new BallotInput(input.getTaskId(), input.getScores(), Satisfaction.valueOf(input.getSatisfaction().toString()),
                input.getComment());
    }

    BallotDto ballot(Ballot ballot) {
        BallotContent content = ballot.content();
        Map<String, BigDecimal> scores = new LinkedHashMap<>(content.scores());
        return new BallotDto().id(ballot.id()).roundId(content.roundId()).taskId(content.taskId()).scores(scores)
                .overall(BallotContent.normal(ballot.overall())).satisfaction(SatisfactionDto.fromValue(content.satisfaction().name()))
                .comment(content.comment()).seal(ballot.seal()).castAt(time(ballot.castAt())).updatedAt(time(ballot.updatedAt()))
                .version(ballot.version());
    }

    BallotListDto ballots(List<Ballot> ballots) {
        return new BallotListDto().items(ballots.stream().map(this::ballot).toList());
    }

    EvaluationResultListDto results(ResultService.Results results) {
        return new EvaluationResultListDto().roundId(results.round().id()).period(results.round().period())
                .status(EvaluationRoundStatusDto.fromValue(results.round().status().name())).digest(results.round().resultsDigest())
                .items(results.items().stream().map(BallotMapper::result).toList());
    }

    private static EvaluationResultDto result(SubjectResult result) {
        return new EvaluationResultDto().taskId(result.taskId()).taskCode(result.taskCode()).taskTitle(result.taskTitle())
                .leadUnitId(result.leadUnitId()).leadUnitName(result.leadUnitName()).score(result.score())
                .satisfactionRate(result.satisfactionRate()).rank(result.rank()).ballots(result.ballots()).panel(result.panel())
                .rated(result.rated()).trimmed(result.trimmed());
    }

    BallotVerificationDto verification(Verification verification) {
        return new BallotVerificationDto().verified(verification.verified()).ballots(verification.ballots())
                .digest(verification.digest())
                .findings(verification.findings().stream().map(finding -> new BallotFindingDto()
                        .kind(BallotFindingKindDto.fromValue(finding.kind().name())).taskId(finding.taskId())).toList());
    }

    PublicEvaluationListDto publicList(List<PublicEvaluation.Summary> rounds) {
        return new PublicEvaluationListDto().items(rounds.stream().map(round -> new PublicEvaluationSummaryDto()
                .period(round.period()).title(round.title()).publishedAt(time(round.publishedAt())).subjects(round.subjects()))
                .toList());
    }

    PublicEvaluationDto publicEvaluation(PublicEvaluation evaluation) {
        return new PublicEvaluationDto().period(evaluation.period()).title(evaluation.title())
                .publishedAt(time(evaluation.publishedAt())).digest(evaluation.digest())
                .subjects(evaluation.subjects().stream().map(this::publicSubject).toList());
    }

    private PublicEvaluationSubjectDto publicSubject(PublicEvaluation.Subject subject) {
        return new PublicEvaluationSubjectDto().taskCode(subject.taskCode()).title(subject.title()).leadUnit(subject.leadUnit())
                .score(subject.score()).satisfactionRate(subject.satisfactionRate()).rank(subject.rank())
                .ballots(subject.ballots()).rated(subject.rated())
                .inquiries(subject.inquiries().stream().map(this::publicInquiry).toList());
    }

    private PublicEvaluationInquiryDto publicInquiry(PublicEvaluation.Inquiry inquiry) {
        return new PublicEvaluationInquiryDto().askedBy(inquiry.name() != null ? inquiry.name() : KIND_LABELS.get(inquiry.kind()))
                .evaluatorKind(EvaluatorKindDto.fromValue(inquiry.kind().name())).question(inquiry.question())
                .askedAt(time(inquiry.askedAt())).answer(inquiry.answer()).answeredAt(time(inquiry.answeredAt()))
                .verdict(inquiry.verdict() == null ? null : PublicEvaluationInquiryDto.VerdictEnum.fromValue(inquiry.verdict()));
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
