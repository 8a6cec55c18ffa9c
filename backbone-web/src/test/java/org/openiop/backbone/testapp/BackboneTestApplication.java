package org.openiop.backbone.testapp;

import org.openiop.backbone.IopService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal application on backbone-web alone, the way web-ui uses it: security, problem+json, the input policy and
 * the audit trail (its test endpoints are in this package).
 */
@SpringBootApplication
@IopService("backbonetest")
public class BackboneTestApplication {
}
