package cn.keywork.supervision.slip.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the slips under {@code supervision.slips} that are written in
 * {@code application.properties}: a property there under this prefix must be named here.
 */
@ConfigMapping(prefix = "supervision.slips")
public interface SlipSettings {

    /** The office that issues the slips: it heads and signs the printed slip. */
    @WithDefault("市重点工作督查室")
    String issuingOffice();
}
