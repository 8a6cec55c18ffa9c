package org.openiop.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.openiop.notification.IntegrationTest;
import org.openiop.notification.contact.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Workers racing for the same queue (as several instances do) never send a message twice. */
class DispatchConcurrencyTest extends IntegrationTest {

    @Autowired
    DispatchWorker worker;
    @Autowired
    DeliveryRepository queue;
    @Autowired
    JdbcClient jdbc;

    @Test
    void racing_workers_send_each_due_message_exactly_once() throws Exception {
        String program = programConfigured("America/Denver");
        String client = id();
        String email = "race-" + client + "@example.org";
        contact(client, emailContact(email, "en", null));
        await().until(() -> jdbc.sql("SELECT count(*) FROM program WHERE program_id = :p").param("p", program)
                .query(Integer.class).single() == 1);
        int messages = 60;
        Instant start = Instant.now().plus(Duration.ofDays(2));
        for (int i = 0; i < messages; i++) {
            queue.enqueueOnce(NewDelivery.forSession("REMINDER_24H", Channel.EMAIL, Audience.CLIENT, null,
                    new NewDelivery.SessionFacts(id(), client, program, start, start.plus(Duration.ofHours(3)),
                            "America/Denver", 0), Instant.now().minusSeconds(1)));
        }

        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            instances.add(CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                while (worker.dispatchDue() > 0) {
                    // keep claiming until nothing is due (the scheduled worker races too)
                }
            }));
        }
        go.countDown();
        CompletableFuture.allOf(instances.toArray(CompletableFuture[]::new)).get();

        await().until(() -> jdbc.sql("SELECT count(*) FROM delivery WHERE client_id = :c AND status = 'SENT'")
                .param("c", client).query(Integer.class).single() == messages);
        assertThat(jdbc.sql("SELECT max(attempts) FROM delivery WHERE client_id = :c").param("c", client)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(emailsTo(email)).hasSize(messages);
    }

    @Test
    void the_database_refuses_a_second_row_for_the_same_booking_kind_channel_and_session() {
        String booking = id();
        Instant start = Instant.now().plus(Duration.ofDays(5));
        NewDelivery reminder = NewDelivery.forSession("REMINDER_2H", Channel.SMS, Audience.CLIENT, null,
                new NewDelivery.SessionFacts(booking, id(), id(), start, start.plus(Duration.ofHours(1)), "UTC", 0),
                start.minus(Duration.ofHours(2)));

        assertThat(queue.enqueueOnce(reminder)).isTrue();
        assertThat(queue.enqueueOnce(reminder)).isFalse();
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO delivery (reference, kind, channel, occasion, audience, program_id, due_at, status,
                    next_attempt_at)
                VALUES (:b, 'REMINDER_2H', 'SMS', :o, 'CLIENT', 'p', now(), 'PLANNED', now())""")
                .param("b", booking).param("o", start.toString()).update())
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("delivery_once_per_booking_kind_channel");
    }
}
