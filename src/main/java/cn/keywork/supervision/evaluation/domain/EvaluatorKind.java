package cn.keywork.supervision.evaluation.domain;

/** Who evaluates (R15): 人大代表, 政协委员, 特邀督查员, 群众代表. */
public enum EvaluatorKind {
    NPC_DEPUTY, CPPCC_MEMBER, SPECIAL_SUPERVISOR, PUBLIC_REPRESENTATIVE
}
