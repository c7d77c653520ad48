package io.github.camelfinsify.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Ids shown in consoles keep only their last four digits. */
class MaskingTest {

    @Test
    void anIdKeepsItsLastFourDigits() {
        assertThat(Masking.maskId(21_000_042L)).isEqualTo("****0042");
    }

    @Test
    void anIdOfFourDigitsOrFewerShowsNone() {
        assertThat(Masking.maskId(4321L)).isEqualTo("****");
    }
}
