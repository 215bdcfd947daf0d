package cn.keywork.supervision.progress.lights.domain;

import java.math.BigDecimal;

/** The lags, in points, at which a task turns yellow and red. */
public record Thresholds(BigDecimal yellowLag, BigDecimal redLag) {

    public Thresholds {
        if (yellowLag.signum() < 0 || redLag.compareTo(yellowLag) < 0) {
            throw new IllegalArgumentException("Thresholds need 0 <= yellow-lag <= red-lag: " + yellowLag + ", " + redLag);
        }
    }

    /** The light of a task not completed and not missing its report, from its lag and whether its deadline passed. */
    public Light light(BigDecimal lag, boolean deadlinePassed) {
        if (deadlinePassed || lag.compareTo(redLag) >= 0) {
            return Light.RED;
        }
        return lag.compareTo(yellowLag) >= 0 ? Light.YELLOW : Light.GREEN;
    }
}
