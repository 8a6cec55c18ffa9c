-- The week closer (ComplianceStore.unjudgedClosedWeeks, every minute) looks only at enrolments still running or that
-- ended within the close grace and two weeks; this finds them without reading every enrolment ever.
CREATE INDEX compliance_enrolment_leaves
    ON compliance_enrolment ((coalesce(discharge_date, planned_discharge_date, 'infinity'::date)))
    WHERE track IS NOT NULL AND admission_date IS NOT NULL;
