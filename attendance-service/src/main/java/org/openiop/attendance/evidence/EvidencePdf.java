package org.openiop.attendance.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.openiop.attendance.evidence.ClientEvidence.Correction;
import org.openiop.attendance.evidence.ClientEvidence.DayEvidence;
import org.openiop.attendance.evidence.ClientEvidence.ProgramEvidence;
import org.openiop.attendance.evidence.ClientEvidence.SessionEvidence;
import org.openiop.attendance.evidence.ClientEvidence.WeekEvidence;

/**
 * The same evidence as the CSV, laid out for printing (US Letter, landscape, Helvetica): per week its status and
 * rule, its days, then its sessions with their corrections. Lines too long for the page wrap; pages are numbered.
 */
final class EvidencePdf {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final float MARGIN = 40;
    private static final float LEADING = 12;
    private static final int WRAP = 150;

    private EvidencePdf() {
    }

    static byte[] render(ClientEvidence e) {
        List<Line> lines = lines(e);
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDRectangle size = new PDRectangle(PDRectangle.LETTER.getHeight(), PDRectangle.LETTER.getWidth());
        int perPage = (int) ((size.getHeight() - 2 * MARGIN) / LEADING) - 2;
        int pages = Math.max(1, (lines.size() + perPage - 1) / perPage);
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Attendance evidence, client " + e.clientId() + ", " + e.from() + " to " + e.to());
            info.setProducer("OpenIOP");
            Calendar created = GregorianCalendar.from(e.generatedAt().atZone(ZoneId.of("UTC")));
            created.setTimeZone(TimeZone.getTimeZone("UTC"));
            info.setCreationDate(created);
            for (int page = 0; page < pages; page++) {
                PDPage pdPage = new PDPage(size);
                doc.addPage(pdPage);
                try (PDPageContentStream content = new PDPageContentStream(doc, pdPage)) {
                    content.beginText();
                    content.setLeading(LEADING);
                    content.newLineAtOffset(MARGIN, size.getHeight() - MARGIN);
                    for (Line line : lines.subList(page * perPage, Math.min(lines.size(), (page + 1) * perPage))) {
                        content.setFont(line.bold() ? bold : regular, line.bold() ? 10 : 9);
                        content.showText(winAnsi(line.text()));
                        content.newLine();
                    }
                    content.newLine();
                    content.setFont(regular, 8);
                    content.showText("Page " + (page + 1) + " of " + pages + " - client " + e.clientId());
                    content.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Line> lines(ClientEvidence e) {
        List<Line> out = new ArrayList<>();
        out.add(new Line("Attendance evidence for client " + e.clientId(), true));
        out.add(new Line("Range " + e.from() + " to " + e.to() + " (weeks overlapping the range, whole weeks); "
                + "generated " + e.generatedAt() + ". Identifiers only.", false));
        int total = 0;
        int qualifying = 0;
        for (ProgramEvidence p : e.programs()) {
            ZoneId zone = ZoneId.of(p.timeZone());
            out.add(new Line("", false));
            out.add(new Line("Program " + p.programId(), true));
            out.add(new Line("Rules applied: weeks start " + p.weekStartDay() + " 00:00 " + p.timeZone()
                    + "; weekly minimum adult " + p.adultMinimumMinutes() + " min, adolescent "
                    + p.adolescentMinimumMinutes() + " min; a day qualifies at " + p.dailyThresholdMinutes()
                    + " min (H0015: 3 such days a week); per diem 3 services / 4 or more; step-down allowance "
                    + p.stepDownAllowanceWeeks() + " consecutive weeks (ASAM).", false));
            for (WeekEvidence w : p.weeks()) {
                out.add(new Line("", false));
                out.add(new Line("Week of " + w.weekStart() + ": attended " + w.attendedMinutes() + " min, minimum "
                        + (w.minimumMinutes() == null ? "-" : w.minimumMinutes()) + " min, still scheduled "
                        + w.scheduledRemainingMinutes() + " min, qualifying days " + w.qualifyingDays()
                        + (w.meetsThreeDayRule() ? " (3-day rule met)" : " (3-day rule not met)") + ", status "
                        + w.status() + (w.closed() ? " (closed)" : " (open)"), true));
                out.add(new Line("  Rule: " + w.rule(), false));
                out.add(new Line("  Per diem: " + EvidenceCsv.perDiemWeek(w), false));
                for (DayEvidence d : w.days()) {
                    out.add(new Line("  Day " + d.date() + ": " + d.attendedMinutes() + " min, "
                            + d.sessionsAttended() + " service(s), " + (d.qualifies() ? "qualifies" : "does not qualify")
                            + ", per diem " + d.perDiemTier() + " (" + d.rule() + ")", false));
                }
                for (SessionEvidence s : w.sessions()) {
                    out.add(new Line("  Session " + s.bookingId() + " " + s.sessionType() + ", scheduled "
                            + local(s.scheduledStart(), zone) + " to " + local(s.scheduledEnd(), zone) + "; " + s.state()
                            + (s.checkedInAt() == null ? "" : ", attended " + local(s.checkedInAt(), zone) + " to "
                                    + local(s.checkedOutAt(), zone))
                            + ", counted " + s.countedMinutes() + " min"
                            + (s.absenceReason() == null ? "" : ", absence " + s.absenceReason())
                            + (s.recordedBy() == null ? "" : ", recorded by " + s.recordedBy() + " at "
                                    + local(s.recordedAt(), zone))
                            + "; " + s.why(), false));
                    for (Correction c : s.corrections()) {
                        out.add(new Line("    Correction rev " + c.revision() + " by " + c.recordedBy() + " at "
                                + local(c.recordedAt(), zone) + ": before [" + c.before() + "] after [" + c.after()
                                + "] reason: " + c.reason(), false));
                    }
                }
                total += w.attendedMinutes();
                qualifying += w.qualifyingDays();
            }
        }
        out.add(new Line("", false));
        out.add(new Line("Total: attended " + total + " min, qualifying days " + qualifying, true));
        List<Line> wrapped = new ArrayList<>();
        for (Line l : out) {
            String text = l.text();
            String indent = text.startsWith("    ") ? "      " : "    ";
            while (text.length() > WRAP) {
                int cut = text.lastIndexOf(' ', WRAP);
                cut = cut <= indent.length() ? WRAP : cut;
                wrapped.add(new Line(text.substring(0, cut), l.bold()));
                text = indent + text.substring(cut).stripLeading();
            }
            wrapped.add(new Line(text, l.bold()));
        }
        return wrapped;
    }

    private static String local(Instant at, ZoneId zone) {
        return at == null ? "-" : at.atZone(zone).format(LOCAL);
    }

    /** The standard fonts encode WinAnsi only: anything else (rare in identifiers) prints as '?'. */
    private static String winAnsi(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> s.append(c >= 0x20 && c <= 0x7e || c >= 0xa0 && c <= 0xff ? (char) c : '?'));
        return s.toString();
    }

    private record Line(String text, boolean bold) {
    }
}
