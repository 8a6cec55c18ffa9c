package org.openiop.scheduling.series;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.booking.BookingRepository;
import org.openiop.scheduling.waitlist.SeriesWaitlist;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

@RestController
class SeriesController {

    private final SeriesService service;
    private final SeriesRepository series;
    private final BookingRepository bookings;
    private final AuditTrail audit;
    private final SeriesWaitlisting waitlisting;
    private final SeriesWaitlist waitlist;

    SeriesController(SeriesService service, SeriesRepository series, BookingRepository bookings, AuditTrail audit,
            SeriesWaitlisting waitlisting, SeriesWaitlist waitlist) {
        this.waitlisting = waitlisting;
        this.waitlist = waitlist;
        this.service = service;
        this.series = series;
        this.bookings = bookings;
        this.audit = audit;
    }

    /** A series with its rules (one per step), every seat it has held and its days on a waitlist. */
    record SeriesView(Series series, List<SeriesRepository.Rule> rules, List<Occurrence> occurrences,
            List<SeriesWaitlist.SeriesEntry> waitlist) {
    }

    /** Dry run: every day of the series with what booking it would do now; nothing is saved or published. */
    @PostMapping("/api/programs/{programId}/series/preview")
    SeriesService.Report preview(@PathVariable UUID programId, @Valid @RequestBody SeriesRequests.Create request) {
        return service.create(programId, request, true);
    }

    /** Books the days that are clean and reports the rest (closed days skipped, refused days with their rule). */
    @PostMapping("/api/programs/{programId}/series")
    ResponseEntity<SeriesService.Report> create(@PathVariable UUID programId,
            @Valid @RequestBody SeriesRequests.Create request) {
        SeriesService.Report report = service.create(programId, request, false);
        return ResponseEntity.created(URI.create("/api/series/" + report.seriesId())).body(report);
    }

    @GetMapping("/api/series/{seriesId}")
    SeriesView get(@PathVariable UUID seriesId) {
        Series s = series.find(seriesId).orElseThrow(() -> RuleViolation.notFound("seriesId", "Series", seriesId));
        audit.read("series", s.clientId().toString());
        return new SeriesView(s, series.rules(seriesId), bookings.inSeries(seriesId).stream()
                .map(b -> new Occurrence(b.date(), b.startsAt(), b.endsAt(), b.status(), null, null, b.sessionId(),
                        b.bookingId(), null))
                .toList(), waitlist.ofSeries(seriesId));
    }

    /**
     * Puts the series' client on the waitlist of every remaining day whose group is full (one entry per session,
     * linked to the series); days with a free seat or the wrong rule are reported, not waitlisted.
     */
    @PostMapping("/api/series/{seriesId}/waitlist")
    SeriesWaitlisting.Report waitlist(@PathVariable UUID seriesId, java.security.Principal who) {
        return waitlisting.waitlistRest(seriesId, who.getName());
    }

    @GetMapping("/api/clients/{clientId}/series")
    List<Series> ofClient(@PathVariable UUID clientId) {
        audit.read("series", clientId.toString());
        return series.ofClient(clientId);
    }

    @PostMapping("/api/series/{seriesId}/frequency")
    SeriesService.Report changeFrequency(@PathVariable UUID seriesId,
            @Valid @RequestBody SeriesRequests.ChangeFrequency request) {
        return service.changeFrequency(seriesId, request);
    }

    @PostMapping("/api/series/{seriesId}/cancel")
    SeriesService.Report cancelRest(@PathVariable UUID seriesId,
            @Valid @RequestBody(required = false) SeriesRequests.CancelRest request) {
        return service.cancelRest(seriesId, request == null ? new SeriesRequests.CancelRest(null, null, null) : request);
    }
}
