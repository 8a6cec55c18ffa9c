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
 * Tagged (PdfTags): headings and paragraphs in reading order, footers as artifacts; it ends with the CSV's digest and an
 * attestation block.
 */
final class EvidencePdf {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final float MARGIN = 40;
    private static final float LEADING = 12;
    private static final int WRAP = 150;

    private EvidencePdf() {
    }

    static byte[] render(ClientEvidence e) {
        List<Line> lines = new ArrayList<>(lines(e));
        lines.addAll(attestation(e));
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
            PdfTags tags = new PdfTags(doc);
            for (int page = 0; page < pages; page++) {
                PDPage pdPage = new PDPage(size);
                doc.addPage(pdPage);
                tags.startPage(pdPage, page);
                try (PDPageContentStream content = new PDPageContentStream(doc, pdPage)) {
                    float y = size.getHeight() - MARGIN;
                    for (Line line : lines.subList(page * perPage, Math.min(lines.size(), (page + 1) * perPage))) {
                        if (!line.text().isBlank()) {
                            tags.begin(content, line.type());
                            content.beginText();
                            content.setFont(line.bold() ? bold : regular, line.bold() ? 10 : 9);
                            content.newLineAtOffset(MARGIN, y);
                            content.showText(winAnsi(line.text()));
                            content.endText();
                            content.endMarkedContent();
                        }
                        y -= LEADING;
                    }
                    tags.artifact(content);
                    content.beginText();
                    content.setFont(regular, 8);
                    content.newLineAtOffset(MARGIN, y - LEADING);
                    content.showText("Page " + (page + 1) + " of " + pages + " - client " + e.clientId());
                    content.endText();
                    content.endMarkedContent();
                }
            }
            tags.finish(pages);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Line> lines(ClientEvidence e) {
        List<Line> out = new ArrayList<>();
        out.add(new Line("Attendance evidence for client " + e.clientId(), true, "H1"));
        out.add(new Line("Range " + e.from() + " to " + e.to() + " (weeks overlapping the range, whole weeks); "
                + "generated " + e.generatedAt() + ". Identifiers only.", false));
        int total = 0;
        int qualifying = 0;
        for (ProgramEvidence p : e.programs()) {
            ZoneId zone = ZoneId.of(p.timeZone());
            out.add(new Line("", false));
            out.add(new Line("Program " + p.programId(), true, "H2"));
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
                            + "; " + s.why() + (s.lateEntry() == null ? "" : "; " + s.lateEntry()), false));
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
        if (!e.telehealth().isEmpty()) {
            // telehealth (issue 18, ADR 0011): each service delivered by video, marked as the claim line marks it
            out.add(new Line("", false));
            out.add(new Line("Telehealth services", true, "H2"));
            for (ClientEvidence.TelehealthService t : e.telehealth()) {
                out.add(new Line("  " + t.date() + " booking " + t.bookingId() + ": telehealth, place of service "
                        + t.placeOfService() + ", modifier " + t.modifier(), false));
            }
        }
        out.add(new Line("", false));
        out.add(new Line("Total: attended " + total + " min, qualifying days " + qualifying, true, "P"));
        List<Line> wrapped = new ArrayList<>();
        for (Line l : out) {
            String text = l.text();
            String indent = text.startsWith("    ") ? "      " : "    ";
            while (text.length() > WRAP) {
                int cut = text.lastIndexOf(' ', WRAP);
                cut = cut <= indent.length() ? WRAP : cut;
                wrapped.add(new Line(text.substring(0, cut), l.bold(), l.type()));
                text = indent + text.substring(cut).stripLeading();
            }
            wrapped.add(new Line(text, l.bold(), l.type()));
        }
        return wrapped;
    }

    /**
     * What makes the printout checkable and signable: the SHA-256 of the CSV export of the same evidence (a copy of
     * either can be checked against the other and against the audit trail), and an attestation block to sign.
     */
    private static List<Line> attestation(ClientEvidence e) {
        String csvDigest = java.util.HexFormat.of().formatHex(sha256(EvidenceCsv.render(e)));
        return List.of(new Line("", false), new Line("Attestation", true, "H2"),
                new Line("Generated " + e.generatedAt() + " by OpenIOP from the attendance records and the compliance "
                        + "rules above. SHA-256 of the CSV export of this evidence: " + csvDigest, false),
                new Line("I attest that this record of attendance is true and complete to the best of my knowledge.",
                        false),
                new Line("Name: ______________________  Role: ______________________  Signature: "
                        + "______________________  Date: ____________", false));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
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

    /** One printed line and its structure type: H1 the title, H2 a program or the attestation, H3 a week, P text. */
    private record Line(String text, boolean bold, String type) {

        Line(String text, boolean bold) {
            this(text, bold, bold ? "H3" : "P");
        }
    }
}
