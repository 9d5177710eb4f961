-- Odigo's website (odigo.com): the tables its policy's retention periods apply to
-- (Examples/odigo-www.yaml). Portable: SQLite 3.40+ and PostgreSQL 15.
-- "Contact Us" requests come from prospects and from customers, whose periods differ: the
-- requester_type column says which, row by row.
CREATE TABLE contact_request (
  id INTEGER PRIMARY KEY,
  requester_type TEXT,
  first_name TEXT,
  last_name TEXT,
  company TEXT,
  country TEXT,
  email TEXT NOT NULL,
  phone TEXT,
  comments TEXT,
  last_contact_at TEXT NOT NULL
);
CREATE INDEX contact_request_email ON contact_request (lower(email));

CREATE TABLE job_application (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  first_name TEXT,
  last_name TEXT,
  resume TEXT,
  applied_on DATE NOT NULL
);
CREATE INDEX job_application_email ON job_application (lower(email));

CREATE TABLE server_log (
  id INTEGER PRIMARY KEY,
  ip_address TEXT NOT NULL,
  request_line TEXT,
  logged_at TIMESTAMP WITH TIME ZONE NOT NULL
);
