package org.openiop.scheduling.booking;

import java.util.List;
import java.util.UUID;

import org.openiop.scheduling.session.ChangeReason;
import org.openiop.scheduling.session.SessionSeats;
import org.springframework.stereotype.Component;

/** The seats of a session cancelled or moved with it ({@link SessionSeats}, called by the session package). */
@Component
class SeatsOfSessions implements SessionSeats {

    private final BookingRepository bookings;
    private final BookingService bookingService;

    SeatsOfSessions(BookingRepository bookings, BookingService bookingService) {
        this.bookings = bookings;
        this.bookingService = bookingService;
    }

    @Override
    public int cancelAll(UUID sessionId, ChangeReason reason, String note) {
        List<BookedSeat> seats = bookings.bookedInSession(sessionId);
        bookingService.cancelSeats(seats, reason, note);
        return seats.size();
    }

    @Override
    public void moveWith(UUID sessionId, Runnable moveSession, ChangeReason reason) {
        List<BookedSeat> before = bookings.bookedInSession(sessionId);
        moveSession.run();
        bookings.followSession(sessionId);
        bookingService.announceMoved(before, reason);
    }
}
