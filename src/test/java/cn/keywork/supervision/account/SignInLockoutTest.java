package cn.keywork.supervision.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.account.domain.SignInLockout;
import cn.keywork.supervision.account.domain.SignInLockout.Counter;
import cn.keywork.supervision.account.domain.SignInLockout.Rule;

/** Guessing from one address locks that address, not the owner elsewhere; many addresses together lock briefly. */
class SignInLockoutTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    private static final SignInLockout LOCKOUT = new SignInLockout(new Rule(5, Duration.ofMinutes(15)),
            new Rule(20, Duration.ofMinutes(2)));

    /** The counters the database keeps, for one account. */
    private final Map<String, Counter> byAddress = new HashMap<>();
    private Counter ofAccount = Counter.NONE;

    private void fail(String address, Instant at) {
        byAddress.put(address, LOCKOUT.perAddress().afterFailure(byAddress.getOrDefault(address, Counter.NONE), at));
        ofAccount = LOCKOUT.perAccount().afterFailure(ofAccount, at);
    }

    private boolean refused(String address, Instant at) {
        return LOCKOUT.refuses(byAddress.getOrDefault(address, Counter.NONE), ofAccount, at);
    }

    @Test
    void five_failures_from_one_address_lock_that_address_but_not_the_owner_at_another() {
        for (int i = 0; i < 4; i++) {
            fail("10.0.0.66", T0.plusSeconds(i));
        }
        assertThat(refused("10.0.0.66", T0.plusSeconds(5))).as("four failures do not lock").isFalse();
        fail("10.0.0.66", T0.plusSeconds(5));
        assertThat(refused("10.0.0.66", T0.plusSeconds(6))).as("the fifth locks the guessing address").isTrue();
        assertThat(refused("10.0.0.10", T0.plusSeconds(6))).as("the owner's address is not locked").isFalse();
        assertThat(refused("10.0.0.66", T0.plus(Duration.ofMinutes(15)).plusSeconds(6))).as("for 15 minutes").isFalse();
    }

    @Test
    void twenty_failures_from_many_addresses_lock_every_address_for_a_short_while() {
        for (int i = 0; i < 19; i++) {
            fail("10.0.1." + (i / 4), T0.plusSeconds(i));
        }
        assertThat(refused("10.0.0.10", T0.plusSeconds(20))).isFalse();
        fail("10.0.1.99", T0.plusSeconds(20));
        assertThat(refused("10.0.0.10", T0.plusSeconds(21))).as("the twentieth locks the account everywhere").isTrue();
        assertThat(refused("10.0.0.10", T0.plusSeconds(20).plus(Duration.ofMinutes(2)))).as("briefly").isFalse();
    }

    @Test
    void failures_spread_out_beyond_the_lockout_period_do_not_add_up() {
        for (int i = 0; i < 10; i++) {
            fail("10.0.0.10", T0.plus(Duration.ofMinutes(16L * i)));
        }
        assertThat(refused("10.0.0.10", T0.plus(Duration.ofMinutes(16L * 9)).plusSeconds(1))).isFalse();
    }
}
