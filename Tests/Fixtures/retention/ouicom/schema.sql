-- OUICOM (communication agency): the tables its policy's retention periods apply to
-- (Examples/ouicom.yaml). Portable: SQLite 3.40+ and PostgreSQL 15.
CREATE TABLE client (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  last_name TEXT,
  first_name TEXT,
  address TEXT,
  phone TEXT,
  contract_signed_on DATE NOT NULL,
  contract_ended_on DATE
);
CREATE INDEX client_email ON client (lower(email));

-- Requests for information: kept for the business process, which ends with the relationship
-- (an event recorded in Registre), or earlier when the person objects or asks for erasure.
CREATE TABLE information_request (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  last_name TEXT,
  first_name TEXT,
  phone TEXT,
  message TEXT,
  received_at TEXT NOT NULL
);
CREATE INDEX information_request_email ON information_request (lower(email));
