package org.openiop.scheduling.waitlist;

import java.util.List;
import java.util.Map;

import org.openiop.backbone.web.ConstraintMessages;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The waitlist's own database rules as problems; the booking rules it shares are translated by BookingRefusals. */
@Component
class WaitlistRefusals implements ConstraintMessages {

    private static final Map<String, RuleViolation> RULES = Map.of(
            "waitlist_one_open_entry", conflict("already-waitlisted", "The client is already waiting for this session"),
            "waitlist_not_booked", conflict("already-booked", "The client already has a seat in this session"),
            "waitlist_session_full", conflict("session-has-seats",
                    "The session has a free seat: book the client directly"));

    @Override
    public Map<String, RuleViolation> byConstraint() {
        return RULES;
    }

    private static RuleViolation conflict(String code, String detail) {
        return new RuleViolation(HttpStatus.CONFLICT, code, detail,
                List.of(new RuleViolation.FieldProblem("clientId", detail)));
    }
}
