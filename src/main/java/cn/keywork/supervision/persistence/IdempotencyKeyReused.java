package cn.keywork.supervision.persistence;

import cn.keywork.supervision.domain.DomainException;
import cn.keywork.supervision.domain.DomainMessage;

/** The same Idempotency-Key came back with a different request. */
public final class IdempotencyKeyReused extends DomainException {

    IdempotencyKeyReused() {
        super(DomainMessage.IDEMPOTENCY_KEY_REUSED);
    }
}
