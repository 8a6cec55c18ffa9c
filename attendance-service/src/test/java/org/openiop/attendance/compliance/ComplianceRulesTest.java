package org.openiop.attendance.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.compliance.ComplianceRules.Enrolment;
import org.openiop.attendance.compliance.ComplianceRules.Program;
import org.openiop.attendance.compliance.ComplianceRules.SessionFact;
import org.openiop.attendance.compliance.ComplianceRules.WeekEvaluation;

class ComplianceRulesTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Program PROGRAM = Program.defaults(NEW_YORK, Duration.ofHours(48));
    /** Monday 2025-03-03: an ordinary week without a clock change. */
    static final LocalDate WEEK = LocalDate.of(2025, 3, 3);
    static final Instant DURING_WEEK = local(WEEK.plusDays(2), 20, 0);
    static final Instant LONG_AFTER = local(WEEK.plusWeeks(3), 12, 0);
    static final Enrolment ADULT = new Enrolment(Track.ADULT, WEEK.minusWeeks(4), null, false);
    static final Enrolment ADOLESCENT = new Enrolment(Track.ADOLESCENT, WEEK.minusWeeks(4), null, false);

    static Instant local(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(NEW_YORK).toInstant();
    }

    /** A 3-hour morning block, 09:00-12:00 local, on the given day of WEEK (0 = Monday). */
    static SessionFact block(String id, int day) {
        return SessionFact.scheduled(id, local(WEEK.plusDays(day), 9, 0), local(WEEK.plusDays(day), 12, 0));
    }

    static SessionFact fullyAttended(String id, int day) {
        SessionFact s = block(id, day);
        return s.attended(1, s.startsAt(), s.endsAt());
    }

    @Nested
    class AttendedMinutes {

        @Test
        void partialAttendanceCountsOnlyTheMinutesPresent() {
            SessionFact s = block("b", 0);
            assertThat(ComplianceRules.attendedMinutes(s.startsAt(), s.endsAt(), s.startsAt(),
                    s.endsAt().minus(Duration.ofMinutes(45)))).isEqualTo(135);
        }

        @Test
        void lateArrivalCountsFromCheckIn() {
            SessionFact s = block("b", 0);
            assertThat(ComplianceRules.attendedMinutes(s.startsAt(), s.endsAt(),
                    s.startsAt().plus(Duration.ofMinutes(20)), s.endsAt())).isEqualTo(160);
        }

        @Test
        void timeOutsideTheSessionIsClippedAway() {
            SessionFact s = block("b", 0);
            assertThat(ComplianceRules.attendedMinutes(s.startsAt(), s.endsAt(),
                    s.startsAt().minus(Duration.ofMinutes(30)), s.endsAt().plus(Duration.ofMinutes(30))))
                    .isEqualTo(180);
        }

        @Test
        void checkInAndOutEntirelyOutsideTheSessionCountZero() {
            SessionFact s = block("b", 0);
            assertThat(ComplianceRules.attendedMinutes(s.startsAt(), s.endsAt(), s.endsAt(),
                    s.endsAt().plus(Duration.ofHours(1)))).isZero();
        }

        @Test
        void startedMinutesAreNotCountedAsWholeMinutes() {
            SessionFact s = block("b", 0);
            assertThat(ComplianceRules.attendedMinutes(s.startsAt(), s.endsAt(), s.startsAt().plusSeconds(59),
                    s.startsAt().plusSeconds(60 * 10))).isEqualTo(9);
        }

        @Test
        void aBlockAcrossTheAutumnClockChangeCountsItsRealMinutes() {
            // 01:00 EDT to 04:00 EST on 2 November 2025: the wall clock says 3 hours, 4 really elapsed.
            Instant start = ZonedDateTime.of(2025, 11, 2, 1, 0, 0, 0, NEW_YORK).withEarlierOffsetAtOverlap()
                    .toInstant();
            Instant end = ZonedDateTime.of(2025, 11, 2, 4, 0, 0, 0, NEW_YORK).toInstant();
            assertThat(ComplianceRules.sessionMinutes(start, end)).isEqualTo(240);
            assertThat(ComplianceRules.attendedMinutes(start, end, start, end)).isEqualTo(240);
        }

        @Test
        void aBlockAcrossTheSpringClockChangeCountsItsRealMinutes() {
            // 01:00 EST to 04:00 EDT on 8 March 2026: the clock skips 02:00-03:00, 2 hours really elapse.
            Instant start = ZonedDateTime.of(2026, 3, 8, 1, 0, 0, 0, NEW_YORK).toInstant();
            Instant end = ZonedDateTime.of(2026, 3, 8, 4, 0, 0, 0, NEW_YORK).toInstant();
            SessionFact s = SessionFact.scheduled("dst", start, end).attended(1, start, end);
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADULT,
                    ComplianceRules.weekOf(start, NEW_YORK, DayOfWeek.MONDAY), List.of(s), 0, start);
            assertThat(week.attendedMinutes()).isEqualTo(120);
        }
    }

    @Nested
    class Weeks {

        @Test
        void aSundayMorningBelongsToTheWeekThatBeganOnMonday() {
            assertThat(ComplianceRules.weekOf(local(WEEK.plusDays(6), 9, 0), NEW_YORK, DayOfWeek.MONDAY))
                    .isEqualTo(WEEK);
        }

        @Test
        void mondayMidnightLocalStartsTheNextWeekEvenWhereUtcIsStillSunday() {
            Instant mondayMidnight = local(WEEK.plusWeeks(1), 0, 0);
            assertThat(ComplianceRules.weekOf(mondayMidnight, NEW_YORK, DayOfWeek.MONDAY)).isEqualTo(WEEK.plusWeeks(1));
            assertThat(ComplianceRules.weekOf(mondayMidnight.minusSeconds(1), NEW_YORK, DayOfWeek.MONDAY))
                    .isEqualTo(WEEK);
        }

        @Test
        void aProgramWhoseWeekStartsOnSundayGroupsDaysFromSunday() {
            assertThat(ComplianceRules.weekOf(LocalDate.of(2025, 3, 8), DayOfWeek.SUNDAY))
                    .isEqualTo(LocalDate.of(2025, 3, 2));
            assertThat(ComplianceRules.weekOf(LocalDate.of(2025, 3, 9), DayOfWeek.SUNDAY))
                    .isEqualTo(LocalDate.of(2025, 3, 9));
        }

        @Test
        void weeksContainingAClockChangeAreAnHourShorterOrLonger() {
            LocalDate springWeek = LocalDate.of(2026, 3, 2);
            LocalDate autumnWeek = LocalDate.of(2025, 10, 27);
            assertThat(Duration.between(ComplianceRules.weekBegins(springWeek, NEW_YORK),
                    ComplianceRules.weekEnds(springWeek, NEW_YORK))).isEqualTo(Duration.ofHours(167));
            assertThat(Duration.between(ComplianceRules.weekBegins(autumnWeek, NEW_YORK),
                    ComplianceRules.weekEnds(autumnWeek, NEW_YORK))).isEqualTo(Duration.ofHours(169));
        }

        @Test
        void aWeekClosesAfterTheGracePeriod() {
            assertThat(ComplianceRules.weekCloses(WEEK, PROGRAM)).isEqualTo(local(WEEK.plusDays(9), 0, 0));
        }
    }

    @Nested
    class Status {

        @Test
        void anAdolescentAtExactly360MinutesHasMetTheMinimum() {
            List<SessionFact> sessions = List.of(fullyAttended("a", 0), fullyAttended("b", 2));
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADOLESCENT, WEEK, sessions, 0, DURING_WEEK);
            assertThat(week.attendedMinutes()).isEqualTo(360);
            assertThat(week.minimumMinutes()).isEqualTo(360);
            assertThat(week.status()).isEqualTo(ComplianceStatus.MET);
        }

        @Test
        void anAdultAt539MinutesHasNotMetTheMinimum() {
            SessionFact third = block("c", 4);
            List<SessionFact> sessions = List.of(fullyAttended("a", 0), fullyAttended("b", 2),
                    third.attended(1, third.startsAt().plus(Duration.ofMinutes(1)), third.endsAt()));
            WeekEvaluation open = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, DURING_WEEK);
            WeekEvaluation closed = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, LONG_AFTER);
            assertThat(open.attendedMinutes()).isEqualTo(539);
            assertThat(open.status()).isEqualTo(ComplianceStatus.AT_RISK);
            assertThat(closed.status()).isEqualTo(ComplianceStatus.BELOW_MINIMUM);
        }

        @Test
        void anAdultAt540MinutesHasMetTheMinimum() {
            List<SessionFact> sessions = List.of(fullyAttended("a", 0), fullyAttended("b", 2), fullyAttended("c", 4));
            assertThat(ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, LONG_AFTER).status())
                    .isEqualTo(ComplianceStatus.MET);
        }

        @Test
        void aClientWhoseScheduledSessionsStillReachTheMinimumIsOnTrack() {
            List<SessionFact> sessions = List.of(fullyAttended("a", 0), block("b", 2), block("c", 4));
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, DURING_WEEK);
            assertThat(week.scheduledRemainingMinutes()).isEqualTo(360);
            assertThat(week.status()).isEqualTo(ComplianceStatus.ON_TRACK);
        }

        @Test
        void aCancellationThatMakesTheMinimumUnreachableTurnsOnTrackIntoAtRisk() {
            List<SessionFact> before = List.of(fullyAttended("a", 0), block("b", 2), block("c", 4));
            List<SessionFact> after = List.of(fullyAttended("a", 0), block("b", 2), block("c", 4).cancel());
            assertThat(ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, before, 0, DURING_WEEK).status())
                    .isEqualTo(ComplianceStatus.ON_TRACK);
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, after, 0, DURING_WEEK);
            assertThat(week.scheduledRemainingMinutes()).isEqualTo(180);
            assertThat(week.status()).isEqualTo(ComplianceStatus.AT_RISK);
        }

        @Test
        void anAbsenceCountsZeroWhateverItsReason() {
            List<SessionFact> sessions = List.of(fullyAttended("a", 0), block("b", 2).missed(1, MissedReason.EXCUSED,
                    false), block("c", 4).missed(1, MissedReason.NO_SHOW, true));
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, DURING_WEEK);
            assertThat(week.attendedMinutes()).isEqualTo(180);
            assertThat(week.scheduledRemainingMinutes()).isZero();
            assertThat(week.status()).isEqualTo(ComplianceStatus.AT_RISK);
            assertThat(week.sessions()).extracting(c -> c.why()).containsExactly("attended 180 of 180 min",
                    "absent, excused: counts 0 min", "no-show recorded automatically: counts 0 min");
        }

        @Test
        void admissionOnAThursdayMakesAPartialWeekNotABreach() {
            Enrolment thursday = new Enrolment(Track.ADULT, WEEK.plusDays(3), null, false);
            List<SessionFact> sessions = List.of(fullyAttended("a", 3));
            assertThat(ComplianceRules.evaluate(PROGRAM, thursday, WEEK, sessions, 0, DURING_WEEK).status())
                    .isEqualTo(ComplianceStatus.PARTIAL_WEEK);
            WeekEvaluation closed = ComplianceRules.evaluate(PROGRAM, thursday, WEEK, sessions, 0, LONG_AFTER);
            assertThat(closed.status()).isEqualTo(ComplianceStatus.PARTIAL_WEEK);
            assertThat(closed.partial()).isTrue();
        }

        @Test
        void admissionOnTheFirstDayOfTheWeekIsAFullWeek() {
            Enrolment monday = new Enrolment(Track.ADULT, WEEK, null, false);
            assertThat(ComplianceRules.evaluate(PROGRAM, monday, WEEK, List.of(block("a", 1)), 0, DURING_WEEK)
                    .status()).isEqualTo(ComplianceStatus.AT_RISK);
        }

        @Test
        void dischargeOnAWednesdayMakesAPartialWeek() {
            Enrolment discharged = new Enrolment(Track.ADULT, WEEK.minusWeeks(8), WEEK.plusDays(2), false);
            assertThat(ComplianceRules.evaluate(PROGRAM, discharged, WEEK, List.of(fullyAttended("a", 0)), 0,
                    LONG_AFTER).status()).isEqualTo(ComplianceStatus.PARTIAL_WEEK);
        }

        @Test
        void aWeekBeforeAdmissionIsNotApplicable() {
            Enrolment later = new Enrolment(Track.ADULT, WEEK.plusWeeks(1), null, false);
            assertThat(ComplianceRules.evaluate(PROGRAM, later, WEEK, List.of(block("a", 1)), 0, DURING_WEEK)
                    .status()).isEqualTo(ComplianceStatus.NOT_APPLICABLE);
        }

        @Test
        void sessionsThatArriveBeforeTheEnrolmentAreTotalledAndTheStatusWaits() {
            List<SessionFact> sessions = List.of(fullyAttended("a", 0), block("b", 2));
            WeekEvaluation unknown = ComplianceRules.evaluate(PROGRAM, null, WEEK, sessions, 0, DURING_WEEK);
            assertThat(unknown.attendedMinutes()).isEqualTo(180);
            assertThat(unknown.scheduledRemainingMinutes()).isEqualTo(180);
            assertThat(unknown.minimumMinutes()).isNull();
            assertThat(unknown.status()).isEqualTo(ComplianceStatus.NOT_APPLICABLE);
            WeekEvaluation known = ComplianceRules.evaluate(PROGRAM, ADOLESCENT, WEEK, sessions, 0, DURING_WEEK);
            assertThat(known.status()).isEqualTo(ComplianceStatus.ON_TRACK);
        }

        @Test
        void theProgramsOwnMinimumReplacesTheDefault() {
            Program strict = new Program(NEW_YORK, DayOfWeek.MONDAY, 600, 400, 180, 2, Duration.ofHours(48));
            List<SessionFact> sessions = List.of(fullyAttended("a", 0), fullyAttended("b", 2), fullyAttended("c", 4));
            WeekEvaluation week = ComplianceRules.evaluate(strict, ADULT, WEEK, sessions, 0, DURING_WEEK);
            assertThat(week.minimumMinutes()).isEqualTo(600);
            assertThat(week.status()).isEqualTo(ComplianceStatus.AT_RISK);
        }
    }

    @Nested
    class Corrections {

        @Test
        void aCorrectionAfterTheWeekClosedReEvaluatesTheClosedWeek() {
            List<SessionFact> sessions = new ArrayList<>(List.of(fullyAttended("a", 0), fullyAttended("b", 2),
                    block("c", 4).missed(1, MissedReason.UNEXCUSED, false)));
            WeekEvaluation closedShort = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, LONG_AFTER);
            assertThat(closedShort.closed()).isTrue();
            assertThat(closedShort.status()).isEqualTo(ComplianceStatus.BELOW_MINIMUM);

            SessionFact c = block("c", 4);
            sessions.set(2, c.attended(2, c.startsAt(), c.endsAt()));
            WeekEvaluation corrected = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, LONG_AFTER);
            assertThat(corrected.status()).isEqualTo(ComplianceStatus.MET);
            assertThat(corrected.sessions().get(2).why()).isEqualTo("attended 180 of 180 min, revision 2");
        }

        @Test
        void anAutomaticNoShowCorrectedToAttendedCountsTheAttendedMinutes() {
            SessionFact noShow = block("a", 0).missed(1, MissedReason.NO_SHOW, true);
            assertThat(ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, List.of(noShow), 0, DURING_WEEK)
                    .attendedMinutes()).isZero();
            SessionFact corrected = block("a", 0).attended(2, noShow.startsAt().plus(Duration.ofMinutes(15)),
                    noShow.endsAt());
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, List.of(corrected), 0, DURING_WEEK);
            assertThat(week.attendedMinutes()).isEqualTo(165);
            assertThat(week.sessions().get(0).why()).isEqualTo("attended 165 of 180 min (arrived 15 min late), revision 2");
        }

        @Test
        void onlyAHigherRevisionReplacesARecord() {
            assertThat(ComplianceRules.supersedes(2, 1)).isTrue();
            assertThat(ComplianceRules.supersedes(1, 0)).isTrue();
            // The same event delivered twice, or an older revision arriving late, changes nothing.
            assertThat(ComplianceRules.supersedes(2, 2)).isFalse();
            assertThat(ComplianceRules.supersedes(1, 2)).isFalse();
        }
    }

    @Nested
    class StepDown {

        final Enrolment steppingDown = new Enrolment(Track.ADULT, WEEK.minusWeeks(8), null, true);
        final List<SessionFact> short360 = List.of(fullyAttended("a", 0), fullyAttended("b", 2));

        @Test
        void aShortClosedWeekDuringAPlannedStepDownIsStepDown() {
            assertThat(ComplianceRules.evaluate(PROGRAM, steppingDown, WEEK, short360, 1, LONG_AFTER).status())
                    .isEqualTo(ComplianceStatus.STEP_DOWN);
        }

        @Test
        void beyondTheAllowanceAShortWeekIsBelowMinimum() {
            assertThat(ComplianceRules.evaluate(PROGRAM, steppingDown, WEEK, short360, 2, LONG_AFTER).status())
                    .isEqualTo(ComplianceStatus.BELOW_MINIMUM);
        }

        @Test
        void anOpenStepDownWeekIsStillJudgedOnWhatIsScheduled() {
            assertThat(ComplianceRules.evaluate(PROGRAM, steppingDown, WEEK, short360, 0, DURING_WEEK).status())
                    .isEqualTo(ComplianceStatus.AT_RISK);
        }

        @Test
        void priorStepDownWeeksAreCountedOnlyWhileConsecutive() {
            Map<LocalDate, ComplianceStatus> earlier = Map.of(WEEK.minusWeeks(1), ComplianceStatus.STEP_DOWN,
                    WEEK.minusWeeks(2), ComplianceStatus.STEP_DOWN, WEEK.minusWeeks(3), ComplianceStatus.MET,
                    WEEK.minusWeeks(4), ComplianceStatus.STEP_DOWN);
            assertThat(ComplianceRules.priorStepDownWeeks(WEEK, earlier)).isEqualTo(2);
            assertThat(ComplianceRules.priorStepDownWeeks(WEEK.minusWeeks(2), earlier)).isZero();
        }
    }

    @Nested
    class DailyEvidence {

        @Test
        void daysReachingTheDailyThresholdQualify() {
            SessionFact shortDay = block("c", 4);
            List<SessionFact> sessions = List.of(fullyAttended("a", 0), fullyAttended("b", 2),
                    shortDay.attended(1, shortDay.startsAt(), shortDay.endsAt().minus(Duration.ofMinutes(30))));
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, DURING_WEEK);
            assertThat(week.days()).extracting(d -> d.date().getDayOfWeek() + "=" + d.attendedMinutes() + ":"
                    + d.qualifies()).containsExactly("MONDAY=180:true", "WEDNESDAY=180:true", "FRIDAY=150:false");
            assertThat(week.qualifyingDays()).isEqualTo(2);
            assertThat(week.meetsDailyRule()).isFalse();
        }

        @Test
        void twoSessionsOnOneDayAddUp() {
            SessionFact afternoon = SessionFact.scheduled("pm", local(WEEK, 13, 0), local(WEEK, 14, 30));
            List<SessionFact> sessions = List.of(fullyAttended("a", 0),
                    afternoon.attended(1, afternoon.startsAt(), afternoon.endsAt()));
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, DURING_WEEK);
            assertThat(week.days()).singleElement().satisfies(d -> {
                assertThat(d.attendedMinutes()).isEqualTo(270);
                assertThat(d.sessionsAttended()).isEqualTo(2);
            });
        }
    }

    /** The thresholds payers and auditors check (issue #10), each at its edge. */
    @Nested
    class PayerEvidence {

        /** A session on {@code day} of WEEK (0 = Monday) from 09:00 attended for {@code minutes}. */
        SessionFact attendedFor(String id, int day, int minutes) {
            SessionFact s = SessionFact.scheduled(id, local(WEEK.plusDays(day), 9, 0),
                    local(WEEK.plusDays(day), 13, 0));
            return s.attended(1, s.startsAt(), s.startsAt().plus(Duration.ofMinutes(minutes)));
        }

        /** {@code count} one-hour sessions back to back from 08:00 on {@code day} of WEEK, all attended. */
        List<SessionFact> services(int day, int count) {
            List<SessionFact> sessions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                SessionFact s = SessionFact.scheduled("s" + day + "-" + i, local(WEEK.plusDays(day), 8 + i, 0),
                        local(WEEK.plusDays(day), 9 + i, 0));
                sessions.add(s.attended(1, s.startsAt(), s.endsAt()));
            }
            return sessions;
        }

        @Test
        void aDayAt179MinutesDoesNotQualifyAndAt180ItDoes() {
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK,
                    List.of(attendedFor("mon", 0, 179), attendedFor("tue", 1, 180)), 0, DURING_WEEK);
            assertThat(week.days()).extracting(d -> d.attendedMinutes() + ":" + d.qualifies())
                    .containsExactly("179:false", "180:true");
            assertThat(week.qualifyingDays()).isEqualTo(1);
        }

        @Test
        void theProgramsOwnDailyThresholdDecides() {
            Program twoHours = new Program(NEW_YORK, DayOfWeek.MONDAY, 540, 360, 120, 2, Duration.ofHours(48));
            WeekEvaluation week = ComplianceRules.evaluate(twoHours, ADULT, WEEK,
                    List.of(attendedFor("mon", 0, 119), attendedFor("tue", 1, 120)), 0, DURING_WEEK);
            assertThat(week.days()).extracting(ComplianceRules.DayEvidence::qualifies).containsExactly(false, true);
        }

        @Test
        void aWeekWithThreeQualifyingDaysMeetsTheDailyRuleAndWithTwoItDoesNot() {
            WeekEvaluation three = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, List.of(attendedFor("a", 0, 180),
                    attendedFor("b", 2, 180), attendedFor("c", 4, 180)), 0, DURING_WEEK);
            assertThat(three.qualifyingDays()).isEqualTo(3);
            assertThat(three.meetsDailyRule()).isTrue();

            WeekEvaluation two = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, List.of(attendedFor("a", 0, 180),
                    attendedFor("b", 2, 180), attendedFor("c", 4, 179)), 0, DURING_WEEK);
            assertThat(two.qualifyingDays()).isEqualTo(2);
            assertThat(two.meetsDailyRule()).isFalse();
        }

        @Test
        void aThreeServicesDayAndAFourServicesDayAreDifferentPerDiemTiers() {
            List<SessionFact> sessions = new ArrayList<>(services(0, 3));
            sessions.addAll(services(1, 4));
            sessions.addAll(services(2, 2));
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, DURING_WEEK);
            assertThat(week.days()).extracting(d -> d.sessionsAttended() + ":" + d.perDiemTier()).containsExactly(
                    "3:THREE_SERVICES", "4:FOUR_OR_MORE_SERVICES", "2:BELOW_3_SERVICES");
            assertThat(week.daysAt(ComplianceRules.PerDiemTier.THREE_SERVICES)).isEqualTo(1);
            assertThat(week.daysAt(ComplianceRules.PerDiemTier.FOUR_OR_MORE_SERVICES)).isEqualTo(1);
        }

        @Test
        void aMissedSessionIsNotAServiceOfTheDay() {
            List<SessionFact> sessions = new ArrayList<>(services(0, 3));
            SessionFact missed = SessionFact.scheduled("m", local(WEEK, 12, 0), local(WEEK, 13, 0))
                    .missed(1, MissedReason.EXCUSED, false);
            sessions.add(missed);
            WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, sessions, 0, DURING_WEEK);
            assertThat(week.days()).singleElement()
                    .satisfies(d -> assertThat(d.perDiemTier()).isEqualTo(ComplianceRules.PerDiemTier.THREE_SERVICES));
        }

        @Test
        void twoShortStepDownWeeksAreStepDownAndTheThirdIsBelowMinimumWithTheReason() {
            Enrolment steppingDown = new Enrolment(Track.ADULT, WEEK.minusWeeks(8), null, true);
            Map<LocalDate, ComplianceStatus> statuses = new java.util.HashMap<>();
            List<String> shown = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                LocalDate weekStart = WEEK.plusWeeks(w);
                SessionFact s = SessionFact.scheduled("w" + w, local(weekStart, 9, 0), local(weekStart, 15, 0));
                int prior = ComplianceRules.priorStepDownWeeks(weekStart, statuses);
                WeekEvaluation week = ComplianceRules.evaluate(PROGRAM, steppingDown, weekStart,
                        List.of(s.attended(1, s.startsAt(), s.endsAt())), prior, LONG_AFTER.plus(Duration.ofDays(30)));
                statuses.put(weekStart, week.status());
                shown.add(ComplianceRules.statusRule(week, PROGRAM, prior));
            }
            assertThat(statuses).containsEntry(WEEK, ComplianceStatus.STEP_DOWN)
                    .containsEntry(WEEK.plusWeeks(1), ComplianceStatus.STEP_DOWN)
                    .containsEntry(WEEK.plusWeeks(2), ComplianceStatus.BELOW_MINIMUM);
            assertThat(shown).containsExactly(
                    "STEP_DOWN: closed at 360 < minimum 540 min during a planned step-down, short week 1 of at most 2"
                            + " allowed (ASAM)",
                    "STEP_DOWN: closed at 360 < minimum 540 min during a planned step-down, short week 2 of at most 2"
                            + " allowed (ASAM)",
                    "BELOW_MINIMUM: closed at 360 < minimum 540 min; step-down allowance of 2 consecutive weeks"
                            + " already used");
        }

        @Test
        void everyStatusNamesTheRuleItCameFrom() {
            WeekEvaluation met = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, List.of(attendedFor("a", 0, 240),
                    attendedFor("b", 1, 240), attendedFor("c", 2, 60)), 0, LONG_AFTER);
            assertThat(ComplianceRules.statusRule(met, PROGRAM, 0)).isEqualTo("MET: attended 540 >= minimum 540 min");
            WeekEvaluation atRisk = ComplianceRules.evaluate(PROGRAM, ADULT, WEEK, List.of(block("a", 4)), 0,
                    DURING_WEEK);
            assertThat(ComplianceRules.statusRule(atRisk, PROGRAM, 0))
                    .isEqualTo("AT_RISK: week open, attended 0 + still scheduled 180 < minimum 540 min");
        }
    }

    /** "This week" is the week containing now, for every week-start day and zone; an ended week is never at risk. */
    @Nested
    class EveryWeekStartAndZone {

        static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
        /** Sunday 2026-11-29 15:00 UTC: Sunday 10:00 in New York, already Monday 04:00 in Auckland. */
        static final Instant NOW = Instant.parse("2026-11-29T15:00:00Z");

        @Test
        void thisWeekContainsNowForSundayAndMondayStartsInNewYorkAndAuckland() {
            assertThat(ComplianceRules.weekOf(NOW, NEW_YORK, DayOfWeek.SUNDAY)).isEqualTo(LocalDate.of(2026, 11, 29));
            assertThat(ComplianceRules.weekOf(NOW, NEW_YORK, DayOfWeek.MONDAY)).isEqualTo(LocalDate.of(2026, 11, 23));
            assertThat(ComplianceRules.weekOf(NOW, AUCKLAND, DayOfWeek.SUNDAY)).isEqualTo(LocalDate.of(2026, 11, 29));
            assertThat(ComplianceRules.weekOf(NOW, AUCKLAND, DayOfWeek.MONDAY)).isEqualTo(LocalDate.of(2026, 11, 30));
            for (ZoneId zone : List.of(NEW_YORK, AUCKLAND)) {
                for (DayOfWeek start : List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY)) {
                    LocalDate week = ComplianceRules.weekOf(NOW, zone, start);
                    assertThat(ComplianceRules.weekBegins(week, zone)).as(zone + " " + start).isBeforeOrEqualTo(NOW);
                    assertThat(ComplianceRules.weekEnds(week, zone)).as(zone + " " + start).isAfter(NOW);
                    Program program = new Program(zone, start, 540, 360, 180, 2, Duration.ofHours(48));
                    assertThat(ComplianceRules.phase(week, program, NOW)).isEqualTo(ComplianceRules.WeekPhase.OPEN);
                }
            }
        }

        @Test
        void anEndedWeekIsAwaitingLateRecordingUntilItClosesThenFinal() {
            Program sundays = new Program(NEW_YORK, DayOfWeek.SUNDAY, 540, 360, 180, 2, Duration.ofHours(48));
            LocalDate lastWeek = LocalDate.of(2026, 11, 22);
            Instant closes = Instant.parse("2026-12-01T05:00:00Z"); // Sunday 29th 00:00 EST + 48 h
            ComplianceRules.Standing ended = ComplianceRules.standing(ComplianceStatus.AT_RISK, 360, 0, 540,
                    lastWeek, sundays, NOW);
            assertThat(ended.status()).isEqualTo("AWAITING_LATE_RECORDING");
            assertThat(ended.phase()).isEqualTo(ComplianceRules.WeekPhase.ENDED);
            assertThat(ended.closesAt()).isEqualTo(closes);
            assertThat(ended.label()).contains("attended 360 of 540 min").contains(closes.toString());
            assertThat(ComplianceRules.standing(ComplianceStatus.ON_TRACK, 360, 180, 540, lastWeek, sundays, NOW)
                    .label()).contains("180 min of sessions not yet recorded");
            // a week already met stays MET; after the close the projection's final status is shown
            assertThat(ComplianceRules.standing(ComplianceStatus.MET, 540, 0, 540, lastWeek, sundays, NOW).status())
                    .isEqualTo("MET");
            ComplianceRules.Standing closed = ComplianceRules.standing(ComplianceStatus.BELOW_MINIMUM, 360, 0, 540,
                    lastWeek, sundays, closes);
            assertThat(closed.status()).isEqualTo("BELOW_MINIMUM");
            assertThat(closed.phase()).isEqualTo(ComplianceRules.WeekPhase.CLOSED);
            // the same instant is still this week for a Sunday start: open, at risk is allowed there
            assertThat(ComplianceRules.standing(ComplianceStatus.AT_RISK, 0, 180, 540, lastWeek.plusWeeks(1),
                    sundays, NOW).status()).isEqualTo("AT_RISK");
        }
    }
}
