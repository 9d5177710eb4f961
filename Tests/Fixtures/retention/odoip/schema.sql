-- ODOIP SAS (telephony, mail and hosting for businesses): the tables its policy's retention
-- periods apply to (Examples/odoip.yaml). Portable: SQLite 3.40+ and PostgreSQL 15.
-- Dates in three forms on purpose: TEXT (ISO 8601), DATE and TIMESTAMP WITH TIME ZONE.
CREATE TABLE customer (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  first_name TEXT,
  last_name TEXT,
  job_title TEXT,
  company TEXT,
  registration_number TEXT,
  phone TEXT,
  address TEXT,
  telephony_settings TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX customer_email ON customer (lower(email));

-- Invoices outlive the customer (10 years, Commercial Code): the link is cut, the copy of the
-- billing details on the invoice stays.
CREATE TABLE invoice (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customer (id) ON DELETE SET NULL,
  number TEXT NOT NULL,
  billed_name TEXT,
  billed_company TEXT,
  billed_address TEXT,
  billed_email TEXT,
  iban TEXT,
  amount_cents INTEGER NOT NULL,
  issued_on DATE NOT NULL
);
CREATE INDEX invoice_customer ON invoice (customer_id);

CREATE TABLE support_ticket (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer (id),
  subject TEXT,
  body TEXT,
  contact_email TEXT,
  opened_at TEXT NOT NULL
);
CREATE INDEX support_ticket_customer ON support_ticket (customer_id);

CREATE TABLE prospect (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  first_name TEXT,
  last_name TEXT,
  company TEXT,
  job_title TEXT,
  phone TEXT,
  last_contact_at TEXT
);
CREATE INDEX prospect_email ON prospect (lower(email));

CREATE TABLE access_log (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customer (id) ON DELETE SET NULL,
  ip_address TEXT NOT NULL,
  path TEXT,
  logged_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX access_log_customer ON access_log (customer_id);
