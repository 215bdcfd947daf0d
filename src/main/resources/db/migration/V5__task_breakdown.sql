-- The breakdown of key tasks into sub-items with monthly planned progress (R4).
CREATE TABLE task_sub_item (
    id                   uuid PRIMARY KEY,
    task_id              uuid          NOT NULL REFERENCES key_task (id) ON DELETE CASCADE,
    list_order           int           NOT NULL,
    content              varchar(1000) NOT NULL,
    responsible_unit_id  uuid          NOT NULL REFERENCES org_unit (id),
    responsible_person   varchar(50),
    deadline             date          NOT NULL,
    weight               numeric(9,3)  NOT NULL,
    version              bigint        NOT NULL,
    created_at           timestamptz   NOT NULL,
    updated_at           timestamptz   NOT NULL
);
CREATE INDEX task_sub_item_task ON task_sub_item (task_id, list_order);
CREATE INDEX task_sub_item_unit ON task_sub_item (responsible_unit_id);

-- One row per sub-item and month: planned cumulative progress at the month's end (序时进度).
CREATE TABLE task_sub_item_month (
    sub_item_id      uuid         NOT NULL REFERENCES task_sub_item (id) ON DELETE CASCADE,
    month            char(7)      NOT NULL,
    planned_percent  numeric(5,2) NOT NULL CHECK (planned_percent BETWEEN 0 AND 100),
    milestone        varchar(200),
    PRIMARY KEY (sub_item_id, month)
);
