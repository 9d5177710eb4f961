-- Odigo's help centre (Examples/odigo-helpcenter.yaml): customer accounts, forum messages and
-- security logs. Portable: SQLite 3.40+ and PostgreSQL 15.
CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  login_email TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX account_login_email ON account (lower(login_email));

-- Messages stay published after the contract ends, under an anonymised author.
CREATE TABLE forum_message (
  id INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  body TEXT NOT NULL,
  posted_at TEXT NOT NULL
);
CREATE INDEX forum_message_account ON forum_message (account_id);

CREATE TABLE security_log (
  id INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
  entry TEXT NOT NULL,
  logged_at TEXT NOT NULL
);
CREATE INDEX security_log_account ON security_log (account_id);
