package org.openiop.attendance.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.SessionScheduled;
import org.openiop.events.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The auditor's CSV and PDF: same totals, every session, absence and correction, and a digest in the audit trail. */
class EvidenceExportTest extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(EvidenceExportTest.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String programId = newId();
    final String clientId = newId();

    SessionScheduled block(LocalDate day) {
        SessionScheduled s = publishMorningBlock(clientId, programId, day);
        awaitBooking(s.getBookingId());
        return s;
    }

    HttpResponse<byte[]> download(String path, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":iop-" + user).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    String auditedDigest(String resource) {
        String detail = jdbc.sql("""
                SELECT detail FROM audit_event WHERE client_id = :c AND resource = :r AND action = 'EXPORT'
                ORDER BY id DESC LIMIT 1""").param("c", clientId).param("r", resource).query(String.class).single();
        return detail.substring("sha256=".length(), detail.indexOf(' '));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Splits one RFC 4180 line (the exports quote cells holding commas or quotes). */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    @Test
    void thePdfShowsTheSameTotalsAsTheCsvAndBothDigestsAreInTheAuditTrail() throws Exception {
        LocalDate week = monday(-3);
        configureProgram(programId, 60 * 24 * 60);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-8)));
        SessionScheduled mon = block(week);
        SessionScheduled tue = block(week.plusDays(1));
        SessionScheduled wed = block(week.plusDays(2));
        SessionScheduled thu = block(week.plusDays(3));
        post("/api/bookings/" + mon.getBookingId() + "/attendance", "staff",
                Map.of("checkedInAt", mon.getStartsAt().toString(), "checkedOutAt", mon.getEndsAt().toString()));
        post("/api/bookings/" + tue.getBookingId() + "/attendance", "staff", Map.of("checkedInAt",
                tue.getStartsAt().plus(30, ChronoUnit.MINUTES).toString(), "checkedOutAt", tue.getEndsAt().toString()));
        post("/api/bookings/" + wed.getBookingId() + "/absence", "staff", Map.of("reason", "EXCUSED"));
        assertThat(post("/api/bookings/" + wed.getBookingId() + "/attendance/corrections", "staff",
                Map.of("outcome", "ATTENDED", "checkedInAt", wed.getStartsAt().toString(), "checkedOutAt",
                        wed.getEndsAt().toString(), "reason", "sign-in sheet, scanned late")).status()).isEqualTo(201);
        post("/api/bookings/" + thu.getBookingId() + "/absence", "staff", Map.of("reason", "UNEXCUSED"));
        awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 510
                && c.get("scheduledRemainingMinutes").asInt() == 0);

        String range = "?from=" + week + "&to=" + week.plusDays(6);
        HttpResponse<byte[]> csvResponse = download("/api/clients/" + clientId + "/evidence/csv" + range, "officer");
        HttpResponse<byte[]> pdfResponse = download("/api/clients/" + clientId + "/evidence/pdf" + range, "officer");
        assertThat(csvResponse.statusCode()).isEqualTo(200);
        assertThat(pdfResponse.statusCode()).isEqualTo(200);
        assertThat(pdfResponse.headers().firstValue("Content-Type")).hasValue("application/pdf");

        String csv = new String(csvResponse.body(), StandardCharsets.UTF_8);
        String pdf;
        try (PDDocument doc = Loader.loadPDF(pdfResponse.body())) {
            pdf = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        log.debug("CSV export:\n{}\nPDF text:\n{}", csv, pdf);
        List<String> header = cells(csv.lines().findFirst().orElseThrow());
        List<List<String>> rows = csv.lines().skip(1).map(EvidenceExportTest::cells).toList();
        int attended = header.indexOf("attended_minutes");
        int record = header.indexOf("record");

        List<List<String>> weeks = rows.stream().filter(r -> r.get(record).equals("WEEK")).toList();
        assertThat(weeks).singleElement().satisfies(w -> {
            assertThat(w.get(attended)).isEqualTo("510");
            assertThat(w.get(header.indexOf("status"))).isEqualTo("BELOW_MINIMUM");
            assertThat(w.get(header.indexOf("rule"))).isEqualTo("BELOW_MINIMUM: closed at 510 < minimum 540 min");
            assertThat(w.get(header.indexOf("qualifying_days"))).isEqualTo("2");
            assertThat(w.get(header.indexOf("per_diem_tier"))).isEqualTo("3 services: 0 day(s); 4 or more: 0 day(s)");
        });
        List<List<List<PdfTables.Cell>>> tables;
        try (PDDocument doc = Loader.loadPDF(pdfResponse.body())) {
            tables = PdfTables.read(doc);
        }
        // the weeks table: a header row of TH cells, one row per week with the CSV's figures
        List<List<String>> weekTable = table(tables, "Week of");
        for (List<String> w : weeks) {
            assertThat(weekTable).contains(List.of(w.get(header.indexOf("week_start")), "ADULT", w.get(attended),
                    "540", "0", w.get(header.indexOf("qualifying_days")), "not met", "BELOW_MINIMUM", "closed"));
            assertThat(pdf).contains("Per diem: " + w.get(header.indexOf("per_diem_tier")));
        }
        List<List<String>> days = rows.stream().filter(r -> r.get(record).equals("DAY")).toList();
        assertThat(days).extracting(d -> d.get(header.indexOf("date")) + "=" + d.get(attended)).containsExactly(
                week + "=180", week.plusDays(1) + "=150", week.plusDays(2) + "=180");
        assertThat(table(tables, "Day").stream().map(r -> r.get(0) + "=" + r.get(1)).toList())
                .containsExactlyElementsOf(days.stream().map(d -> d.get(header.indexOf("date")) + "=" + d.get(attended))
                        .toList());
        List<String> total = rows.stream().filter(r -> r.get(record).equals("TOTAL")).findFirst().orElseThrow();
        assertThat(table(tables, "Weeks")).containsExactly(List.of("1", total.get(attended),
                total.get(header.indexOf("qualifying_days"))));
        assertThat(pdf).contains("Total: attended " + total.get(attended) + " min, qualifying days "
                + total.get(header.indexOf("qualifying_days")));

        // Sessions with scheduled and attended times, the absence with its reason and recorder, the correction.
        assertThat(rows.stream().filter(r -> r.get(record).equals("SESSION"))).hasSize(4);
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get(header.indexOf("booking_id"))).isEqualTo(thu.getBookingId());
            assertThat(r.get(header.indexOf("absence_reason"))).isEqualTo("UNEXCUSED");
            assertThat(r.get(header.indexOf("recorded_by"))).isEqualTo("staff");
            assertThat(r.get(header.indexOf("scheduled_start"))).startsWith(week.plusDays(3) + "T09:00:00");
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get(record)).isEqualTo("CORRECTION");
            assertThat(r.get(header.indexOf("booking_id"))).isEqualTo(wed.getBookingId());
            assertThat(r.get(header.indexOf("before"))).startsWith("missed: EXCUSED, recorded by staff at ");
            assertThat(r.get(header.indexOf("after"))).startsWith("attended " + week.plusDays(2) + " 09:00 to "
                    + week.plusDays(2) + " 12:00 (180 min), recorded by staff at ");
            assertThat(r.get(header.indexOf("correction_reason"))).isEqualTo("sign-in sheet, scanned late");
            assertThat(r.get(header.indexOf("recorded_by"))).isEqualTo("staff");
        });
        assertThat(table(tables, "Booking")).anySatisfy(c -> assertThat(c).startsWith(wed.getBookingId(), "2")
                .endsWith("sign-in sheet, scanned late"));
        assertThat(table(tables, "Scheduled")).anySatisfy(s -> assertThat(s.get(5)).isEqualTo("UNEXCUSED"));
        // who the export is about: without scheduling-service here, identifiers and a note saying so
        assertThat(table(tables, "Client")).singleElement().satisfies(c -> assertThat(c.get(3)).isEqualTo(clientId));
        assertThat(pdf).contains("Note: client name not configured for this service");

        // The digest recorded in the audit trail is the digest of the bytes served.
        assertThat(auditedDigest("evidence-csv")).isEqualTo(sha256(csvResponse.body()));
        assertThat(auditedDigest("evidence-pdf")).isEqualTo(sha256(pdfResponse.body()));
        assertThat(csvResponse.headers().firstValue("Repr-Digest")).hasValue("sha-256=:" + Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(sha256(csvResponse.body()))) + ":");

        // Auditor-grade printout: page numbers, generation time, the CSV's digest, an attestation block to sign, and
        // a tagged structure (marked, language, headings and paragraphs in reading order, footers as artifacts).
        assertThat(pdf).contains("Page 1 of ").contains("Generated ")
                .contains("SHA-256 of the CSV export of this evidence: " + sha256(csvResponse.body()))
                .contains("Attestation").contains("Signature:");
        try (PDDocument doc = Loader.loadPDF(pdfResponse.body())) {
            var catalog = doc.getDocumentCatalog();
            assertThat(catalog.getMarkInfo().isMarked()).isTrue();
            assertThat(catalog.getLanguage()).isEqualTo("en-US");
            assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();
            var documentElement = (org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement)
                    catalog.getStructureTreeRoot().getKids().get(0);
            assertThat(documentElement.getStructureType()).isEqualTo("Document");
            List<String> types = documentElement.getKids().stream().map(k -> ((org.apache.pdfbox.pdmodel
                    .documentinterchange.logicalstructure.PDStructureElement) k).getStructureType()).toList();
            assertThat(types.get(0)).isEqualTo("H1");
            assertThat(types).contains("H2", "H3", "P", "Table").containsOnly("H1", "H2", "H3", "P", "Table");
            // each element's marked content is on its page, in the parent tree: one entry per page
            assertThat(catalog.getStructureTreeRoot().getParentTreeNextKey()).isEqualTo(doc.getNumberOfPages());
            // every table starts with a row of TH header cells (column scope), then rows of TD cells
            assertThat(tables).hasSizeGreaterThanOrEqualTo(5).allSatisfy(t -> {
                assertThat(t.get(0)).allSatisfy(c -> assertThat(c.type()).isEqualTo("TH"));
                assertThat(t.subList(1, t.size())).allSatisfy(r -> assertThat(r)
                        .allSatisfy(c -> assertThat(c.type()).isEqualTo("TD")));
            });
        }
    }

    /** The body rows (cells' text) of the first table whose first header cell is {@code firstHeader}. */
    private static List<List<String>> table(List<List<List<PdfTables.Cell>>> tables, String firstHeader) {
        List<List<PdfTables.Cell>> table = tables.stream().filter(t -> t.get(0).get(0).text().equals(firstHeader))
                .findFirst().orElseThrow(() -> new AssertionError("no table headed " + firstHeader));
        return table.subList(1, table.size()).stream().map(r -> r.stream().map(PdfTables.Cell::text).toList())
                .toList();
    }

    @Test
    void onlyComplianceOfficersAndAdminsExportAndTheRangeIsChecked() throws Exception {
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-1)));
        LocalDate day = monday(0);
        block(day);
        String range = "?from=" + day + "&to=" + day.plusDays(6);
        assertThat(download("/api/clients/" + clientId + "/evidence/csv" + range, "staff").statusCode())
                .isEqualTo(403);
        assertThat(download("/api/clients/" + clientId + "/evidence/pdf" + range, "admin").statusCode())
                .isEqualTo(200);
        assertThat(download("/api/clients/" + clientId + "/evidence/csv?from=" + day + "&to=" + day.minusDays(1),
                "officer").statusCode()).isEqualTo(400);
        assertThat(download("/api/clients/" + newId() + "/evidence" + range, "officer").statusCode()).isEqualTo(404);
        assertThat(get("/api/clients/" + clientId + "/evidence" + range, "officer").json().get("programs").get(0)
                .get("dailyThresholdMinutes").asInt()).isEqualTo(180);
    }
}
