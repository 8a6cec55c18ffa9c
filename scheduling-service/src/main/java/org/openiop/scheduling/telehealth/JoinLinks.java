package org.openiop.scheduling.telehealth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.session.SessionJoinLinks;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The meeting link of a telehealth or hybrid session: checked, kept ({@link JoinLinkRepository}) and audited. Held
 * here only: never in an event, a log line or the session view. Clients reach it through their join code ({@link JoinController}).
 */
@Component
class JoinLinks implements SessionJoinLinks {

    private final JoinLinkRepository links;
    private final AuditTrail audit;

    JoinLinks(JoinLinkRepository links, AuditTrail audit) {
        this.links = links;
        this.audit = audit;
    }

    /** A video session needs an absolute https link; an in-person one must not have one (400 on {@code joinUrl}). */
    public static URI checkedUrl(Modality modality, String joinUrl) {
        boolean blank = joinUrl == null || joinUrl.isBlank();
        if (modality == Modality.IN_PERSON) {
            if (!blank) {
                throw RuleViolation.invalid("joinUrl", "an in-person session has no join link; set modality "
                        + "TELEHEALTH or HYBRID");
            }
            return null;
        }
        if (blank) {
            throw RuleViolation.invalid("joinUrl", "a " + modality + " session needs the meeting's join link");
        }
        try {
            URI uri = new URI(joinUrl.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null) {
                throw RuleViolation.invalid("joinUrl", "joinUrl must be an absolute https link");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw RuleViolation.invalid("joinUrl", "joinUrl is not a valid link");
        }
    }

    @Override
    public URI checked(Modality modality, String joinUrl) {
        return checkedUrl(modality, joinUrl);
    }

    @Override
    public void set(UUID sessionId, URI url) {
        String by = SecurityContextHolder.getContext().getAuthentication() == null ? "system"
                : SecurityContextHolder.getContext().getAuthentication().getName();
        links.put(sessionId, url, by);
        audit.record("CHANGE", "session-join-link", null, "session " + sessionId);
    }

    /** The session is held in person again: its link is gone (audited like a change). */
    public void remove(UUID sessionId) {
        if (links.delete(sessionId)) {
            audit.record("CHANGE", "session-join-link", null, "session " + sessionId + " link removed");
        }
    }

    public Optional<URI> find(UUID sessionId) {
        return links.find(sessionId);
    }
}
