package cn.keywork.supervision.task.domain;

/** The kinds of key work (R1); names match the contract's TaskCategory. */
public enum TaskCategory {
    KEY_PROJECT, LIVELIHOOD, COUNTY_TOPIC, MEETING_DECISION, LEADER_INSTRUCTION, OTHER
}
