package org.openiop.scheduling.enrolment;

import java.util.UUID;

import org.openiop.scheduling.booking.EnrolledClients;
import org.springframework.stereotype.Component;

/** Enrolled clients as the booking package asks for them ({@link EnrolledClients}). */
@Component
class KnownClients implements EnrolledClients {

    private final EnrolmentRepository enrolments;

    KnownClients(EnrolmentRepository enrolments) {
        this.enrolments = enrolments;
    }

    @Override
    public void requireKnown(UUID clientId, String field) {
        enrolments.get(clientId, field);
    }
}
