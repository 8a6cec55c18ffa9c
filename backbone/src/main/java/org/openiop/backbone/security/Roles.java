package org.openiop.backbone.security;

/** The platform's roles (Spring Security authorities carry the ROLE_ prefix). */
public final class Roles {

    public static final String STAFF = "STAFF";
    public static final String COMPLIANCE_OFFICER = "COMPLIANCE_OFFICER";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
