package cn.keywork.supervision.notification.domain;

import java.util.UUID;

/**
 * A claimed delivery with what its channel needs: the notification's text and the recipient's
 * address on that channel (e-mail or mobile number; null when the account has none).
 *
 * @param attempts this attempt's number, from 1
 * @param resumed  whether the row was found SENDING with an expired lease (an earlier send may have gone out)
 */
public record Delivery(UUID id, UUID notificationId, String channel, int attempts, boolean resumed, String address,
        String title, String body, String link) {
}
