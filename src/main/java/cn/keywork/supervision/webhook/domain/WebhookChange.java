package cn.keywork.supervision.webhook.domain;

import java.util.List;

/** What a PATCH sends: each field null when left out. */
public record WebhookChange(String url, List<String> eventTypes, String description, Boolean active) {
}
