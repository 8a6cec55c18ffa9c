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
import java.util.Map;
import java.util.TimeZone;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.PDTableAttributeObject;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.openiop.attendance.evidence.ClientEvidence.Correction;
import org.openiop.attendance.evidence.ClientEvidence.DayEvidence;
import org.openiop.attendance.evidence.ClientEvidence.ProgramEvidence;
import org.openiop.attendance.evidence.ClientEvidence.SessionEvidence;
import org.openiop.attendance.evidence.ClientEvidence.WeekEvidence;

/**
 * The same evidence as the CSV, laid out for printing (US Letter, landscape, Helvetica): who it is about (client's
 * name, date of birth, track; the program's name), then per program its rules and a table of its weeks, and per week
 * its status and rule with tables of its days, sessions (with late-entry marks) and corrections; telehealth services;
 * the totals; the CSV's digest and an attestation block. Tables are real tables (tagged Table / TR / TH / TD, header
 * row repeated on each page it continues on); every page has a running header and "Page n of N" (PdfTags).
 */
final class EvidencePdf {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ClientDirectory.Identity UNKNOWN = new ClientDirectory.Identity(null, null, null, Map.of(),
            null);

    private EvidencePdf() {
    }

    static byte[] render(ClientEvidence e) {
        return render(e, UNKNOWN);
    }

    static byte[] render(ClientEvidence e, ClientDirectory.Identity who) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            String client = who.displayName() != null ? who.displayName() : "client " + e.clientId();
            info.setTitle("Attendance evidence, " + client + ", " + e.from() + " to " + e.to());
            info.setProducer("OpenIOP");
            Calendar created = GregorianCalendar.from(e.generatedAt().atZone(ZoneId.of("UTC")));
            created.setTimeZone(TimeZone.getTimeZone("UTC"));
            info.setCreationDate(created);
            Layout page = new Layout(doc, "Attendance evidence - " + client + " - " + e.from() + " to " + e.to());
            compose(e, who, page);
            page.finish();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void compose(ClientEvidence e, ClientDirectory.Identity who, Layout out) throws IOException {
        out.text("H1", "Attendance evidence");
        out.table(new String[] { "Client", "Date of birth", "Track", "Client id", "Program" },
                new float[] { 3, 1.4f, 1.3f, 3.2f, 3 }, List.<String[]>of(new String[] {
                        dash(who.displayName()), who.dateOfBirth() == null ? "-" : who.dateOfBirth().toString(),
                        dash(who.track()), e.clientId(), String.join(", ", e.programs().stream()
                                .map(p -> who.programName(p.programId())).toList()) }));
        if (who.note() != null) {
            out.text("P", "Note: " + who.note() + ".");
        }
        out.text("P", "Range " + e.from() + " to " + e.to() + " (weeks overlapping the range, whole weeks); generated "
                + e.generatedAt() + ". A PHI document for authorised roles; its download is in the audit trail.");
        int total = 0;
        int qualifying = 0;
        int weeks = 0;
        for (ProgramEvidence p : e.programs()) {
            ZoneId zone = ZoneId.of(p.timeZone());
            out.text("H2", "Program " + who.programName(p.programId()));
            out.text("P", "Program id " + p.programId() + ". Rules applied: weeks start " + p.weekStartDay()
                    + " 00:00 " + p.timeZone() + "; weekly minimum adult " + p.adultMinimumMinutes()
                    + " min, adolescent " + p.adolescentMinimumMinutes() + " min; a day qualifies at "
                    + p.dailyThresholdMinutes() + " min (H0015: 3 such days a week); per diem 3 services / 4 or more;"
                    + " step-down allowance " + p.stepDownAllowanceWeeks() + " consecutive weeks (ASAM).");
            List<String[]> summary = new ArrayList<>();
            for (WeekEvidence w : p.weeks()) {
                summary.add(new String[] { w.weekStart().toString(), dash(w.track()), num(w.attendedMinutes()),
                        w.minimumMinutes() == null ? "-" : w.minimumMinutes().toString(),
                        num(w.scheduledRemainingMinutes()), num(w.qualifyingDays()),
                        w.meetsThreeDayRule() ? "met" : "not met", w.status(), w.closed() ? "closed" : "open" });
            }
            out.table(new String[] { "Week of", "Track", "Attended min", "Minimum min", "Still scheduled min",
                    "Qualifying days", "3-day rule", "Status", "Week" }, new float[] { 1.3f, 1.3f, 1, 1, 1.2f, 1,
                            1, 2.2f, 0.8f }, summary);
            for (WeekEvidence w : p.weeks()) {
                out.text("H3", "Week of " + w.weekStart() + ": " + w.status() + (w.closed() ? " (closed)" : " (open)"));
                out.text("P", "Rule: " + w.rule() + ". Per diem: " + EvidenceCsv.perDiemWeek(w) + ".");
                List<String[]> days = new ArrayList<>();
                for (DayEvidence d : w.days()) {
                    days.add(new String[] { d.date().toString(), num(d.attendedMinutes()), num(d.sessionsAttended()),
                            d.qualifies() ? "yes" : "no", d.perDiemTier(), d.rule() });
                }
                if (!days.isEmpty()) {
                    out.table(new String[] { "Day", "Attended min", "Services", "Qualifies", "Per diem tier", "Rule" },
                            new float[] { 1.2f, 1, 0.8f, 0.8f, 2, 4 }, days);
                }
                List<String[]> sessions = new ArrayList<>();
                List<String[]> corrections = new ArrayList<>();
                for (SessionEvidence s : w.sessions()) {
                    sessions.add(new String[] { local(s.scheduledStart(), zone) + " to "
                            + local(s.scheduledEnd(), zone).substring(11), s.sessionType(), s.state(),
                            s.checkedInAt() == null ? "-" : local(s.checkedInAt(), zone).substring(11) + " to "
                                    + local(s.checkedOutAt(), zone).substring(11),
                            num(s.countedMinutes()), dash(s.absenceReason()),
                            s.recordedBy() == null ? "-" : s.recordedBy() + " at " + local(s.recordedAt(), zone),
                            s.why() + (s.lateEntry() == null ? "" : ". " + s.lateEntry()), s.bookingId() });
                    for (Correction c : s.corrections()) {
                        corrections.add(new String[] { s.bookingId(), num(c.revision()), c.recordedBy() + " at "
                                + local(c.recordedAt(), zone), c.before(), c.after(), c.reason() });
                    }
                }
                if (!sessions.isEmpty()) {
                    out.table(new String[] { "Scheduled", "Type", "State", "Attended", "Counted min", "Absence",
                            "Recorded by", "How it counted; late entry", "Booking" },
                            new float[] { 1.9f, 0.9f, 1, 1.1f, 0.7f, 1.6f, 1.6f, 3.2f, 3.6f }, sessions);
                }
                if (!corrections.isEmpty()) {
                    out.table(new String[] { "Booking", "Revision", "By, at", "Before", "After", "Reason" },
                            new float[] { 3, 0.7f, 1.5f, 2.6f, 2.6f, 1.8f }, corrections);
                }
                total += w.attendedMinutes();
                qualifying += w.qualifyingDays();
                weeks++;
            }
        }
        if (!e.telehealth().isEmpty()) {
            // telehealth (issue 18, ADR 0011): each service delivered by video, marked as its claim line is
            out.text("H2", "Telehealth services");
            List<String[]> services = new ArrayList<>();
            for (ClientEvidence.TelehealthService t : e.telehealth()) {
                services.add(new String[] { t.date().toString(), t.bookingId(), t.placeOfService(), t.modifier(),
                        "telehealth: place of service " + t.placeOfService() + ", modifier " + t.modifier() });
            }
            out.table(new String[] { "Day", "Booking", "Place of service", "Modifier", "Claim line" },
                    new float[] { 1.2f, 3, 1.2f, 1, 3 }, services);
        }
        out.text("H2", "Totals");
        out.table(new String[] { "Weeks", "Attended minutes", "Qualifying days" }, new float[] { 1, 1, 1 },
                List.<String[]>of(new String[] { num(weeks), num(total), num(qualifying) }));
        out.text("P", "Total: attended " + total + " min, qualifying days " + qualifying + ".");
        String csvDigest = java.util.HexFormat.of().formatHex(sha256(EvidenceCsv.render(e, who)));
        out.text("H2", "Attestation");
        out.text("P", "Generated " + e.generatedAt() + " by OpenIOP from the attendance records and the compliance "
                + "rules above. SHA-256 of the CSV export of this evidence: " + csvDigest);
        out.text("P", "I attest that this record of attendance is true and complete to the best of my knowledge.");
        out.text("P", "Name: ______________________  Role: ______________________  Signature: "
                + "______________________  Date: ____________");
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    private static String num(int n) {
        return Integer.toString(n);
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

    /** The standard fonts encode WinAnsi only: anything else (rare in names and identifiers) prints as '?'. */
    static String winAnsi(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> s.append(c >= 0x20 && c <= 0x7e || c >= 0xa0 && c <= 0xff ? (char) c : '?'));
        return s.toString();
    }

    /**
     * Flows headings, paragraphs and tables down landscape Letter pages, starting a page when the next line or table
     * row does not fit (a row is never split), and tags each piece as it is drawn.
     */
    private static final class Layout {

        private static final PDRectangle SIZE = new PDRectangle(PDRectangle.LETTER.getHeight(),
                PDRectangle.LETTER.getWidth());
        private static final float MARGIN = 40;
        private static final float TOP = SIZE.getHeight() - MARGIN - 14;
        private static final float BOTTOM = MARGIN + 16;
        private static final float WIDTH = SIZE.getWidth() - 2 * MARGIN;
        private static final float PAD = 2.5f;

        private final PDDocument doc;
        private final String runningHeader;
        private final PdfTags tags;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final List<PDPage> pages = new ArrayList<>();
        private PDPageContentStream content;
        private float y;

        Layout(PDDocument doc, String runningHeader) throws IOException {
            this.doc = doc;
            this.runningHeader = runningHeader;
            this.tags = new PdfTags(doc);
            newPage();
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(SIZE);
            doc.addPage(page);
            tags.startPage(page, pages.size());
            pages.add(page);
            content = new PDPageContentStream(doc, page);
            y = TOP;
        }

        /** A heading (H1, H2, H3) or paragraph (P), wrapped to the page width. */
        void text(String type, String text) throws IOException {
            PDType1Font font = "P".equals(type) ? regular : bold;
            float size = switch (type) {
                case "H1" -> 15;
                case "H2" -> 12;
                case "H3" -> 10.5f;
                default -> 9;
            };
            float leading = size * 1.3f;
            List<String> lines = wrap(text, font, size, WIDTH);
            float before = "P".equals(type) ? 2 : size * 0.6f;
            if (y - before - lines.size() * leading < BOTTOM) {
                newPage();
            } else {
                y -= before;
            }
            tags.begin(content, type);
            for (String line : lines) {
                y -= leading;
                show(line, font, size, MARGIN, y + leading * 0.25f);
            }
            content.endMarkedContent();
        }

        /**
     * A table: a header row of TH cells (column scope), then one TR of TD cells per row. Columns holding an
     * identifier are sized to take a whole UUID at 8 pt (about 155 pt), so none is cut.
     */
        void table(String[] headers, float[] weights, List<String[]> rows) throws IOException {
            float sum = 0;
            for (float w : weights) {
                sum += w;
            }
            float[] widths = new float[weights.length];
            for (int i = 0; i < weights.length; i++) {
                widths[i] = WIDTH * weights[i] / sum;
            }
            float headerHeight = height(headers, widths, bold);
            if (y - 4 - headerHeight - (rows.isEmpty() ? 0 : height(rows.get(0), widths, regular)) < BOTTOM) {
                newPage();
            }
            y -= 4;
            PDStructureElement table = tags.group("Table", tags.document());
            row(headers, widths, bold, headerHeight, tags.group("TR", table), "TH");
            for (String[] cells : rows) {
                float height = height(cells, widths, regular);
                if (y - height < BOTTOM) {
                    newPage();
                    row(headers, widths, bold, headerHeight, null, null); // repeated header: an artifact
                }
                row(cells, widths, regular, height, tags.group("TR", table), "TD");
            }
            y -= 4;
        }

        private void row(String[] cells, float[] widths, PDType1Font font, float height, PDStructureElement tr,
                String cellType) throws IOException {
            float x = MARGIN;
            tags.artifact(content);
            content.setLineWidth(0.4f);
            if (cellType == null || "TH".equals(cellType)) {
                content.setNonStrokingColor(0.92f, 0.92f, 0.92f);
                content.addRect(MARGIN, y - height, WIDTH, height);
                content.fill();
                content.setNonStrokingColor(0f, 0f, 0f);
            }
            content.addRect(MARGIN, y - height, WIDTH, height);
            for (int i = 0; i < widths.length - 1; i++) {
                x += widths[i];
                content.moveTo(x, y);
                content.lineTo(x, y - height);
            }
            content.stroke();
            content.endMarkedContent();
            x = MARGIN;
            for (int i = 0; i < cells.length; i++) {
                List<String> lines = wrap(cells[i] == null ? "" : cells[i], font, 8, widths[i] - 2 * PAD);
                if (tr == null) {
                    tags.artifact(content);
                } else {
                    PDStructureElement cell = tags.begin(content, cellType, tr);
                    if ("TH".equals(cellType)) {
                        PDTableAttributeObject scope = new PDTableAttributeObject();
                        scope.setScope(PDTableAttributeObject.SCOPE_COLUMN);
                        cell.addAttribute(scope);
                    }
                }
                float lineY = y - PAD - 7;
                for (String line : lines) {
                    show(line, font, 8, x + PAD, lineY);
                    lineY -= 9.5f;
                }
                content.endMarkedContent();
                x += widths[i];
            }
            y -= height;
        }

        private float height(String[] cells, float[] widths, PDType1Font font) throws IOException {
            int lines = 1;
            for (int i = 0; i < cells.length; i++) {
                lines = Math.max(lines, wrap(cells[i] == null ? "" : cells[i], font, 8, widths[i] - 2 * PAD).size());
            }
            return lines * 9.5f + 2 * PAD + 1;
        }

        private void show(String text, PDType1Font font, float size, float x, float baseline) throws IOException {
            if (text.isEmpty()) {
                return;
            }
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, baseline);
            content.showText(text);
            content.endText();
        }

        /** Words onto lines no wider than {@code width}; a word longer than a line is cut. */
        private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : winAnsi(text).split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, font, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (width(rest, font, size) > width && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(rest.substring(0, cut), font, size) > width) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            if (!line.isEmpty() || lines.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }

        private static float width(String text, PDType1Font font, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        /** Running header and "Page n of N" on every page (artifacts), then the structure's parent tree. */
        void finish() throws IOException {
            content.close();
            for (int i = 0; i < pages.size(); i++) {
                try (PDPageContentStream page = new PDPageContentStream(doc, pages.get(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    tags.artifact(page);
                    page.beginText();
                    page.setFont(regular, 8);
                    page.newLineAtOffset(MARGIN, SIZE.getHeight() - MARGIN + 4);
                    page.showText(winAnsi(runningHeader));
                    page.endText();
                    page.beginText();
                    page.newLineAtOffset(MARGIN, MARGIN - 6);
                    page.showText("Page " + (i + 1) + " of " + pages.size());
                    page.endText();
                    page.endMarkedContent();
                }
            }
            tags.finish(pages.size());
        }
    }
}
