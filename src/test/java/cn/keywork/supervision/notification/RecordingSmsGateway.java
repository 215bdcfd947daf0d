package cn.keywork.supervision.notification;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.notification.channel.SmsGateway;
import io.smallrye.mutiny.Uni;

/** The SMS gateway of the tests: records what went out and fails on demand, per number. */
@ApplicationScoped
public class RecordingSmsGateway implements SmsGateway {

    public record Sent(String mobile, String text, String reference) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();

    @Override
    public Uni<Void> send(String mobile, String text, String reference) {
        Integer left = failuresLeft.computeIfPresent(mobile, (number, n) -> n - 1);
        if (left != null && left >= 0) {
            return Uni.createFrom().failure(new IllegalStateException("gateway unavailable"));
        }
        sent.add(new Sent(mobile, text, reference));
        return Uni.createFrom().voidItem();
    }

    /** The next {@code times} sends to {@code mobile} fail. */
    public void failNext(String mobile, int times) {
        failuresLeft.put(mobile, times);
    }

    public List<Sent> sentTo(String mobile) {
        return sent.stream().filter(s -> s.mobile().equals(mobile)).toList();
    }
}
