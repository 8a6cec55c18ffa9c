package org.openiop.scheduling.waitlist;

import org.openiop.scheduling.booking.SeatFreed;
import org.openiop.scheduling.enrolment.ClientLeft;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hands a freed seat to the waitlist just before the freeing transaction commits: the seat is never free to a
 * stranger in between, and by then a session cancel or closure in the same transaction is visible. A discharged
 * client leaves every queue the same way.
 */
@Component
class SeatReleaseListener {

    private final WaitlistService waitlist;

    SeatReleaseListener(WaitlistService waitlist) {
        this.waitlist = waitlist;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void seatFreed(SeatFreed freed) {
        waitlist.offerFreeSeats(freed.sessionId());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void clientLeft(ClientLeft left) {
        waitlist.removeClient(left.clientId());
    }
}
