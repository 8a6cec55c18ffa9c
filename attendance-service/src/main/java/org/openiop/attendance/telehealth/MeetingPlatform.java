package org.openiop.attendance.telehealth;

import java.util.List;
import java.util.Map;

/**
 * The port a video platform's webhook format plugs into. An adapter checks that a delivery is the platform's own
 * (signature, freshness) and turns it into platform-neutral {@link ParticipantEvent}s; it knows nothing of bookings,
 * minutes or attendance rules, which {@link TelehealthAttendance} applies the same way for every platform.
 */
interface MeetingPlatform {

    /** Lower-case name used in the webhook path ({@code /api/telehealth/{name}/webhook}) and in recorded-by. */
    String name();

    /**
     * @param headers the request headers, names in lower case
     * @param body    the raw body, exactly as signed
     * @throws WebhookRefused when the delivery is not provably the platform's, is stale, or cannot be read
     */
    Delivery read(Map<String, String> headers, byte[] body);

    /** What a delivery asks for: an answer to a validation challenge, or participant events to apply. */
    sealed interface Delivery {
    }

    /** The platform checks the endpoint: answer with this body, apply nothing. */
    record Challenge(Object answer) implements Delivery {
    }

    /** @param type the platform's event name (kept with the delivery id) */
    record Events(String type, List<ParticipantEvent> events) implements Delivery {
    }
}
