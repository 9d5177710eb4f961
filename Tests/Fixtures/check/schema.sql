-- A small database whose dataset (dataset.yml) holds one mistake of each kind that
-- `registre datasets check` reports. Portable: SQLite and PostgreSQL.
CREATE TABLE person (
    id         INTEGER     NOT NULL PRIMARY KEY,
    email      TEXT        NOT NULL,
    nickname   VARCHAR(20),
    full_name  TEXT        NOT NULL,
    age        INTEGER,
    vip_level  INTEGER     NOT NULL,
    secret     TEXT        NOT NULL,
    note       TEXT        NOT NULL
);
CREATE INDEX person_email_idx ON person (email);
CREATE TABLE visit (
    email      TEXT NOT NULL,
    visited_at TEXT NOT NULL,
    page       TEXT,
    person_id  INTEGER,
    PRIMARY KEY (email, visited_at)
);
CREATE INDEX visit_email_lower_idx ON visit (lower(email));
CREATE TABLE device (
    serial     TEXT NOT NULL,
    owner_name TEXT
);
CREATE TABLE catalogue (
    id   INTEGER NOT NULL PRIMARY KEY,
    name TEXT    NOT NULL
);
INSERT INTO person VALUES (1, 'a@exemple.fr', 'A', 'Anne A', 30, 1, 's', 'n');
