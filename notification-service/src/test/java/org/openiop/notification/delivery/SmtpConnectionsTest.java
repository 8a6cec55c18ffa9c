package org.openiop.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Many messages per SMTP session, a fresh session after the cap, after idling and after a failure. */
class SmtpConnectionsTest {

    private GreenMail smtp;
    private JavaMailSenderImpl mail;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private MimeMessage message(int i) throws MessagingException {
        MimeMessage m = mail.createMimeMessage();
        MimeMessageHelper h = new MimeMessageHelper(m, "UTF-8");
        h.setFrom("reminders@openiop.local");
        h.setTo("client" + i + "@example.org");
        h.setSubject("Reminder " + i);
        h.setText("Hello " + i);
        return m;
    }

    @Test
    void aBurstGoesOverOneConnectionUntilItsCap() throws Exception {
        try (SmtpConnections connections = new SmtpConnections(mail, 4, Duration.ofSeconds(20))) {
            for (int i = 0; i < 10; i++) {
                connections.send(message(i));
            }
            assertThat(smtp.getReceivedMessages()).hasSize(10);
            assertThat(connections.opened()).isEqualTo(3);
            assertThat(connections.idleCount()).isEqualTo(1);
        }
    }

    @Test
    void anIdleConnectionIsNotReusedAndABrokenOneIsReplaced() throws Exception {
        try (SmtpConnections connections = new SmtpConnections(mail, 100, Duration.ofMillis(200))) {
            connections.send(message(1));
            java.time.Instant idleFrom = java.time.Instant.now();
            org.awaitility.Awaitility.await().pollInterval(Duration.ofMillis(20))
                    .until(() -> java.time.Instant.now().isAfter(idleFrom.plusMillis(300)));
            connections.send(message(2));
            assertThat(connections.opened()).isEqualTo(2);

            int port = smtp.getSmtp().getPort();
            smtp.stop();
            assertThatThrownBy(() -> connections.send(message(3))).isInstanceOf(MessagingException.class);
            assertThat(connections.idleCount()).isZero();
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            connections.send(message(4));
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        }
    }

    @Test
    void connectionsWithAWriteTimeoutShareOneTimerThread() throws Exception {
        mail.getJavaMailProperties().setProperty("mail.smtp.writetimeout", "10000");
        java.util.concurrent.ScheduledThreadPoolExecutor timer = EmailSender.shareWriteTimeoutTimer(mail);
        java.util.List<jakarta.mail.Transport> open = new java.util.ArrayList<>();
        java.util.Set<Thread> before = timerThreads();
        try {
            for (int i = 0; i < 4; i++) {
                jakarta.mail.Transport t = mail.getSession().getTransport("smtp");
                t.connect(mail.getHost(), mail.getPort(), null, null);
                t.sendMessage(message(i), message(i).getAllRecipients());
                open.add(t);
            }
            // Angus Mail alone starts a scheduled pool per socket with a write timeout (default thread factory, so
            // "pool-N-thread-1"): 4 here. Only the timer threads started during these sends, by that name, count:
            // a JVM-wide count also saw other components' timers start meanwhile (a flake under load).
            java.util.Set<Thread> started = timerThreads();
            started.removeAll(before);
            assertThat(started).filteredOn(t -> t.getName().startsWith("pool-")).isEmpty();
            assertThat(timer.getLargestPoolSize()).as("writes timed on the shared timer").isEqualTo(1);
            assertThat(smtp.getReceivedMessages()).hasSize(4);
        } finally {
            for (jakarta.mail.Transport t : open) {
                t.close();
            }
            timer.shutdownNow();
        }
    }

    /** Live threads waiting in a scheduled executor's queue (a timer thread). */
    private static java.util.Set<Thread> timerThreads() {
        return Thread.getAllStackTraces().entrySet().stream().filter(e -> java.util.Arrays.stream(e.getValue())
                .anyMatch(f -> f.getClassName().endsWith("ScheduledThreadPoolExecutor$DelayedWorkQueue")))
                .map(java.util.Map.Entry::getKey).collect(java.util.stream.Collectors.toCollection(
                        java.util.HashSet::new));
    }
}
