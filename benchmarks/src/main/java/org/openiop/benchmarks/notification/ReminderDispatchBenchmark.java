package org.openiop.benchmarks.notification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.openiop.benchmarks.ServiceProcess;
import org.openiop.testsupport.KafkaBrokerProcess;
import org.openiop.testsupport.TestInfrastructure;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

import com.sun.net.httpserver.HttpServer;

import jakarta.mail.internet.MimeMessage;

/**
 * 100,000 reminders due in the same minute, sent by the notification service from its PostgreSQL queue to an SMTP
 * server and a Twilio-compatible SMS endpoint: time until all are sent, lateness (sent minus due) p50/p99/max, and the
 * service's start-up to healthy, peak RSS and threads. The service runs in its own JVM as deployed
 * ({@link ServiceProcess}); the broker in another; the sinks and this driver in this one. For a ratio, the same sinks
 * are then driven directly (no queue, no database) with the same thread count.
 *
 * <p>Usage: ReminderDispatchBenchmark [reminders=100000] [threads=16]
 */
public final class ReminderDispatchBenchmark {

    private static final String NAMESPACE = "bench" + UUID.randomUUID().toString().substring(0, 6) + ".";

    public static void main(String[] args) throws Exception {
        int reminders = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(); Sinks sinks = Sinks.start(threads)) {
            createTopics(broker.bootstrapServers());
            String database = TestInfrastructure.newDatabase();
            System.out.println("   load average before the service starts: " + loadAverage());
            try (ServiceProcess service = ServiceProcess.start("notification-service", List.of(
                    "--spring.profiles.active=test",
                    "--spring.datasource.url=" + database,
                    "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                    "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                    "--spring.datasource.hikari.maximum-pool-size=" + (threads + 4),
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--iop.topic-namespace=" + NAMESPACE,
                    "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + sinks.smtpPort(),
                    "--iop.notification.sms.base-url=" + sinks.smsBaseUrl(),
                    "--iop.notification.dispatch.threads=" + threads,
                    "--iop.notification.dispatch.batch-size=500",
                    "--iop.notification.dispatch.poll-interval=200ms",
                    "--logging.level.root=WARN"))) {
                System.out.printf("Reminder dispatch benchmark: %,d reminders due in one minute, %d sender threads, "
                        + "%d cores, Java %s; the service in its own JVM, the SMTP and SMS sinks in this one%n",
                        reminders, threads, Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"));
                System.out.println("   load average at start: " + loadAverage());
                SingleConnectionDataSource db = new SingleConnectionDataSource(
                        database + (database.contains("?") ? "&" : "?") + "currentSchema=notification",
                        TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword(), true);
                run(JdbcClient.create(db), service, reminders);
                System.out.printf("   the sinks counted %,d emails and %,d SMS requests%n", sinks.emails.get(),
                        sinks.sms.get());
                System.out.println("   " + service.summary());
                System.out.print(service.nativeMemory());
                raw(sinks, Math.min(reminders, 20_000), threads);
                System.out.println("   load average at end: " + loadAverage());
                db.destroy();
            }
        }
        System.exit(0);
    }

    private static void run(JdbcClient jdbc, ServiceProcess service, int reminders) throws Exception {
        String program = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO program VALUES (:p, 'America/New_York', 'Suite 200', '+12125550188', now())")
                .param("p", program).update();
        int clients = Math.max(1, reminders / 10);
        // half the clients by email, half by SMS, ten reminders each
        jdbc.sql("""
                INSERT INTO client_contact (client_id, email, phone, channels, email_consent, sms_consent, language,
                    updated_at)
                SELECT 'client-' || i, 'client' || i || '@example.org', '+1212' || (2000000 + i),
                       CASE WHEN i % 2 = 0 THEN ARRAY['EMAIL'] ELSE ARRAY['SMS'] END, true, true,
                       CASE WHEN i % 5 = 0 THEN 'es' ELSE 'en' END, now()
                FROM generate_series(0, :n - 1) i""").param("n", clients).update();
        Instant minute = Instant.now().plusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long seeded = System.nanoTime();
        jdbc.sql("""
                INSERT INTO delivery (reference, kind, channel, occasion, audience, client_id, program_id, booking_id,
                    session_starts_at, session_ends_at, time_zone, due_at, status, next_attempt_at)
                SELECT 'booking-' || r, 'REMINDER_24H', CASE WHEN (r / 10) % 2 = 0 THEN 'EMAIL' ELSE 'SMS' END,
                       s.starts::text, 'CLIENT', 'client-' || (r / 10), :program, 'booking-' || r,
                       s.starts, s.starts + interval '3 hours', 'America/New_York', s.due, 'PLANNED', s.due
                FROM generate_series(0, :n - 1) r,
                     LATERAL (SELECT CAST(:minute AS timestamptz) + (r % 60) * interval '1 second' AS due,
                                     CAST(:minute AS timestamptz) + (r % 60) * interval '1 second' + interval '24 hours' AS starts) s""")
                .param("program", program).param("n", reminders).param("minute", Timestamp.from(minute)).update();
        System.out.printf("   seeded %,d reminders in %.1f s; first due %s, last due %s%n", reminders,
                (System.nanoTime() - seeded) / 1e9, minute, minute.plusSeconds(59));

        boolean census = false;
        while (true) {
            Thread.sleep(1000);
            int open = jdbc.sql("SELECT count(*) FROM delivery WHERE status IN ('PLANNED', 'SENDING')")
                    .query(Integer.class).single();
            if (open == 0) {
                break;
            }
            if (!census && open < reminders / 2) {
                census = true; // mid-burst: who holds the service's threads
                System.out.println("   service threads mid-burst (" + service.status("Threads") + "): "
                        + service.threadCensus());
            }
        }
        Map<String, Object> figures = jdbc.sql("""
                SELECT count(*) FILTER (WHERE status = 'SENT') AS sent,
                       count(*) FILTER (WHERE status <> 'SENT') AS not_sent,
                       count(*) FILTER (WHERE status = 'SENT' AND channel = 'EMAIL') AS emails,
                       max(sent_at) AS last_sent,
                       extract(epoch FROM max(sent_at) - min(due_at)) AS span,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)) AS p50,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)) AS p99,
                       max(extract(epoch FROM sent_at - due_at)) AS worst,
                       max(attempts) AS attempts
                FROM delivery""").query().singleRow();
        double span = ((Number) figures.get("span")).doubleValue();
        long sent = ((Number) figures.get("sent")).longValue();
        System.out.printf("   sent %,d (%,d email, %,d SMS), not sent %s, max attempts %s%n", sent,
                ((Number) figures.get("emails")).longValue(), sent - ((Number) figures.get("emails")).longValue(),
                figures.get("not_sent"), figures.get("attempts"));
        System.out.printf("   all sent %.1f s after the first became due (the due times span 59 s), %.1f s after the last "
                + "(goal: within 60 s): %,.0f messages/s%n", span, span - 59, sent / span);
        System.out.printf("   lateness (sent minus due): p50 %.1f s, p99 %.1f s, max %.1f s%n",
                ((Number) figures.get("p50")).doubleValue(), ((Number) figures.get("p99")).doubleValue(),
                ((Number) figures.get("worst")).doubleValue());
        lastRate = sent / span;
    }

    private static double lastRate;

    /**
     * The same sinks driven directly, with the same thread count: first each sink's own capacity (a message built once,
     * sent again and again on kept connections: what the sink can take), then the two channels half and half with a
     * message composed per send, as the service does (JavaMail MIME building and Spring's RestClient in this JVM).
     */
    private static void raw(Sinks sinks, int messages, int threads) throws Exception {
        double goal = 100_000 / 60.0;
        double smtpRate = smtpCapacity(sinks, messages, threads);
        double smsRate = smsCapacity(sinks, messages, threads);
        // half email, half SMS, each channel at its own capacity: the time is the sum of the two halves
        double sinkRate = 1 / (0.5 / smtpRate + 0.5 / smsRate);
        System.out.printf("   sink capacity, %d threads, kept connections, message built once: SMTP %,.0f messages/s, "
                + "SMS %,.0f requests/s; half and half %,.0f messages/s = %.1f x the goal (1,667/s; the issue asks 3 x)%n",
                threads, smtpRate, smsRate, sinkRate, sinkRate / goal);
        double composed = composedRate(sinks, messages, threads);
        System.out.printf("   raw sinks, same %d threads, no queue, message composed per send, 50 emails per SMTP "
                + "session, SMS over kept-alive HTTP: %,.0f messages/s; service/raw ratio %.2f; raw / goal %.2f%n",
                threads, composed, lastRate / composed, composed / goal);
    }

    private static double smtpCapacity(Sinks sinks, int messages, int threads) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(sinks.smtpPort()));
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(props);
        MimeMessage m = new MimeMessage(session);
        MimeMessageHelper h = new MimeMessageHelper(m, true, "UTF-8");
        h.setFrom("bench@openiop.local");
        h.setTo("raw@example.org");
        h.setSubject("Reminder: appointment on Monday, March 15, 2027");
        h.setText("Hello,\n\nThis is a reminder of your appointment.\n");
        h.addAttachment("appointment.ics", new jakarta.mail.util.ByteArrayDataSource(ICS,
                "text/calendar; charset=UTF-8; method=PUBLISH"));
        m.saveChanges();
        long before = sinks.emails.get();
        return timed(messages, threads, next -> {
            try (jakarta.mail.Transport transport = session.getTransport("smtp")) {
                transport.connect();
                while (next.getAndIncrement() < messages) {
                    transport.sendMessage(m, m.getAllRecipients());
                }
            }
        }, () -> sinks.emails.get() - before, "SMTP sink");
    }

    private static double smsCapacity(Sinks sinks, int messages, int threads) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sinks.smsBaseUrl()
                + "/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "To=%2B12123000000&From=%2B15005550006&Body=Reminder%3A+appointment+Monday"))
                .build();
        long before = sinks.sms.get();
        return timed(messages, threads, next -> {
            while (next.getAndIncrement() < messages) {
                http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
            }
        }, () -> sinks.sms.get() - before, "SMS sink");
    }

    private static double composedRate(Sinks sinks, int messages, int threads) throws Exception {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(sinks.smtpPort());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        RestClient sms = RestClient.builder().baseUrl(sinks.smsBaseUrl())
                .requestFactory(new JdkClientHttpRequestFactory(http))
                .defaultHeaders(hd -> hd.setBasicAuth("AC00000000000000000000000000000000", "local-token")).build();
        long before = sinks.emails.get() + sinks.sms.get();
        return timed(messages, threads, next -> {
            long i;
            List<MimeMessage> session = new ArrayList<>();
            while ((i = next.getAndIncrement()) < messages) {
                if (i % 2 == 0) {
                    MimeMessage m = mail.createMimeMessage();
                    MimeMessageHelper h = new MimeMessageHelper(m, true, "UTF-8");
                    h.setFrom("bench@openiop.local");
                    h.setTo("raw" + i + "@example.org");
                    h.setSubject("Reminder: appointment on Monday, March 15, 2027");
                    h.setText("Hello,\n\nThis is a reminder of your appointment.\n");
                    h.addAttachment("appointment.ics", new jakarta.mail.util.ByteArrayDataSource(ICS,
                            "text/calendar; charset=UTF-8; method=PUBLISH"));
                    session.add(m);
                    if (session.size() == 50) {
                        // one SMTP connection for the 50 (JavaMailSender.send of several messages)
                        mail.send(session.toArray(MimeMessage[]::new));
                        session.clear();
                    }
                } else {
                    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
                    form.add("To", "+1212" + (3000000 + i));
                    form.add("From", "+15005550006");
                    form.add("Body", "Reminder: appointment Monday, March 15, 2027 at 9:00 AM.");
                    sms.post().uri("/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json")
                            .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                            .body(form).retrieve().toBodilessEntity();
                }
            }
            if (!session.isEmpty()) {
                mail.send(session.toArray(MimeMessage[]::new));
            }
        }, () -> sinks.emails.get() + sinks.sms.get() - before, "composed");
    }

    private static final String ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nEND:VCALENDAR\r\n";

    interface Sender {
        void send(AtomicLong next) throws Exception;
    }

    /** Runs {@code threads} senders sharing one counter and checks the sink counted every message. */
    private static double timed(int messages, int threads, Sender sender, java.util.function.LongSupplier counted,
            String what) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                sender.send(next);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (counted.getAsLong() != messages) {
            throw new IllegalStateException(what + ": sent " + messages + ", the sink counted " + counted.getAsLong());
        }
        return messages / seconds;
    }

    /**
     * The providers' stand-ins, in the benchmark's JVM (not the service's): an SMTP server (SubEthaSMTP) that reads
     * each message whole and counts it without storing it, and a Twilio-shaped SMS endpoint on the JDK's HTTP server
     * (HTTP/1.1 keep-alive), answering 201 with a message sid. GreenMail was the SMTP sink before: it files every
     * message in an in-memory mailbox under one lock, which made the sink, not the service, the limit.
     */
    static final class Sinks implements AutoCloseable {
        final org.subethamail.smtp.server.SMTPServer smtp;
        final HttpServer http;
        final AtomicLong sms;
        final AtomicLong emails;
        final ExecutorService httpThreads;

        private Sinks(org.subethamail.smtp.server.SMTPServer smtp, AtomicLong emails, HttpServer http, AtomicLong sms,
                ExecutorService httpThreads) {
            this.smtp = smtp;
            this.emails = emails;
            this.http = http;
            this.sms = sms;
            this.httpThreads = httpThreads;
        }

        static Sinks start(int threads) throws IOException {
            AtomicLong emails = new AtomicLong();
            org.subethamail.smtp.server.SMTPServer smtp = org.subethamail.smtp.server.SMTPServer.port(0)
                    .bindAddress(java.net.InetAddress.getLoopbackAddress())
                    .maxConnections(4 * threads)
                    .messageHandler((context, from, to, data) -> {
                        if (data.length == 0) {
                            throw new org.subethamail.smtp.RejectException("empty message");
                        }
                        emails.incrementAndGet();
                    })
                    .build();
            smtp.start();
            AtomicLong sms = new AtomicLong();
            // The JDK's server writes a response's headers and body separately; without TCP_NODELAY the body waits for
            // the client's delayed ACK (40 ms on Linux), which capped this sink at ~25 requests/s per connection
            // (356/s with 16 senders, measured). A provider's endpoint does not add that stall.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            ExecutorService httpThreads = Executors.newFixedThreadPool(threads);
            http.setExecutor(httpThreads);
            http.createContext("/2010-04-01/Accounts/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] body = ("{\"sid\":\"SM" + sms.incrementAndGet() + "\",\"status\":\"queued\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            return new Sinks(smtp, emails, http, sms, httpThreads);
        }

        int smtpPort() {
            return smtp.getPortAllocated();
        }

        String smsBaseUrl() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        @Override
        public void close() {
            http.stop(0);
            httpThreads.shutdownNow();
            smtp.stop();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 120_000))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : List.of("iop.programs.v1", "iop.clients.v1", "iop.sessions.v1", "iop.attendance.v1",
                    "iop.compliance.v1")) {
                topics.add(new NewTopic(NAMESPACE + topic, 6, (short) 1));
                topics.add(new NewTopic(NAMESPACE + topic + ".DLT", 6, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private ReminderDispatchBenchmark() {
    }
}
