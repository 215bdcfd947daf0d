package cn.keywork.supervision.ballot.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.evaluation.domain.Satisfaction;

/** R14: what a ballot must hold, how it is weighed, and its canonical text for the seal. */
class BallotRulesTest {

    private static final List<Criterion> CRITERIA = List.of(new Criterion("PROGRESS", new BigDecimal("40")),
            new Criterion("EFFECT", new BigDecimal("30")), new Criterion("PROBLEMS", new BigDecimal("20")),
            new Criterion("RESPONSE", new BigDecimal("10")));

    private static Map<String, BigDecimal> scores(String progress, String effect, String problems, String response) {
        return Map.of("PROGRESS", new BigDecimal(progress), "EFFECT", new BigDecimal(effect), "PROBLEMS",
                new BigDecimal(problems), "RESPONSE", new BigDecimal(response));
    }

    private static List<String> refusedFields(Map<String, BigDecimal> scores) {
        try {
            BallotRules.check(scores, CRITERIA);
            return List.of();
        } catch (InvalidInput refused) {
            return refused.violations().stream().map(InvalidInput.Violation::field).sorted().toList();
        }
    }

    @Test
    void r14_the_overall_score_is_the_weighted_mean_of_the_criteria() {
        assertThat(BallotRules.overall(scores("90", "80", "70", "60"), CRITERIA)).isEqualByComparingTo("80");
        assertThat(BallotRules.overall(scores("100", "0", "0", "0"), CRITERIA)).isEqualByComparingTo("40");
        assertThat(BallotRules.overall(scores("88.5", "88.5", "88.5", "88.5"), CRITERIA)).isEqualByComparingTo("88.5");
        // (33.33×40 + 66.67×30 + 0×20 + 100×10) / 100 = 4333.3 / 100 = 43.333
        assertThat(BallotRules.overall(scores("33.33", "66.67", "0", "100"), CRITERIA)).isEqualByComparingTo("43.3330");
    }

    @Test
    void r14_every_criterion_scored_0_to_100_with_two_decimals_and_no_unknown_code() {
        assertThat(refusedFields(scores("0", "100", "99.99", "50.5"))).isEmpty();
        assertThat(refusedFields(Map.of("PROGRESS", BigDecimal.ONE))).containsExactly("scores.EFFECT", "scores.PROBLEMS",
                "scores.RESPONSE");
        assertThat(refusedFields(Map.of("PROGRESS", BigDecimal.ONE, "EFFECT", BigDecimal.ONE, "PROBLEMS", BigDecimal.ONE,
                "RESPONSE", BigDecimal.ONE, "OTHER", BigDecimal.ONE))).containsExactly("scores.OTHER");
        assertThat(refusedFields(scores("100.01", "-0.01", "80.125", "80.120"))).containsExactly("scores.EFFECT",
                "scores.PROBLEMS", "scores.PROGRESS");
        assertThatThrownBy(() -> BallotRules.check(Map.of(), CRITERIA)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void r14_equal_content_has_one_canonical_text_and_any_change_makes_another() {
        UUID round = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        UUID evaluator = UUID.randomUUID();
        BallotContent one = BallotContent.of(round, task, evaluator, Map.of("B", new BigDecimal("80.50"), "A", new BigDecimal("1E+2")),
                Satisfaction.SATISFIED, "好");
        BallotContent same = BallotContent.of(round, task, evaluator, Map.of("A", new BigDecimal("100"), "B", new BigDecimal("80.5")),
                Satisfaction.SATISFIED, "好");
        assertThat(one.canonical()).isEqualTo(same.canonical()).contains("scores A=100,B=80.5");
        assertThat(BallotContent.of(round, task, evaluator, same.scores(), Satisfaction.BASICALLY_SATISFIED, "好").canonical())
                .isNotEqualTo(one.canonical());
        assertThat(BallotContent.of(round, task, evaluator, same.scores(), Satisfaction.SATISFIED, null).canonical())
                .isNotEqualTo(BallotContent.of(round, task, evaluator, same.scores(), Satisfaction.SATISFIED, "").canonical());
        assertThat(BallotContent.of(round, task, UUID.randomUUID(), same.scores(), Satisfaction.SATISFIED, "好").canonical())
                .isNotEqualTo(one.canonical());
    }
}
