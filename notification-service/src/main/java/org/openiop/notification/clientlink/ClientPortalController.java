package org.openiop.notification.clientlink;

import java.util.List;

import org.openiop.backbone.security.ClientLinkPrincipal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/**
 * The client's own API, reached only with their signed link (ROLE_CLIENT): no client id in any path, so a link can
 * only ever name the client it was issued for.
 */
@RestController
@RequestMapping("/api/client-portal")
class ClientPortalController {

    private final ClientPortal portal;

    ClientPortalController(ClientPortal portal) {
        this.portal = portal;
    }

    @GetMapping("/appointments")
    List<Appointment> appointments(@AuthenticationPrincipal ClientLinkPrincipal link) {
        return portal.appointments(link.clientId(), "appointments");
    }

    /** A calendar subscription: the token may come as {@code ?link=}, since calendar apps cannot send headers. */
    @GetMapping(value = "/calendar.ics", produces = "text/calendar")
    ResponseEntity<String> calendar(@AuthenticationPrincipal ClientLinkPrincipal link) {
        String feed = CalendarFeed.of(portal.appointments(link.clientId(), "calendar-feed"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar;charset=UTF-8"))
                .header("Content-Disposition", "inline; filename=\"appointments.ics\"").body(feed);
    }

    @GetMapping("/preferences")
    Preferences preferences(@AuthenticationPrincipal ClientLinkPrincipal link) {
        return portal.preferences(link.clientId());
    }

    @PutMapping("/preferences")
    Preferences change(@AuthenticationPrincipal ClientLinkPrincipal link, @Valid @RequestBody PreferencesChange change) {
        return portal.change(link.clientId(), change);
    }
}
