package org.openiop.scheduling.offer;

import java.util.List;
import java.util.Map;

import org.openiop.backbone.web.ConstraintMessages;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The offer's database rules as problems. */
@Component
class OfferRefusals implements ConstraintMessages {

    private static final Map<String, RuleViolation> RULES = Map.of(
            "makeup_offer_one_open", new RuleViolation(HttpStatus.CONFLICT, "offer-open",
                    "The client already has an open make-up offer: it closes when accepted or when its last option "
                            + "starts",
                    List.of(new RuleViolation.FieldProblem("clientId", "an open make-up offer exists"))));

    @Override
    public Map<String, RuleViolation> byConstraint() {
        return RULES;
    }
}
