package org.openiop.notification.followup;

import java.time.LocalDate;

import org.openiop.notification.NotificationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links from staff and officer alerts to the front door's pages that show the clients concerned. Alerts name no client
 * (an email may be read anywhere): whoever follows the link signs in and sees them there.
 */
@Component
class AlertLinks {

    private final String base;

    AlertLinks(NotificationProperties properties) {
        String url = properties.alerts().pageUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The officer's view of a program week, narrowed to one status. */
    String week(String programId, LocalDate weekStart, String status) {
        return UriComponentsBuilder.fromUriString(base).path("/officer/programs/{program}/weeks/{week}")
                .queryParamIfPresent("status", java.util.Optional.ofNullable(status))
                .buildAndExpand(programId, weekStart).toUriString();
    }

    /** The staff roster of one day. */
    String roster(String programId, LocalDate day) {
        return UriComponentsBuilder.fromUriString(base).path("/staff/programs/{program}/roster")
                .queryParam("date", day).buildAndExpand(programId).toUriString();
    }

    /** The staff's client list of a program. */
    String clients(String programId) {
        return UriComponentsBuilder.fromUriString(base).path("/staff/programs/{program}/clients")
                .buildAndExpand(programId).toUriString();
    }
}
