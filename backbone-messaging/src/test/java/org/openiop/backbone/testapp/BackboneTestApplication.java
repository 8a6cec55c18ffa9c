package org.openiop.backbone.testapp;

import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.IopService;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.SessionScheduled;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.micrometer.tracing.Tracer;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A minimal service that exercises the backbone the way the real services do. */
@SpringBootApplication
@IopService("backbonetest")
public class BackboneTestApplication {

    /**
     * How many more times the listener fails as if PostgreSQL were down (the exception Spring's DataSourceUtils throws
     * when the pool cannot get a connection) for bookings whose id starts with "outage".
     */
    public static final AtomicInteger DATABASE_DOWN_FOR = new AtomicInteger();

    @Component
    static class BookingListener {

        private final EventInbox inbox;
        private final JdbcClient jdbc;
        private final Tracer tracer;

        BookingListener(EventInbox inbox, JdbcClient jdbc, Tracer tracer) {
            this.inbox = inbox;
            this.jdbc = jdbc;
            this.tracer = tracer;
        }

        @KafkaListener(topics = "#{@topics.sessions()}")
        void on(SpecificRecord event) {
            if (event instanceof SessionScheduled scheduled) {
                if (scheduled.getBookingId().startsWith("outage") && DATABASE_DOWN_FOR.getAndDecrement() > 0) {
                    throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, "
                                    + "request timed out after 30000ms", "08001"));
                }
                if (scheduled.getBookingId().startsWith("reject")) {
                    throw new EventRejectedException("booking " + scheduled.getBookingId() + " cannot be applied");
                }
                inbox.applyOnce("backbonetest.sessions", event, () -> jdbc
                        .sql("INSERT INTO applied_booking (booking_id, event_id, trace_id) VALUES (:b, :e, :t)")
                        .param("b", scheduled.getBookingId()).param("e", scheduled.getEventId())
                        .param("t", tracer.currentSpan() == null ? null : tracer.currentSpan().context().traceId())
                        .update());
            }
        }
    }
}
