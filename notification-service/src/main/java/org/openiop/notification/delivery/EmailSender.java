package org.openiop.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.openiop.notification.NotificationProperties;
import org.openiop.notification.contact.Channel;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

/** Email over real SMTP (Spring Mail's session, connections kept between messages), with the session's .ics attached. */
@Component
class EmailSender implements ChannelSender, DisposableBean {

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader (a classpath scan) for every multipart and
        // header it builds (jakartaee/mail-api#699, #861): in a burst the senders spent about a third of their time
        // reading jars. Naming the implementation makes the lookup a loaded-class instantiation.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final JavaMailSender mail;
    private final String from;
    /** Kept SMTP connections (Spring Mail opens and closes one per message); null for a non-JavaMail sender. */
    private final SmtpConnections connections;
    /**
     * The one timer thread of every SMTP connection's write timeout. Angus Mail otherwise starts a scheduled thread pool
     * (a thread with its stack) for each socket it opens when {@code mail.smtp.writetimeout} is set: a burst that opens
     * and recycles connections started one per connection.
     */
    private final ScheduledThreadPoolExecutor writeTimeouts;

    EmailSender(JavaMailSender mail, NotificationProperties properties) {
        this.mail = mail;
        this.from = properties.email().from();
        this.writeTimeouts = mail instanceof JavaMailSenderImpl impl ? shareWriteTimeoutTimer(impl) : null;
        this.connections = mail instanceof JavaMailSenderImpl impl ? new SmtpConnections(impl,
                properties.email().messagesPerConnection(), properties.email().connectionIdleLimit()) : null;
    }

    /** Hands Angus Mail one timer for the write timeouts of all connections (its {@code executor.writetimeout}). */
    static ScheduledThreadPoolExecutor shareWriteTimeoutTimer(JavaMailSenderImpl impl) {
        Properties props = new Properties();
        props.putAll(impl.getJavaMailProperties());
        String protocol = impl.getProtocol() == null ? "smtp" : impl.getProtocol();
        if (props.getProperty("mail." + protocol + ".writetimeout") == null
                || props.get("mail." + protocol + ".executor.writetimeout") != null) {
            return null;
        }
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "smtp-write-timeout");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a write that finished in time leaves no task behind
        props.put("mail." + protocol + ".executor.writetimeout", timer);
        impl.setJavaMailProperties(props); // also drops a session made before, so the next one carries the timer
        return timer;
    }

    @Override
    public void destroy() {
        if (connections != null) {
            connections.close();
        }
        if (writeTimeouts != null) {
            writeTimeouts.shutdownNow();
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String send(OutgoingMessage message) throws DeliveryFailure {
        MimeMessage mime = mail.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(mime, message.calendar() != null,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(InternetAddress.parse(message.to()));
            helper.setSubject(message.subject());
            helper.setText(message.text());
            if (message.calendar() != null) {
                String method = message.cancel() ? "CANCEL" : "PUBLISH";
                helper.addAttachment("appointment.ics", new ByteArrayDataSource(
                        message.calendar().getBytes(StandardCharsets.UTF_8),
                        "text/calendar; charset=UTF-8; method=" + method));
            }
        } catch (MessagingException e) {
            throw new DeliveryFailure(true, "email could not be composed: " + e.getClass().getSimpleName(), e);
        }
        try {
            if (connections != null) {
                connections.send(mime);
            } else {
                mail.send(mime);
            }
            return mime.getMessageID();
        } catch (MailParseException | MailPreparationException e) {
            throw new DeliveryFailure(true, "email refused: " + e.getClass().getSimpleName(), e);
        } catch (MailException | MessagingException e) {
            Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
            boolean refusedAddress = hasCause(e, SendFailedException.class)
                    && root.getClass().getSimpleName().equals("SMTPAddressFailedException");
            throw new DeliveryFailure(refusedAddress, "SMTP " + (refusedAddress ? "refused the address" : "failed")
                    + ": " + root.getClass().getSimpleName(), e);
        }
    }

    private static boolean hasCause(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c instanceof org.springframework.mail.MailSendException send) {
                for (Exception failed : send.getFailedMessages().values()) {
                    if (hasCause(failed, type)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
