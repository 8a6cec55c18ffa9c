package org.openiop.notification.delivery;

import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** What was planned and sent: per booking (its reminders and notices) and per client (everything, newest first). */
@RestController
@Validated
class DeliveryLogController {

    private final DeliveryQueue queue;
    private final AuditTrail audit;
    private final JdbcClient jdbc;

    DeliveryLogController(DeliveryQueue queue, AuditTrail audit, JdbcClient jdbc) {
        this.queue = queue;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/bookings/{bookingId}/reminders")
    @Transactional
    List<DeliveryView> ofBooking(@PathVariable UUID bookingId) {
        // a booking known only from attendance events (no session event seen) still has its follow-ups listed
        String clientId = jdbc.sql("""
                SELECT client_id FROM booking WHERE booking_id = :id
                UNION ALL SELECT client_id FROM delivery WHERE booking_id = :id AND client_id IS NOT NULL
                LIMIT 1""")
                .param("id", bookingId.toString()).query(String.class).optional()
                .orElseThrow(() -> RuleViolation.notFound("bookingId", "Booking", bookingId));
        audit.read("reminders", clientId);
        return queue.forBooking(bookingId.toString()).stream().map(DeliveryView::of).toList();
    }

    @GetMapping("/api/clients/{clientId}/deliveries")
    @Transactional
    List<DeliveryView> ofClient(@PathVariable UUID clientId,
            @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        audit.read("deliveries", clientId.toString());
        return queue.forClient(clientId.toString(), limit).stream().map(DeliveryView::of).toList();
    }
}
