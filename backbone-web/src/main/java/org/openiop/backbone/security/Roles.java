package org.openiop.backbone.security;

/** The platform's roles (Spring Security authorities carry the ROLE_ prefix). */
public final class Roles {

    public static final String STAFF = "STAFF";
    public static final String COMPLIANCE_OFFICER = "COMPLIANCE_OFFICER";
    public static final String ADMIN = "ADMIN";
    /**
     * Not a staff role: the scope of a client's signed link (see {@link ClientLinkVerifier}). It reaches only the
     * client's own schedule and preferences, never a staff endpoint.
     */
    public static final String CLIENT = "CLIENT";

    private Roles() {
    }
}
