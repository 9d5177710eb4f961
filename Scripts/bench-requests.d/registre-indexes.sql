-- The indexes `registre datasets check` asks for on the scaled Fides sample (warning
-- not-indexed): Registre matches e-mail identities without regard to case, as people type them,
-- so its searches lead with lower(email). Portable: runs on PostgreSQL and on SQLite. Fides's
-- queries compare the column itself and use the scaler's plain indexes; these do not slow them.
CREATE INDEX IF NOT EXISTS customer_email_lower_idx ON customer (lower(email));
CREATE INDEX IF NOT EXISTS employee_email_lower_idx ON employee (lower(email));
CREATE INDEX IF NOT EXISTS report_email_lower_idx ON report (lower(email));
CREATE INDEX IF NOT EXISTS service_request_email_lower_idx ON service_request (lower(email));
CREATE INDEX IF NOT EXISTS service_request_alt_email_lower_idx ON service_request (lower(alt_email));
CREATE INDEX IF NOT EXISTS visit_email_lower_idx ON visit (lower(email));
