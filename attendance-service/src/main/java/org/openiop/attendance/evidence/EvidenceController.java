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
import org.springframework.web.bind.annotation.RequestHeader;
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
    private final ClientDirectory directory;

    EvidenceController(EvidenceReader reader, AuditTrail audit, ClientDirectory directory) {
        this.directory = directory;
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
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        ClientEvidence evidence = reader.read(clientId, from, to);
        ClientDirectory.Identity identity = identity(evidence, authorization);
        return served(evidence, identity, EvidenceCsv.render(evidence, identity), "csv", CSV);
    }

    @GetMapping("/api/clients/{clientId}/evidence/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String clientId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        ClientEvidence evidence = reader.read(clientId, from, to);
        ClientDirectory.Identity identity = identity(evidence, authorization);
        return served(evidence, identity, EvidencePdf.render(evidence, identity), "pdf", MediaType.APPLICATION_PDF);
    }

    /** The client's name, birth date and track and the programs' names, asked of scheduling as the caller (ADR 0012). */
    private ClientDirectory.Identity identity(ClientEvidence evidence, String authorization) {
        return directory.lookUp(evidence.clientId(),
                evidence.programs().stream().map(ClientEvidence.ProgramEvidence::programId).toList(), authorization);
    }

    private ResponseEntity<byte[]> served(ClientEvidence evidence, ClientDirectory.Identity identity, byte[] body,
            String format, MediaType type) {
        byte[] digest = sha256(body);
        audit.record("EXPORT", "evidence-" + format, evidence.clientId(), "sha256=" + HexFormat.of().formatHex(digest)
                + " from=" + evidence.from() + " to=" + evidence.to() + " bytes=" + body.length + " identity="
                + (identity.note() == null ? "scheduling-service" : "unavailable"));
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName(evidence, identity, format)).build().toString())
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":")
                .body(body);
    }

    /**
     * What an auditor can file by: the program's name, the range and a short client reference, never the client's
     * name or birth date (a file name shows in listings, mail and logs), e.g.
     * {@code evidence-riverside-evening-iop-2026-11-02-to-2026-11-08-client-3f2a9c1e.pdf}.
     */
    static String fileName(ClientEvidence e, ClientDirectory.Identity identity, String format) {
        String program = e.programs().isEmpty() ? "no-program" : slug(identity.programName(
                e.programs().get(e.programs().size() - 1).programId()));
        return "evidence-" + program + "-" + e.from() + "-to-" + e.to() + "-client-"
                + e.clientId().substring(0, Math.min(8, e.clientId().length())) + "." + format;
    }

    private static String slug(String name) {
        String s = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        s = s.length() > 48 ? s.substring(0, 48).replaceAll("-+$", "") : s;
        return s.isEmpty() ? "program" : s;
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
