package org.openiop.attendance.evidence;

import static org.openiop.backbone.security.Roles.ADMIN;
import static org.openiop.backbone.security.Roles.COMPLIANCE_OFFICER;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's evidence for a date range: as JSON (the officer's drill-down), CSV and a printable PDF. Each export's
 * SHA-256 is recorded in the audit trail (and sent as {@code Repr-Digest}), so a copy handed to an auditor later can
 * be checked against what was served.
 */
@RestController
class EvidenceController {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final EvidenceReader reader;
    private final AuditTrail audit;

    EvidenceController(EvidenceReader reader, AuditTrail audit) {
        this.reader = reader;
        this.audit = audit;
    }

    @GetMapping("/api/clients/{clientId}/evidence")
    ClientEvidence evidence(@PathVariable String clientId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        ClientEvidence evidence = reader.read(clientId, from, to);
        audit.read("evidence", clientId);
        return evidence;
    }

    @GetMapping("/api/clients/{clientId}/evidence/csv")
    ResponseEntity<byte[]> csv(@PathVariable String clientId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        byte[] body = EvidenceCsv.render(reader.read(clientId, from, to));
        return served(clientId, from, to, body, "csv", CSV);
    }

    @GetMapping("/api/clients/{clientId}/evidence/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String clientId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        byte[] body = EvidencePdf.render(reader.read(clientId, from, to));
        return served(clientId, from, to, body, "pdf", MediaType.APPLICATION_PDF);
    }

    private ResponseEntity<byte[]> served(String clientId, LocalDate from, LocalDate to, byte[] body, String format,
            MediaType type) {
        byte[] digest = sha256(body);
        audit.record("EXPORT", "evidence-" + format, clientId,
                "sha256=" + HexFormat.of().formatHex(digest) + " from=" + from + " to=" + to + " bytes=" + body.length);
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("evidence-" + clientId + "-" + from + "-" + to + "." + format).build().toString())
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":")
                .body(body);
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Access {

        @Bean
        AuthorizationRules evidenceAccess() {
            return requests -> requests.requestMatchers("/api/clients/*/evidence", "/api/clients/*/evidence/**")
                    .hasAnyRole(COMPLIANCE_OFFICER, ADMIN);
        }
    }
}
