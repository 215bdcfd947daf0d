package cn.keywork.supervision.inquiry.domain;

import java.util.UUID;

/** What a list of a round's inquiries is narrowed to; null fields do not narrow. */
public record InquiryFilter(UUID taskId, InquiryStatus status) {
}
