package org.openiop.attendance;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Settings of the attendance service (prefix {@code attendance}).
 *
 * @param recording  how attendance entries are checked
 * @param noShow     the automatic no-show
 * @param compliance the weekly compliance projection
 */
@Validated
@ConfigurationProperties("attendance")
public record AttendanceProperties(@Valid @DefaultValue Recording recording, @Valid @DefaultValue NoShow noShow,
        @Valid @DefaultValue Compliance compliance) {

    /**
     * @param tolerance how far before a session's start or after its end a check-in/out may lie; inside it the time
     *                  is clipped to the session, beyond it the entry is refused as a likely typing error
     * @param checkInLead how long before a session's start a client may be checked in (an early arrival); an
     *                    earlier check-in is refused
     * @param clockSkew   how far ahead of this service's clock a recorded time may lie and still count as "now" (the
     *                    front door's or a database's clock may run slightly ahead); see {@code RecordingWindow}
     * @param lateEntryWindow how long after a late-entered booking's session started staff may record its attendance
     *                        (a late entry, with a reason); beyond it only an administrator may
     */
    public record Recording(@NotNull @DefaultValue("2h") Duration tolerance,
            @NotNull @DefaultValue("30m") Duration checkInLead, @NotNull @DefaultValue("1m") Duration clockSkew,
            @NotNull @DefaultValue("14d") Duration lateEntryWindow) {
    }

    /**
     * @param enabled      whether this instance looks for due no-shows (safe on several instances at once)
     * @param defaultGrace grace after a session's end before a no-show, until the program's own setting arrives
     * @param sweepEvery   how often to look for due no-shows
     * @param batchSize    bookings marked per transaction
     */
    public record NoShow(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("60m") Duration defaultGrace,
            @NotNull @DefaultValue("30s") Duration sweepEvery, @Min(1) @Max(10_000) @DefaultValue("200") int batchSize) {
    }

    /**
     * @param closeGrace     time after a week's end for late attendance entry before a short week is a breach
     * @param closeCheckEvery how often to look for weeks whose grace has passed
     * @param trendWeeks     weeks of history shown beside each client on the program week view
     */
    public record Compliance(@NotNull @DefaultValue("48h") Duration closeGrace,
            @NotNull @DefaultValue("1m") Duration closeCheckEvery, @Min(1) @Max(52) @DefaultValue("8") int trendWeeks) {
    }
}
