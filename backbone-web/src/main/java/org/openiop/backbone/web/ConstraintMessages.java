package org.openiop.backbone.web;

import java.util.Map;

/**
 * Translates the names of database constraints (the rules PostgreSQL enforces under concurrency) into the problem a
 * caller sees. Each service contributes a bean naming its own constraints.
 */
public interface ConstraintMessages {

    /** Constraint name to the violation reported for it. */
    Map<String, RuleViolation> byConstraint();
}
