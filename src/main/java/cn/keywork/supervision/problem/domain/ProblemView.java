package cn.keywork.supervision.problem.domain;

import java.util.List;

/** A problem with its answers. */
public record ProblemView(ProblemRow row, List<ProblemAnswer> answers) {
}
