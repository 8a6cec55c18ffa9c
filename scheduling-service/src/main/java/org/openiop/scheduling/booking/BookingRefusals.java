package org.openiop.scheduling.booking;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.openiop.backbone.web.ConstraintMessages;
import org.openiop.backbone.web.RuleViolation;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The scheduling rules PostgreSQL enforces, by constraint name, as the problem a caller reads. The same translation
 * explains each refused occurrence of a recurring series.
 */
@Component
public class BookingRefusals implements ConstraintMessages {

    private static final Map<String, RuleViolation> RULES = Map.ofEntries(
            Map.entry("session_capacity_not_exceeded", RuleViolation.conflict("session-full",
                    "The session has no free seat: its capacity is reached")),
            Map.entry("booking_client_no_overlap", conflict("client-double-booked", "clientId",
                    "The client already has a booking that overlaps this session")),
            Map.entry("session_clinician_no_overlap", conflict("clinician-double-booked", "clinicianId",
                    "The clinician already has a session that overlaps this time")),
            Map.entry("session_room_no_overlap", conflict("room-double-booked", "roomId",
                    "The room is already used by a session that overlaps this time")),
            Map.entry("booking_session_scheduled", RuleViolation.conflict("session-cancelled",
                    "The session is cancelled")),
            Map.entry("booking_not_in_past", new RuleViolation(HttpStatus.UNPROCESSABLE_ENTITY, "session-in-past",
                    "The session has already started: book it as a late entry with a reason (lateEntryReason)",
                    List.of(new RuleViolation.FieldProblem("sessionId", "the session has already started"),
                            new RuleViolation.FieldProblem("lateEntryReason",
                                    "a late entry of what already happened needs a reason")))),
            Map.entry("booking_same_program", RuleViolation.unprocessable("client-not-in-program", "clientId",
                    "The client is enrolled in another program")),
            Map.entry("booking_client_active", conflict("client-discharged", "clientId",
                    "The client is discharged and cannot be booked")),
            Map.entry("booking_within_enrolment", RuleViolation.unprocessable("outside-enrolment", "clientId",
                    "The session day is outside the client's enrolment (admission to planned discharge)")),
            Map.entry("booking_not_on_closure", RuleViolation.conflict("program-closed",
                    "The program is closed on the session day")),
            Map.entry("closure_no_overlap", conflict("closure-overlaps", "firstDay",
                    "The program already has a closure on some of these days")),
            Map.entry("enrolment_pk", conflict("client-already-enrolled", "clientId",
                    "A client with this id is already enrolled")),
            Map.entry("room_name_unique", conflict("room-name-taken", "name",
                    "The program already has a room with this name")),
            Map.entry("enrolment_planned_discharge_after_admission", RuleViolation.invalid("plannedDischargeDate",
                    "plannedDischargeDate must not be before admissionDate")),
            Map.entry("enrolment_discharge_after_admission", RuleViolation.invalid("dischargeDate",
                    "dischargeDate must not be before admissionDate")));

    @Override
    public Map<String, RuleViolation> byConstraint() {
        return RULES;
    }

    /** The rule behind a refusal, whether Java or PostgreSQL refused it. */
    public RuleViolation explain(RuntimeException refusal) {
        if (refusal instanceof RuleViolation violation) {
            return violation;
        }
        if (refusal instanceof DataIntegrityViolationException integrity) {
            String name = constraintName(integrity);
            RuleViolation known = name == null ? null : RULES.get(name);
            if (known != null) {
                return known;
            }
            return RuleViolation.conflict("constraint-" + name, "Refused by database rule " + name);
        }
        throw refusal;
    }

    private static RuleViolation conflict(String code, String field, String detail) {
        return new RuleViolation(HttpStatus.CONFLICT, code, detail, List.of(new RuleViolation.FieldProblem(field, detail)));
    }

    private static String constraintName(DataIntegrityViolationException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage().getConstraint();
            }
            t = t instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : t.getCause();
        }
        return null;
    }
}
