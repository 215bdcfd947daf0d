package cn.keywork.supervision.ballot.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;

/**
 * What a ballot must hold (R14): a score 0–100, at most two decimals, for every criterion of the
 * round and for no other code; and how its overall score is weighed from them.
 */
public final class BallotRules {

    public static final BigDecimal MAX = BigDecimal.valueOf(100);
    public static final int OVERALL_SCALE = 4;

    private BallotRules() {
    }

    /** Refuses, all at once, missing, unknown, out-of-range and over-precise scores. */
    public static void check(Map<String, BigDecimal> scores, List<Criterion> criteria) {
        InvalidInput.Collector refused = new InvalidInput.Collector();
        Set<String> codes = criteria.stream().map(Criterion::code).collect(Collectors.toSet());
        for (Criterion criterion : criteria) {
            if (!scores.containsKey(criterion.code()) || scores.get(criterion.code()) == null) {
                refused.add("scores." + criterion.code(), InvalidInput.Reason.REQUIRED, DomainMessage.BALLOT_SCORE_MISSING,
                        criterion.code());
            }
        }
        scores.forEach((code, score) -> {
            if (!codes.contains(code)) {
                refused.add("scores." + code, InvalidInput.Reason.UNKNOWN_FIELD, DomainMessage.BALLOT_CRITERION_UNKNOWN, code,
                        String.join(", ", codes.stream().sorted().toList()));
            } else if (score != null && (score.signum() < 0 || score.compareTo(MAX) > 0
                    || BallotContent.normal(score).scale() > 2)) {
                refused.add("scores." + code, InvalidInput.Reason.RANGE, DomainMessage.BALLOT_SCORE_RANGE, code,
                        score.toPlainString());
            }
        });
        refused.throwIfAny();
    }

    /** Σ(weight × score) / Σ weight, to four decimals, half up. */
    public static BigDecimal overall(Map<String, BigDecimal> scores, List<Criterion> criteria) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Criterion criterion : criteria) {
            weighted = weighted.add(criterion.weight().multiply(scores.get(criterion.code())));
            weights = weights.add(criterion.weight());
        }
        return weighted.divide(weights, OVERALL_SCALE, RoundingMode.HALF_UP);
    }
}
