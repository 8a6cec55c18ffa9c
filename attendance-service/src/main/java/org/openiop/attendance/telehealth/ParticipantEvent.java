package org.openiop.attendance.telehealth;

import java.time.Instant;

/**
 * One thing a platform reported about a meeting, in platform-neutral terms.
 *
 * @param meetingInstance the platform's id of this occurrence of the meeting (recurring meetings reuse their number)
 * @param participantKey  the platform's id of the participant in this occurrence; null for {@link Kind#MEETING_ENDED}
 * @param displayName     the name shown in the meeting (searched for the join tag; shown to staff; never logged)
 * @param identifier      a platform field set from the join link (registrant id, customer key), if any
 * @param at              when it happened (join, leave or end time)
 * @param joinedAt        on a leave, the join it ends when the platform says so (lets a leave arrive first)
 */
record ParticipantEvent(Kind kind, String meetingInstance, String participantKey, String displayName,
        String identifier, Instant at, Instant joinedAt) {

    public enum Kind {
        JOINED, LEFT, MEETING_ENDED
    }
}
