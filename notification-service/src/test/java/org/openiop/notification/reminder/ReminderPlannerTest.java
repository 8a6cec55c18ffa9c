package org.openiop.notification.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.QuietHours;

class ReminderPlannerTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ReminderPolicy DEFAULT = new ReminderPolicy(List.of(Duration.ofHours(2), Duration.ofHours(24)),
            Set.of(Channel.EMAIL, Channel.SMS));
    final ReminderPlanner planner = new ReminderPlanner();

    static Instant ny(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), NEW_YORK).toInstant();
    }

    @Test
    void plans_one_reminder_per_offset_and_channel_before_the_session() {
        Instant start = ny("2026-12-10T09:00");
        List<PlannedMessage> plan = planner.plan(start, ny("2026-12-01T10:00"), NEW_YORK, DEFAULT,
                Set.of(Channel.EMAIL, Channel.SMS), null);

        assertThat(plan).containsExactly(
                new PlannedMessage("REMINDER_24H", Channel.EMAIL, ny("2026-12-09T09:00")),
                new PlannedMessage("REMINDER_24H", Channel.SMS, ny("2026-12-09T09:00")),
                new PlannedMessage("REMINDER_2H", Channel.EMAIL, ny("2026-12-10T07:00")),
                new PlannedMessage("REMINDER_2H", Channel.SMS, ny("2026-12-10T07:00")));
    }

    @Test
    void a_24_hour_reminder_across_a_dst_change_is_24_real_hours_earlier() {
        // New York's clocks go forward at 02:00 on 2027-03-14
        Instant start = ny("2027-03-15T09:00");
        List<PlannedMessage> plan = planner.plan(start, ny("2027-03-01T09:00"), NEW_YORK,
                new ReminderPolicy(List.of(Duration.ofHours(48)), Set.of(Channel.EMAIL)), Set.of(Channel.EMAIL), null);

        // 48 real hours before 09:00 EDT on the 15th is 08:00 EST on the 13th (the night lost an hour)
        assertThat(plan).containsExactly(new PlannedMessage("REMINDER_48H", Channel.EMAIL, ny("2027-03-13T08:00")));
    }

    @Test
    void only_the_preferred_channels_are_planned() {
        List<PlannedMessage> plan = planner.plan(ny("2026-12-10T09:00"), ny("2026-12-01T10:00"), NEW_YORK, DEFAULT,
                Set.of(Channel.SMS), null);

        assertThat(plan).extracting(PlannedMessage::channel).containsOnly(Channel.SMS);
        assertThat(plan).hasSize(2);
    }

    @Nested
    class BookedInsideAnOffset {

        @Test
        void gets_a_confirmation_now_instead_of_the_late_reminder_and_keeps_the_later_one() {
            Instant bookedAt = ny("2026-12-09T15:00");
            List<PlannedMessage> plan = planner.plan(ny("2026-12-10T09:00"), bookedAt, NEW_YORK, DEFAULT,
                    Set.of(Channel.EMAIL), null);

            assertThat(plan).containsExactly(new PlannedMessage("CONFIRMATION", Channel.EMAIL, bookedAt),
                    new PlannedMessage("REMINDER_2H", Channel.EMAIL, ny("2026-12-10T07:00")));
        }

        @Test
        void inside_every_offset_gets_only_one_confirmation() {
            Instant bookedAt = ny("2026-12-10T08:00");
            List<PlannedMessage> plan = planner.plan(ny("2026-12-10T09:00"), bookedAt, NEW_YORK, DEFAULT,
                    Set.of(Channel.EMAIL, Channel.SMS), null);

            assertThat(plan).extracting(PlannedMessage::kind).containsOnly("CONFIRMATION");
            assertThat(plan).hasSize(2).allMatch(m -> m.dueAt().equals(bookedAt));
        }

        @Test
        void a_session_already_begun_gets_nothing() {
            assertThat(planner.plan(ny("2026-12-10T09:00"), ny("2026-12-10T09:00"), NEW_YORK, DEFAULT,
                    Set.of(Channel.EMAIL), null)).isEmpty();
        }

        @Test
        void a_confirmation_booked_during_quiet_hours_waits_for_their_end() {
            QuietHours quiet = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
            List<PlannedMessage> plan = planner.plan(ny("2026-12-10T10:00"), ny("2026-12-09T23:30"), NEW_YORK,
                    DEFAULT, Set.of(Channel.SMS), quiet);

            assertThat(plan).first().isEqualTo(new PlannedMessage("CONFIRMATION", Channel.SMS, ny("2026-12-10T08:00")));
        }
    }

    @Nested
    class QuietHoursMoveRemindersEarlier {

        final QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

        @Test
        void a_reminder_due_in_the_early_morning_goes_out_the_evening_before() {
            List<PlannedMessage> plan = planner.plan(ny("2026-12-10T09:00"), ny("2026-12-01T10:00"), NEW_YORK,
                    DEFAULT, Set.of(Channel.SMS), night);

            // 2h before 09:00 is 07:00, inside 21:00-08:00: moved to 20:59 the evening before
            assertThat(plan).contains(new PlannedMessage("REMINDER_2H", Channel.SMS, ny("2026-12-09T20:59")));
            assertThat(plan).contains(new PlannedMessage("REMINDER_24H", Channel.SMS, ny("2026-12-09T09:00")));
        }

        @Test
        void a_reminder_due_late_in_the_evening_moves_to_before_the_quiet_hours_start() {
            List<PlannedMessage> plan = planner.plan(ny("2026-12-10T23:30"), ny("2026-12-01T10:00"), NEW_YORK,
                    new ReminderPolicy(List.of(Duration.ofHours(1)), Set.of(Channel.SMS)), Set.of(Channel.SMS), night);

            assertThat(plan).containsExactly(new PlannedMessage("REMINDER_1H", Channel.SMS, ny("2026-12-10T20:59")));
        }

        @Test
        void quiet_hours_are_read_in_the_clients_own_time_zone() {
            ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
            // 07:00 in New York is 04:00 in Los Angeles: quiet there, so it moves to 20:59 Los Angeles time
            List<PlannedMessage> plan = planner.plan(ny("2026-12-10T09:00"), ny("2026-12-01T10:00"), losAngeles,
                    new ReminderPolicy(List.of(Duration.ofHours(2)), Set.of(Channel.SMS)), Set.of(Channel.SMS), night);

            assertThat(plan).containsExactly(new PlannedMessage("REMINDER_2H", Channel.SMS,
                    ZonedDateTime.of(2026, 12, 9, 20, 59, 0, 0, losAngeles).toInstant()));
        }

        @Test
        void a_reminder_moved_before_the_booking_becomes_the_confirmation() {
            // booked at 22:00 for 09:00: the 2h reminder (07:00) would move to 20:59, before the booking
            Instant bookedAt = ny("2026-12-09T22:00");
            List<PlannedMessage> plan = planner.plan(ny("2026-12-10T09:00"), bookedAt, NEW_YORK,
                    new ReminderPolicy(List.of(Duration.ofHours(2)), Set.of(Channel.SMS)), Set.of(Channel.SMS), night);

            assertThat(plan).containsExactly(new PlannedMessage("CONFIRMATION", Channel.SMS, ny("2026-12-10T08:00")));
        }

        @Test
        void daytime_quiet_hours_not_spanning_midnight() {
            QuietHours work = new QuietHours(LocalTime.of(9, 0), LocalTime.of(17, 0));
            assertThat(work.contains(LocalTime.of(9, 0))).isTrue();
            assertThat(work.contains(LocalTime.of(16, 59))).isTrue();
            assertThat(work.contains(LocalTime.of(17, 0))).isFalse();
            assertThat(work.contains(LocalTime.of(8, 59))).isFalse();
            assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
            assertThat(night.contains(LocalTime.of(7, 59))).isTrue();
            assertThat(night.contains(LocalTime.of(8, 0))).isFalse();
        }
    }

    @Test
    void reminder_kinds_name_their_offset() {
        assertThat(ReminderPolicy.reminderKind(Duration.ofHours(24))).isEqualTo("REMINDER_24H");
        assertThat(ReminderPolicy.reminderKind(Duration.ofMinutes(90))).isEqualTo("REMINDER_90M");
    }
}
