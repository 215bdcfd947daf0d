-- Public evaluation (R14, R15): the secret ballots of a round's panels and the results computed from
-- them when scoring closes. A ballot is read back only by the evaluator who cast it; each is sealed
-- with a keyed hash of its content, and the round's results_digest is taken over all its seals.

CREATE TABLE evaluation_ballot (
    id            uuid           PRIMARY KEY,
    round_id      uuid           NOT NULL,
    task_id       uuid           NOT NULL,
    evaluator_id  uuid           NOT NULL,
    -- {criterionCode: score 0–100}, every criterion of the round
    scores        jsonb          NOT NULL CHECK (jsonb_typeof(scores) = 'object'),
    -- Σ(weight × score) / Σ weight over the round's criteria, as cast
    overall       numeric(7,4)   NOT NULL CHECK (overall BETWEEN 0 AND 100),
    satisfaction  varchar(24)    NOT NULL CHECK (satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    comment       varchar(500),
    seal          char(64)       NOT NULL CHECK (seal ~ '^[0-9a-f]{64}$'),
    cast_at       timestamptz    NOT NULL,
    updated_at    timestamptz    NOT NULL,
    version       bigint         NOT NULL,
    CONSTRAINT evaluation_ballot_one_per_member UNIQUE (round_id, task_id, evaluator_id),
    FOREIGN KEY (round_id, task_id, evaluator_id)
        REFERENCES evaluation_panel_member (round_id, task_id, evaluator_id)
);
CREATE INDEX evaluation_ballot_evaluator ON evaluation_ballot (evaluator_id, round_id);

-- A subject's result: score null when the subject is not rated (ballots below the quorum), never zero.
CREATE TABLE evaluation_result (
    round_id           uuid          NOT NULL,
    task_id            uuid          NOT NULL,
    score              numeric(5,2)  CHECK (score BETWEEN 0 AND 100),
    satisfaction_rate  numeric(5,4)  CHECK (satisfaction_rate BETWEEN 0 AND 1),
    rank               int           CHECK (rank >= 1),
    ballots            int           NOT NULL CHECK (ballots >= 0),
    panel              int           NOT NULL CHECK (panel >= 0),
    rated              boolean       NOT NULL,
    trimmed            boolean       NOT NULL,
    computed_at        timestamptz   NOT NULL,
    PRIMARY KEY (round_id, task_id),
    FOREIGN KEY (round_id, task_id) REFERENCES evaluation_subject (round_id, task_id) ON DELETE CASCADE,
    CONSTRAINT evaluation_result_rated CHECK (rated = (score IS NOT NULL) AND rated = (rank IS NOT NULL))
);
