package org.openiop.scheduling.session;

import java.net.URI;
import java.util.UUID;


/**
 * The meeting link of a video session, kept by the {@code telehealth} package (which depends on this one): declared
 * here so that {@code session} does not depend back on it.
 */
public interface SessionJoinLinks {

    /** The link a session of this modality needs, checked (400 on {@code joinUrl}); null for an in-person one. */
    URI checked(Modality modality, String joinUrl);

    void set(UUID sessionId, URI url);
}
