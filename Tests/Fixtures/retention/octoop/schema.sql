-- OCTOOP (social-media platform for businesses): the tables its policy's retention periods
-- apply to (Examples/octoop.yaml). Portable: SQLite 3.40+ and PostgreSQL 15.
CREATE TABLE user_account (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  last_name TEXT,
  first_name TEXT,
  phone TEXT,
  company TEXT,
  job_title TEXT,
  contract_ended_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX user_account_email ON user_account (lower(email));

-- Accounting records outlive the account: the link is cut, the invoice stays 10 years.
CREATE TABLE invoice (
  id INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES user_account (id) ON DELETE SET NULL,
  billed_name TEXT,
  billed_email TEXT,
  vat_number TEXT,
  amount TEXT,
  issued_on DATE NOT NULL
);
CREATE INDEX invoice_account ON invoice (account_id);

CREATE TABLE demo_request (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  last_name TEXT,
  first_name TEXT,
  company TEXT,
  requested_at TEXT NOT NULL
);
CREATE INDEX demo_request_email ON demo_request (lower(email));

-- A support conversation: the contact's details 3 years, the chat itself 6 months.
CREATE TABLE support_conversation (
  id INTEGER PRIMARY KEY,
  contact_name TEXT,
  phone TEXT,
  company TEXT,
  transcript TEXT,
  started_at TEXT NOT NULL
);

-- Audience measurement: what the trackers collect, 13 months.
CREATE TABLE site_visit (
  id INTEGER PRIMARY KEY,
  cookie_id TEXT NOT NULL,
  ip_address TEXT,
  device_type TEXT,
  first_seen_at TEXT NOT NULL
);
