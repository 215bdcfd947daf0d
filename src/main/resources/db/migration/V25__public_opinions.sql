-- Public opinions 群众意见 (R15): anyone may leave an opinion on a task shown on the public ledger;
-- it is held for the office's moderation and shown publicly only once approved, with the office's
-- reply. The contact is personal data, never public. The client address is kept only as a keyed
-- hash (HMAC), enough to limit how many opinions one address leaves.
CREATE TABLE public_opinion (
    id            uuid PRIMARY KEY,
    task_id       uuid           NOT NULL REFERENCES key_task (id),
    text          varchar(1000)  NOT NULL,
    nickname      varchar(30),
    contact       varchar(100),
    client_key    char(64)       NOT NULL CHECK (client_key ~ '^[0-9a-f]{64}$'),
    status        varchar(16)    NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    reply         varchar(1000),
    reason        varchar(500),
    moderated_by  uuid REFERENCES app_user (id),
    moderated_at  timestamptz,
    version       bigint         NOT NULL,
    created_at    timestamptz    NOT NULL,
    updated_at    timestamptz    NOT NULL,
    CONSTRAINT public_opinion_moderated CHECK ((status = 'PENDING') = (moderated_at IS NULL))
);
CREATE INDEX public_opinion_task ON public_opinion (task_id, status, created_at);
CREATE INDEX public_opinion_status ON public_opinion (status, created_at);
CREATE INDEX public_opinion_client ON public_opinion (client_key, created_at);

-- An evaluator's own inquiries, across rounds.
CREATE INDEX evaluation_inquiry_evaluator ON evaluation_inquiry (evaluator_id, round_id);
