package org.openiop.attendance.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.openiop.attendance.evidence.ClientEvidence.Correction;
import org.openiop.attendance.evidence.ClientEvidence.DayEvidence;
import org.openiop.attendance.evidence.ClientEvidence.ProgramEvidence;
import org.openiop.attendance.evidence.ClientEvidence.SessionEvidence;
import org.openiop.attendance.evidence.ClientEvidence.WeekEvidence;

/**
 * The evidence as one CSV (RFC 4180, UTF-8): one line per session, correction, day and week, then the totals, the
 * {@code record} column telling which. Times are local to the program with their UTC offset.
 */
final class EvidenceCsv {

    static final List<String> HEADER = List.of("record", "client_id", "program_id", "week_start", "date",
            "booking_id", "session_type", "scheduled_start", "scheduled_end", "checked_in", "checked_out",
            "attended_minutes", "sessions_attended", "state", "absence_reason", "recorded_by", "recorded_at",
            "revision", "before", "after", "correction_reason", "qualifies_daily_threshold", "per_diem_tier",
            "qualifying_days", "meets_3_days_rule", "minimum_minutes", "scheduled_remaining_minutes", "status",
            "rule", "late_entry", "client_name", "date_of_birth", "track", "program_name");

    private EvidenceCsv() {
    }

    static byte[] render(ClientEvidence e) {
        return render(e, new ClientDirectory.Identity(null, null, null, java.util.Map.of(), null));
    }

    /** With who the evidence is about (ClientDirectory): a CLIENT line first, each program's name on its lines. */
    static byte[] render(ClientEvidence e, ClientDirectory.Identity identity) {
        StringBuilder out = new StringBuilder();
        line(out, HEADER.toArray(String[]::new));
        String[] client = new String[HEADER.size()];
        set(client, "record", "CLIENT");
        set(client, "client_id", e.clientId());
        set(client, "client_name", identity.displayName());
        set(client, "date_of_birth", identity.dateOfBirth() == null ? null : identity.dateOfBirth().toString());
        set(client, "track", identity.track());
        set(client, "rule", identity.note());
        line(out, client);
        int total = 0;
        int qualifying = 0;
        for (ProgramEvidence p : e.programs()) {
            ZoneId zone = ZoneId.of(p.timeZone());
            for (WeekEvidence w : p.weeks()) {
                for (SessionEvidence s : w.sessions()) {
                    String[] row = row("SESSION", e.clientId(), p.programId(), w, identity);
                    set(row, "date", s.scheduledStart().atZone(zone).toLocalDate().toString());
                    set(row, "booking_id", s.bookingId());
                    set(row, "session_type", s.sessionType());
                    set(row, "scheduled_start", time(s.scheduledStart(), zone));
                    set(row, "scheduled_end", time(s.scheduledEnd(), zone));
                    set(row, "checked_in", time(s.checkedInAt(), zone));
                    set(row, "checked_out", time(s.checkedOutAt(), zone));
                    set(row, "attended_minutes", Integer.toString(s.countedMinutes()));
                    set(row, "state", s.state());
                    set(row, "absence_reason", s.absenceReason());
                    set(row, "recorded_by", s.recordedBy());
                    set(row, "recorded_at", time(s.recordedAt(), zone));
                    set(row, "revision", Integer.toString(s.corrections().size() + (s.recordedBy() == null ? 0 : 1)));
                    set(row, "rule", s.why());
                    set(row, "late_entry", s.lateEntry());
                    line(out, row);
                    for (Correction c : s.corrections()) {
                        String[] fix = row("CORRECTION", e.clientId(), p.programId(), w, identity);
                        set(fix, "date", s.scheduledStart().atZone(zone).toLocalDate().toString());
                        set(fix, "booking_id", s.bookingId());
                        set(fix, "recorded_by", c.recordedBy());
                        set(fix, "recorded_at", time(c.recordedAt(), zone));
                        set(fix, "revision", Integer.toString(c.revision()));
                        set(fix, "before", c.before());
                        set(fix, "after", c.after());
                        set(fix, "correction_reason", c.reason());
                        line(out, fix);
                    }
                }
                for (DayEvidence d : w.days()) {
                    String[] row = row("DAY", e.clientId(), p.programId(), w, identity);
                    set(row, "date", d.date().toString());
                    set(row, "attended_minutes", Integer.toString(d.attendedMinutes()));
                    set(row, "sessions_attended", Integer.toString(d.sessionsAttended()));
                    set(row, "qualifies_daily_threshold", Boolean.toString(d.qualifies()));
                    set(row, "per_diem_tier", d.perDiemTier());
                    set(row, "rule", d.rule());
                    line(out, row);
                }
                String[] row = row("WEEK", e.clientId(), p.programId(), w, identity);
                set(row, "attended_minutes", Integer.toString(w.attendedMinutes()));
                set(row, "sessions_attended", Integer.toString(w.days().stream()
                        .mapToInt(DayEvidence::sessionsAttended).sum()));
                set(row, "qualifying_days", Integer.toString(w.qualifyingDays()));
                set(row, "meets_3_days_rule", Boolean.toString(w.meetsThreeDayRule()));
                set(row, "per_diem_tier", perDiemWeek(w));
                set(row, "minimum_minutes", w.minimumMinutes() == null ? "" : w.minimumMinutes().toString());
                set(row, "scheduled_remaining_minutes", Integer.toString(w.scheduledRemainingMinutes()));
                set(row, "status", w.status());
                set(row, "rule", w.rule());
                line(out, row);
                total += w.attendedMinutes();
                qualifying += w.qualifyingDays();
            }
        }
        for (ClientEvidence.TelehealthService t : e.telehealth()) {
            // telehealth (issue 18): one line per service delivered by video, as a claim line marks it
            String[] row = new String[HEADER.size()];
            set(row, "record", "TELEHEALTH");
            set(row, "client_id", e.clientId());
            set(row, "date", t.date().toString());
            set(row, "booking_id", t.bookingId());
            set(row, "rule", "place of service " + t.placeOfService() + ", modifier " + t.modifier());
            line(out, row);
        }
        String[] totals = new String[HEADER.size()];
        set(totals, "record", "TOTAL");
        set(totals, "client_id", e.clientId());
        set(totals, "attended_minutes", Integer.toString(total));
        set(totals, "qualifying_days", Integer.toString(qualifying));
        set(totals, "rule", "weeks overlapping " + e.from() + " to " + e.to() + ", whole weeks");
        line(out, totals);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String[] row(String record, String clientId, String programId, WeekEvidence w,
            ClientDirectory.Identity identity) {
        String[] row = new String[HEADER.size()];
        set(row, "record", record);
        set(row, "client_id", clientId);
        set(row, "program_id", programId);
        set(row, "program_name", identity.programName(programId));
        set(row, "track", w.track());
        set(row, "week_start", w.weekStart().toString());
        return row;
    }

    private static void set(String[] row, String column, String value) {
        row[HEADER.indexOf(column)] = value;
    }

    /** A week's per-diem picture: how many days reached each tier. */
    static String perDiemWeek(WeekEvidence w) {
        return "3 services: " + w.threeServiceDays() + " day(s); 4 or more: " + w.fourOrMoreServiceDays() + " day(s)";
    }

    static String time(Instant at, ZoneId zone) {
        return at == null ? null : at.atZone(zone).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static void line(StringBuilder out, String[] values) {
        List<String> cells = new ArrayList<>();
        Arrays.stream(values).forEach(v -> cells.add(escape(v)));
        out.append(String.join(",", cells)).append("\r\n");
    }

    /** RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet does not evaluate it. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+") ? "'" + value
                : value;
        boolean quote = v.indexOf('"') >= 0 || v.indexOf(',') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
