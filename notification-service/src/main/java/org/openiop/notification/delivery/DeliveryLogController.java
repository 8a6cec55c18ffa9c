package org.openiop.notification.delivery;

import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
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

    private final DeliveryRepository queue;
    private final AuditTrail audit;
    private final BookedSessions bookings;

    DeliveryLogController(DeliveryRepository queue, AuditTrail audit, BookedSessions bookings) {
        this.queue = queue;
        this.audit = audit;
        this.bookings = bookings;
    }

    @GetMapping("/api/bookings/{bookingId}/reminders")
    @Transactional
    List<DeliveryView> ofBooking(@PathVariable UUID bookingId) {
        // a booking known only from attendance events (no session event seen) still has its follow-ups listed
        String clientId = bookings.clientOf(bookingId.toString())
                .or(() -> queue.clientOfBooking(bookingId.toString()))
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
