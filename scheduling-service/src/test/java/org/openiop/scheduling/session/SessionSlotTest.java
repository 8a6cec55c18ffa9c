package org.openiop.scheduling.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.program.BlockTemplate;
import org.openiop.scheduling.program.Program;

class SessionSlotTest {

    private final Program program = new Program(UUID.randomUUID(), "P", "Europe/Paris", "Office", "+33100000000",
            DayOfWeek.MONDAY, 540, 360, 60, 180, 2, 12, BlockTemplate.DEFAULTS);

    @Test
    void aBlockTakesItsTemplateTimes() {
        SessionSlot slot = SessionSlot.resolve(program, "EVENING", null, null);
        assertThat(slot).isEqualTo(new SessionSlot("EVENING", LocalTime.of(18, 0), LocalTime.of(21, 0)));
    }

    @Test
    void customTimesHaveNoBlock() {
        assertThat(SessionSlot.resolve(program, null, LocalTime.of(14, 0), LocalTime.of(15, 0)).block()).isNull();
    }

    @Nested
    class Refused {

        private String field(Runnable r) {
            try {
                r.run();
            } catch (RuleViolation v) {
                return v.errors().get(0).field();
            }
            throw new AssertionError("not refused");
        }

        @Test
        void endBeforeStart() {
            assertThat(field(() -> SessionSlot.resolve(program, null, LocalTime.of(15, 0), LocalTime.of(14, 0))))
                    .isEqualTo("endTime");
        }

        @Test
        void unknownBlock() {
            assertThat(field(() -> SessionSlot.resolve(program, "NOON", null, null))).isEqualTo("block");
        }

        @Test
        void bothBlockAndTimes() {
            assertThat(field(() -> SessionSlot.resolve(program, "MORNING", LocalTime.NOON, null))).isEqualTo("block");
        }

        @Test
        void missingTimes() {
            assertThatThrownBy(() -> SessionSlot.resolve(program, null, null, LocalTime.NOON))
                    .isInstanceOf(RuleViolation.class);
            assertThat(field(() -> SessionSlot.resolve(program, null, LocalTime.NOON, null))).isEqualTo("endTime");
        }
    }
}
