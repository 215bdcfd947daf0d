package cn.keywork.supervision.evaluator.domain;

import cn.keywork.supervision.evaluation.domain.EvaluatorKind;

/** The filters of the evaluator list; null: any. */
public record EvaluatorFilter(EvaluatorKind kind, Boolean active, String q) {
}
