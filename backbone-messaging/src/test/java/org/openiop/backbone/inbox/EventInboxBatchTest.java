package org.openiop.backbone.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openiop.backbone.TestEvents;
import org.openiop.backbone.testapp.BackboneTestApplication;
import org.openiop.events.SessionScheduled;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The batch form of the inbox: one insert for a whole batch, each event applied once, nothing kept on failure. */
@SpringBootTest(classes = BackboneTestApplication.class)
class EventInboxBatchTest {

    @Autowired EventInbox inbox;
    @Autowired JdbcClient jdbc;

    final String consumer = "batch-" + UUID.randomUUID();

    @Test
    void eachEventOfABatchIsAppliedOnceInOrderAndDuplicatesWithinAndAcrossBatchesAreSkipped() {
        SessionScheduled a = event();
        SessionScheduled b = event();
        SessionScheduled c = event();
        List<SessionScheduled> seen = new ArrayList<>();

        assertThat(inbox.applyOnce(consumer, List.of(a, b, a), seen::addAll)).containsExactly(a, b);
        assertThat(inbox.applyOnce(consumer, List.of(b, c), seen::addAll)).containsExactly(c);
        assertThat(inbox.applyOnce(consumer, List.of(a, b, c), seen::addAll)).isEmpty();

        assertThat(seen).containsExactly(a, b, c);
        assertThat(recorded()).isEqualTo(3);
        // The one-event form shares the same record.
        assertThat(inbox.applyOnce(consumer, a, () -> seen.add(a))).isFalse();
    }

    @Test
    void aFailedEffectRecordsNoIdOfTheBatch() {
        SessionScheduled a = event();
        SessionScheduled b = event();

        assertThatThrownBy(() -> inbox.applyOnce(consumer, List.of(a, b), events -> {
            throw new IllegalStateException("effect failed");
        })).hasMessage("effect failed");
        assertThat(recorded()).isZero();

        assertThat(inbox.applyOnce(consumer, List.of(a, b), events -> { })).containsExactly(a, b);
        assertThat(recorded()).isEqualTo(2);
    }

    private SessionScheduled event() {
        return TestEvents.scheduled(UUID.randomUUID().toString(), "inbox-" + UUID.randomUUID());
    }

    private long recorded() {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = :c").param("c", consumer)
                .query(Long.class).single();
    }
}
