package org.openiop.notification.delivery;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Open SMTP connections kept between messages: each sender thread borrows one, sends, and gives it back, so a burst
 * pays for TCP, EHLO, STARTTLS and AUTH once per connection instead of once per message. A connection is closed after
 * {@code messagesPerConnection} messages (providers cap messages per session), when it has been idle longer than
 * {@code idleLimit} (servers drop idle sessions; better not to find out mid-send) and after any failure (its state
 * is unknown). At most one connection per sender thread exists, since each is borrowed by one thread at a time.
 */
class SmtpConnections implements AutoCloseable {

    private static final long RECENT_NANOS = Duration.ofSeconds(1).toNanos();

    private final JavaMailSenderImpl mail;
    private final int messagesPerConnection;
    private final Duration idleLimit;
    private final BlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private final AtomicLong opened = new AtomicLong();
    private volatile boolean closed;

    SmtpConnections(JavaMailSenderImpl mail, int messagesPerConnection, Duration idleLimit) {
        this.mail = mail;
        this.messagesPerConnection = messagesPerConnection;
        this.idleLimit = idleLimit;
    }

    private static final class Connection {
        final Transport transport;
        int sent;
        long lastUsed = System.nanoTime();

        Connection(Transport transport) {
            this.transport = transport;
        }
    }

    /**
     * Sends one message over a kept connection (or a new one), as {@link JavaMailSenderImpl#send} would: sent date,
     * Message-ID kept, all recipients.
     */
    void send(MimeMessage message) throws MessagingException {
        Connection connection = borrow();
        try {
            if (message.getSentDate() == null) {
                message.setSentDate(new Date());
            }
            String messageId = message.getMessageID();
            message.saveChanges();
            if (messageId != null) {
                message.setHeader("Message-ID", messageId);
            }
            Address[] recipients = message.getAllRecipients();
            connection.transport.sendMessage(message, recipients == null ? new Address[0] : recipients);
        } catch (MessagingException | RuntimeException e) {
            discard(connection);
            throw e;
        }
        connection.sent++;
        connection.lastUsed = System.nanoTime();
        if (connection.sent >= messagesPerConnection || closed) {
            discard(connection);
        } else {
            idle.offerFirst(connection);
        }
    }

    /**
     * The most recently used idle connection still fresh enough, else a new one. One used in the last second is taken
     * as is (a burst pays no extra round trip); an older one is asked first (NOOP).
     */
    private Connection borrow() throws MessagingException {
        long now = System.nanoTime();
        for (Connection c; (c = idle.pollFirst()) != null;) {
            long idleNanos = now - c.lastUsed;
            if (idleNanos < idleLimit.toNanos() && (idleNanos < RECENT_NANOS || c.transport.isConnected())) {
                return c;
            }
            discard(c);
        }
        Transport transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
        transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
        opened.incrementAndGet();
        return new Connection(transport);
    }

    private static void discard(Connection connection) {
        try {
            connection.transport.close();
        } catch (MessagingException | RuntimeException e) {
            // already broken: nothing to hand back
        }
    }

    /** Connections kept idle right now. */
    int idleCount() {
        return idle.size();
    }

    /** Connections opened since start. */
    long opened() {
        return opened.get();
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c; (c = idle.pollFirst()) != null;) {
            discard(c);
        }
    }
}
