import GRDB

extension SQLiteStore {
    /// The schema, as frozen migrations: a shipped migration is never edited, a change is a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-consent-ledger") { db in
            try db.execute(sql: """
                CREATE TABLE audit_entry (
                  sequence INTEGER PRIMARY KEY,
                  recorded_at INTEGER NOT NULL,
                  actor TEXT NOT NULL,
                  action TEXT NOT NULL,
                  subject TEXT,
                  payload TEXT NOT NULL,
                  previous_hash TEXT NOT NULL,
                  hash TEXT NOT NULL
                );
                CREATE TABLE consent_record (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  subject_hash TEXT NOT NULL,
                  subject_kind TEXT NOT NULL,
                  method TEXT NOT NULL,
                  granted TEXT NOT NULL,
                  refused TEXT NOT NULL,
                  banner_id TEXT NOT NULL,
                  banner_hash TEXT NOT NULL,
                  policy_version TEXT NOT NULL,
                  language TEXT NOT NULL,
                  page_url TEXT,
                  received_at INTEGER NOT NULL,
                  expires_at INTEGER NOT NULL,
                  refusal_expires_at INTEGER NOT NULL,
                  address_prefix TEXT,
                  user_agent TEXT,
                  audit_sequence INTEGER NOT NULL REFERENCES audit_entry(sequence)
                );
                CREATE INDEX consent_record_subject ON consent_record (subject_hash, id);
                CREATE TABLE banner_version (
                  hash TEXT PRIMARY KEY,
                  banner_id TEXT NOT NULL,
                  policy_version TEXT NOT NULL,
                  language TEXT NOT NULL,
                  content TEXT NOT NULL,
                  first_served_at INTEGER NOT NULL
                );
                CREATE TABLE api_token (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  name TEXT NOT NULL UNIQUE,
                  token_hash TEXT NOT NULL UNIQUE,
                  created_at INTEGER NOT NULL,
                  revoked_at INTEGER
                );
                """)
        }
        migrator.registerMigration("2-subject-requests") { db in
            try db.execute(sql: """
                CREATE TABLE subject_request (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  kind TEXT NOT NULL,
                  state TEXT NOT NULL,
                  subject_hash TEXT NOT NULL,
                  sealed_details TEXT NOT NULL,
                  received_at INTEGER NOT NULL,
                  started_on TEXT,
                  due_on TEXT,
                  extended_to TEXT,
                  extension_reason TEXT,
                  closed_at INTEGER,
                  outcome TEXT,
                  version INTEGER NOT NULL
                );
                CREATE INDEX subject_request_subject ON subject_request (subject_hash);
                """)
        }
        migrator.registerMigration("3-processing-limits") { db in
            try db.execute(sql: """
                CREATE TABLE processing_limit (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  kind TEXT NOT NULL,
                  activities TEXT NOT NULL,
                  ground TEXT NOT NULL,
                  request_id INTEGER REFERENCES subject_request (id),
                  since INTEGER NOT NULL,
                  lifted_at INTEGER,
                  lift_reason TEXT
                );
                CREATE TABLE processing_limit_identity (
                  identity_hash TEXT NOT NULL,
                  limit_id INTEGER NOT NULL REFERENCES processing_limit (id),
                  PRIMARY KEY (identity_hash, limit_id)
                );
                """)
        }
        migrator.registerMigration("4-identity-codes") { db in
            try db.execute(sql: """
                ALTER TABLE subject_request ADD COLUMN code_hash TEXT;
                ALTER TABLE subject_request ADD COLUMN code_expires_at INTEGER;
                ALTER TABLE subject_request ADD COLUMN code_attempts INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("5-reminders") { db in
            try db.execute(sql: "ALTER TABLE subject_request ADD COLUMN reminded_for TEXT")
        }
        migrator.registerMigration("6-post-mortem-directives") { db in
            try db.execute(sql: """
                CREATE TABLE post_mortem_directive (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  instruction TEXT NOT NULL,
                  sealed_details TEXT NOT NULL,
                  recorded_at INTEGER NOT NULL,
                  revoked_at INTEGER,
                  applied_at INTEGER,
                  applied_request INTEGER REFERENCES subject_request (id)
                );
                CREATE TABLE post_mortem_directive_identity (
                  identity_hash TEXT NOT NULL,
                  directive_id INTEGER NOT NULL REFERENCES post_mortem_directive (id),
                  PRIMARY KEY (identity_hash, directive_id)
                );
                """)
        }
        migrator.registerMigration("7-identity-proofs") { db in
            try db.execute(sql: """
                CREATE TABLE identity_proof (
                  request_id INTEGER PRIMARY KEY REFERENCES subject_request (id),
                  content_type TEXT NOT NULL,
                  size INTEGER NOT NULL,
                  sha256 TEXT NOT NULL,
                  sealed_content BLOB NOT NULL,
                  received_at INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("8-subject-events") { db in
            try db.execute(sql: """
                CREATE TABLE subject_event (
                  id INTEGER PRIMARY KEY,
                  identity_type TEXT NOT NULL,
                  subject_hash TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  occurred_at INTEGER NOT NULL,
                  recorded_at INTEGER NOT NULL,
                  source TEXT NOT NULL,
                  UNIQUE (subject_hash, kind, occurred_at)
                );
                """)
        }
        migrator.registerMigration("9-legal-holds") { db in
            try db.execute(sql: """
                CREATE TABLE legal_hold (
                  id INTEGER PRIMARY KEY,
                  scope TEXT NOT NULL,
                  identity_type TEXT,
                  subject_hash TEXT,
                  dataset TEXT,
                  collection TEXT,
                  reason TEXT NOT NULL,
                  until INTEGER,
                  created_at INTEGER NOT NULL,
                  released_at INTEGER
                );
                """)
        }
        migrator.registerMigration("10-retention-batches") { db in
            try db.execute(sql: """
                CREATE TABLE retention_batch (
                  id INTEGER PRIMARY KEY,
                  pass_at INTEGER NOT NULL,
                  dataset TEXT NOT NULL,
                  collection TEXT NOT NULL,
                  stage INTEGER NOT NULL,
                  state TEXT NOT NULL,
                  worker TEXT,
                  claimed_until INTEGER,
                  attempts INTEGER NOT NULL DEFAULT 0,
                  finished_at INTEGER,
                  outcome TEXT,
                  UNIQUE (pass_at, dataset, collection)
                );
                """)
        }
        migrator.registerMigration("11-request-runs") { db in
            try db.execute(sql: """
                CREATE TABLE request_run (
                  request_id INTEGER PRIMARY KEY REFERENCES subject_request (id),
                  owner TEXT NOT NULL,
                  claimed_until INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }
}
