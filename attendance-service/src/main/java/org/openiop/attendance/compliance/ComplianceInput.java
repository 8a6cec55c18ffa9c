package org.openiop.attendance.compliance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.openiop.attendance.compliance.ComplianceRules.Outcome;
import org.openiop.attendance.compliance.ComplianceRules.Program;
import org.openiop.attendance.compliance.ComplianceRepository.SessionRow;

/**
 * What the compliance projection learns from its four input topics, in its own terms: {@link ComplianceInputs}
 * turns each Avro record into one of these once, at the edge (validated there), and the projection works on these
 * only. Every input carries its event id, which the inbox records.
 */
sealed interface ComplianceInput {

    String eventId();

    /** The booking a session or attendance input concerns (null for the others). */
    default SessionRow session() {
        return null;
    }

    /** Hands this input to the handler method for its kind (each kind names its own: no type tests needed). */
    void to(Handler handler);

    /** What the projection does with each kind of input. */
    interface Handler {

        void program(ProgramSettings settings);

        void enrolment(EnrolmentSaved enrolment);

        void discharge(Discharge discharge);

        void booking(BookingTimes booking);

        void outcome(BookingOutcome outcome);
    }

    /** A program's compliance settings (zone and week-start day file sessions into weeks). */
    record ProgramSettings(String eventId, String programId, ZoneId zone, DayOfWeek weekStart,
            int adultMinimumMinutes, int adolescentMinimumMinutes, int dailyThresholdMinutes,
            int stepDownAllowanceWeeks) implements ComplianceInput {

        @Override
        public void to(Handler handler) {
            handler.program(this);
        }

        Program program(Duration closeGrace) {
            return new Program(zone, weekStart, adultMinimumMinutes, adolescentMinimumMinutes, dailyThresholdMinutes,
                    stepDownAllowanceWeeks, closeGrace);
        }
    }

    /** An enrolment as enrolled or updated, with the phase it is in from {@code phaseFrom} on. */
    record EnrolmentSaved(String eventId, String clientId, String programId, Track track, LocalDate admissionDate,
            LocalDate plannedDischargeDate, String status, Instant phaseFrom, boolean stepDown)
            implements ComplianceInput {

        @Override
        public void to(Handler handler) {
            handler.enrolment(this);
        }
    }

    /** A discharge (kept even before the enrolment itself arrives). */
    record Discharge(String eventId, String clientId, String programId, LocalDate dischargeDate)
            implements ComplianceInput {

        @Override
        public void to(Handler handler) {
            handler.discharge(this);
        }
    }

    /** A booking scheduled, moved or cancelled: its times and cancellation (any attendance it has is kept). */
    record BookingTimes(String eventId, SessionRow session) implements ComplianceInput {

        @Override
        public void to(Handler handler) {
            handler.booking(this);
        }
    }

    /** An attendance record (attended or missed) of one revision; the projection keeps the highest revision. */
    record BookingOutcome(String eventId, SessionRow session, Outcome outcome, int revision, Instant checkedInAt,
            Instant checkedOutAt, int minutes, MissedReason missedReason, boolean automatic, Instant recordedAt)
            implements ComplianceInput {

        @Override
        public void to(Handler handler) {
            handler.outcome(this);
        }
    }

    /** An event on the input topics compliance has no use for: recorded as applied, nothing else. */
    record Unused(String eventId) implements ComplianceInput {

        @Override
        public void to(Handler handler) {
            // nothing to apply
        }
    }
}
