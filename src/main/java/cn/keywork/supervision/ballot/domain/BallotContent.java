package cn.keywork.supervision.ballot.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import cn.keywork.supervision.evaluation.domain.Satisfaction;

/**
 * What a ballot says and who cast it on what: the content its seal is taken over. Scores are kept
 * sorted by criterion code and written in their plain normal form, so equal content has one
 * canonical text.
 */
public record BallotContent(UUID roundId, UUID taskId, UUID evaluatorId, SortedMap<String, BigDecimal> scores,
        Satisfaction satisfaction, String comment) {

    public BallotContent {
        TreeMap<String, BigDecimal> normal = new TreeMap<>();
        scores.forEach((code, score) -> normal.put(code, normal(score)));
        scores = java.util.Collections.unmodifiableSortedMap(normal);
    }

    public static BallotContent of(UUID roundId, UUID taskId, UUID evaluatorId, Map<String, BigDecimal> scores,
            Satisfaction satisfaction, String comment) {
        return new BallotContent(roundId, taskId, evaluatorId, new TreeMap<>(scores), satisfaction, comment);
    }

    /** A score without trailing zeros and never in exponent form: 85, 85.5, 0. */
    public static BigDecimal normal(BigDecimal score) {
        BigDecimal stripped = score.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * The canonical text: one field a line; codes match {@code [A-Z][A-Z0-9_]*} and scores are plain
     * numbers, and the comment comes last with its length, so no two contents share a text.
     */
    public String canonical() {
        String written = scores.entrySet().stream().map(score -> score.getKey() + "=" + score.getValue().toPlainString())
                .collect(Collectors.joining(","));
        String text = comment == null ? "" : comment;
        return "evaluation-ballot/1\nround " + roundId + "\ntask " + taskId + "\nevaluator " + evaluatorId + "\nscores "
                + written + "\nsatisfaction " + satisfaction.name() + "\ncomment " + (comment == null ? "-" : text.length() + ":" + text);
    }
}
