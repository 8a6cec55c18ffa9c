package org.openiop.notification.reminder;

import java.time.Instant;

import org.openiop.notification.contact.Channel;

/** One message the planner wants sent: what kind, over which channel, when. */
record PlannedMessage(String kind, Channel channel, Instant dueAt) {
}
