package org.openiop.benchmarks.faults;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

/**
 * What staff do, through the services' APIs: a program, its clients, group sessions, every client booked into every
 * session, and one roster call per session recording everyone PRESENT (a batch of attendance records). Bookings and
 * roster calls run together: a session's roster is called as soon as attendance-service knows all its bookings.
 */
final class Workload {

    static final int SESSION_MINUTES = 60;
    private static final int BOOKING_THREADS = 8;

    private final StaffApi programs;
    private final StaffApi scheduling;
    private final StaffApi attendance;
    private final StaffApi notification;

    Workload(StaffApi programs, StaffApi scheduling, StaffApi attendance, StaffApi notification) {
        this.programs = programs;
        this.scheduling = scheduling;
        this.attendance = attendance;
        this.notification = notification;
    }

    /** One fault's own program, so its figures are counted apart from the others'. */
    final class Program {
        final String id;
        final List<String> clients = new ArrayList<>();
        final List<String> sessions = new ArrayList<>();
        final AtomicInteger booked = new AtomicInteger();
        final AtomicInteger recorded = new AtomicInteger();

        Program(String id) {
            this.id = id;
        }

        int bookings() {
            return clients.size() * sessions.size();
        }

        /** Books every client into every session (session by session), recording each full session's roster. */
        void bookAndRecord(boolean record) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(BOOKING_THREADS + 1);
            try {
                AtomicInteger next = new AtomicInteger();
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < BOOKING_THREADS; t++) {
                    running.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < bookings()) {
                            String session = sessions.get(i / clients.size());
                            // 409 on a retry: the first attempt did book (the client is already in this session)
                            scheduling.post("/api/sessions/" + session + "/bookings",
                                    Map.of("clientId", clients.get(i % clients.size())), 409);
                            booked.incrementAndGet();
                        }
                        return null;
                    }));
                }
                if (record) {
                    running.add(pool.submit(() -> {
                        for (String session : sessions) {
                            recordRoster(session);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private void recordRoster(String session) {
            List<Map<String, Object>> entries = new ArrayList<>();
            while (true) {
                entries.clear();
                JsonNode roster = attendance.get("/api/sessions/" + session + "/roster");
                for (JsonNode booking : roster) {
                    entries.add(Map.of("bookingId", booking.path("bookingId").asString(), "presence", "PRESENT"));
                }
                if (entries.size() == clients.size()) {
                    break;
                }
                Pause.of(java.time.Duration.ofMillis(300)); // the session's SessionScheduled events are on their way
            }
            // 409 on a retry: the first attempt did record the whole roster (all lines or none)
            attendance.post("/api/sessions/" + session + "/roster", Map.of("entries", entries), 409);
            recorded.addAndGet(entries.size());
        }
    }

    /** A program with group sessions on weekdays a year ahead, 10:00-11:00 New York time, one per day. */
    Program program(String label, int clients, int sessions) {
        Program p = new Program(createProgram(label, "America/New_York"));
        LocalDate monday = LocalDate.now().plusYears(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        enrol(p, clients, LocalDate.now(), null);
        for (int s = 0; s < sessions; s++) {
            LocalDate day = monday.plusWeeks(s / 5).plusDays(s % 5);
            p.sessions.add(session(p.id, day, "10:00", "11:00", clients));
        }
        return p;
    }

    /**
     * A program whose sessions start within the day (UTC), from 4 hours ahead, one an hour: each booking is inside
     * the 24-hour reminder offset, so notification-service sends a confirmation at once. Each client has an email
     * address on {@code domain}, so the SMTP sink can tell the messages apart.
     */
    Program soonProgram(String label, int clients, int sessions, String domain) {
        Program p = new Program(createProgram(label, "Etc/UTC"));
        enrol(p, clients, LocalDate.now(ZoneOffset.UTC).minusDays(1), domain);
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(4, ChronoUnit.HOURS);
        for (int s = 0; s < sessions; s++) {
            var start = first.plus(s, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
            p.sessions.add(session(p.id, start.toLocalDate(), String.format("%02d:00", start.getHour()),
                    String.format("%02d:30", start.getHour()), clients));
        }
        return p;
    }

    private String createProgram(String label, String zone) {
        return programs.post("/api/programs", Map.of("name", "Fault suite " + label + " " + UUID.randomUUID(),
                "timeZone", zone, "locationLabel", "Suite 100", "phone", "+15551230000")).path("id").asString();
    }

    private void enrol(Program p, int clients, LocalDate admission, String emailDomain) {
        for (int c = 0; c < clients; c++) {
            String id = UUID.randomUUID().toString();
            scheduling.post("/api/programs/" + p.id + "/enrolments", Map.of("clientId", id, "displayName", "Client " + c,
                    "dateOfBirth", "1990-01-01", "admissionDate", admission.toString()), 409);
            if (emailDomain != null) {
                notification.put("/api/clients/" + id + "/contact", Map.of("email", "c" + c + "@" + emailDomain,
                        "channels", List.of("EMAIL"), "consent", Map.of("EMAIL", true), "language", "en"));
            }
            p.clients.add(id);
        }
    }

    private String session(String program, LocalDate day, String start, String end, int capacity) {
        return scheduling.post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP", "date", day.toString(),
                "startTime", start, "endTime", end, "capacity", capacity)).path("id").asString();
    }
}
