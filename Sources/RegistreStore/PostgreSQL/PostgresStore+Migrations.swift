extension PostgresStore {
    /// The schema, as frozen migrations in order: a shipped migration is never edited, a change
    /// is a new one.
    static let migrations: [(name: String, statements: [String])] = [
        ("1-consent-ledger", [
            """
            CREATE TABLE audit_entry (
              sequence BIGINT PRIMARY KEY,
              recorded_at BIGINT NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              subject TEXT,
              payload TEXT NOT NULL,
              previous_hash TEXT NOT NULL,
              hash TEXT NOT NULL
            )
            """,
            "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), sequence BIGINT NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '\(AuditChain.genesis)')",
            """
            CREATE TABLE consent_record (
              id BIGSERIAL PRIMARY KEY,
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
              received_at BIGINT NOT NULL,
              expires_at BIGINT NOT NULL,
              refusal_expires_at BIGINT NOT NULL,
              address_prefix TEXT,
              user_agent TEXT,
              audit_sequence BIGINT NOT NULL REFERENCES audit_entry (sequence)
            )
            """,
            "CREATE INDEX consent_record_subject ON consent_record (subject_hash, id)",
            """
            CREATE TABLE banner_version (
              hash TEXT PRIMARY KEY,
              banner_id TEXT NOT NULL,
              policy_version TEXT NOT NULL,
              language TEXT NOT NULL,
              content TEXT NOT NULL,
              first_served_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE api_token (
              id BIGSERIAL PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              token_hash TEXT NOT NULL UNIQUE,
              created_at BIGINT NOT NULL,
              revoked_at BIGINT
            )
            """,
        ]),
        ("2-subject-requests", [
            """
            CREATE TABLE subject_request (
              id BIGSERIAL PRIMARY KEY,
              kind TEXT NOT NULL,
              state TEXT NOT NULL,
              subject_hash TEXT NOT NULL,
              sealed_details TEXT NOT NULL,
              received_at BIGINT NOT NULL,
              started_on TEXT,
              due_on TEXT,
              extended_to TEXT,
              extension_reason TEXT,
              closed_at BIGINT,
              outcome TEXT,
              version BIGINT NOT NULL
            )
            """,
            "CREATE INDEX subject_request_subject ON subject_request (subject_hash)",
        ]),
        // The ledger only grows: one partition per month (of `received_at`, in UTC) lets a month
        // be archived or dropped whole, and keeps each month's indexes small. The records move
        // from the single table into the month each belongs to; ids and their sequence stay.
        ("3-consent-ledger-by-month", [
            "ALTER SEQUENCE consent_record_id_seq OWNED BY NONE",
            "ALTER TABLE consent_record RENAME TO consent_record_single",
            "ALTER INDEX consent_record_pkey RENAME TO consent_record_single_pkey",
            "ALTER INDEX consent_record_subject RENAME TO consent_record_single_subject",
            """
            CREATE TABLE consent_record (
              id BIGINT NOT NULL DEFAULT nextval('consent_record_id_seq'),
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
              received_at BIGINT NOT NULL,
              expires_at BIGINT NOT NULL,
              refusal_expires_at BIGINT NOT NULL,
              address_prefix TEXT,
              user_agent TEXT,
              audit_sequence BIGINT NOT NULL REFERENCES audit_entry (sequence),
              PRIMARY KEY (id, received_at)
            ) PARTITION BY RANGE (received_at)
            """,
            "ALTER SEQUENCE consent_record_id_seq OWNED BY consent_record.id",
            "CREATE INDEX consent_record_subject ON consent_record (subject_hash, id)",
            """
            DO $$
            DECLARE
              month timestamp;
            BEGIN
              FOR month IN
                SELECT DISTINCT date_trunc('month', to_timestamp(received_at / 1000.0) AT TIME ZONE 'UTC') FROM consent_record_single
              LOOP
                EXECUTE format(
                  'CREATE TABLE %I PARTITION OF consent_record FOR VALUES FROM (%s) TO (%s)',
                  'consent_record_' || to_char(month, '"y"YYYY"m"MM'),
                  (extract(epoch FROM month) * 1000)::bigint,
                  (extract(epoch FROM month + interval '1 month') * 1000)::bigint);
              END LOOP;
            END $$
            """,
            "INSERT INTO consent_record SELECT * FROM consent_record_single",
            "DROP TABLE consent_record_single",
        ]),
        ("4-processing-limits", [
            """
            CREATE TABLE processing_limit (
              id BIGSERIAL PRIMARY KEY,
              kind TEXT NOT NULL,
              activities TEXT NOT NULL,
              ground TEXT NOT NULL,
              request_id BIGINT REFERENCES subject_request (id),
              since BIGINT NOT NULL,
              lifted_at BIGINT,
              lift_reason TEXT
            )
            """,
            """
            CREATE TABLE processing_limit_identity (
              identity_hash TEXT NOT NULL,
              limit_id BIGINT NOT NULL REFERENCES processing_limit (id),
              PRIMARY KEY (identity_hash, limit_id)
            )
            """,
        ]),
        ("5-identity-codes", [
            "ALTER TABLE subject_request ADD COLUMN code_hash TEXT",
            "ALTER TABLE subject_request ADD COLUMN code_expires_at BIGINT",
            "ALTER TABLE subject_request ADD COLUMN code_attempts BIGINT NOT NULL DEFAULT 0",
        ]),
        ("6-reminders", ["ALTER TABLE subject_request ADD COLUMN reminded_for TEXT"]),
        ("7-post-mortem-directives", [
            """
            CREATE TABLE post_mortem_directive (
              id BIGSERIAL PRIMARY KEY,
              instruction TEXT NOT NULL,
              sealed_details TEXT NOT NULL,
              recorded_at BIGINT NOT NULL,
              revoked_at BIGINT,
              applied_at BIGINT,
              applied_request BIGINT REFERENCES subject_request (id)
            )
            """,
            """
            CREATE TABLE post_mortem_directive_identity (
              identity_hash TEXT NOT NULL,
              directive_id BIGINT NOT NULL REFERENCES post_mortem_directive (id),
              PRIMARY KEY (identity_hash, directive_id)
            )
            """,
        ]),
        ("8-identity-proofs", [
            """
            CREATE TABLE identity_proof (
              request_id BIGINT PRIMARY KEY REFERENCES subject_request (id),
              content_type TEXT NOT NULL,
              size BIGINT NOT NULL,
              sha256 TEXT NOT NULL,
              sealed_content BYTEA NOT NULL,
              received_at BIGINT NOT NULL
            )
            """,
        ]),
        ("9-subject-events", [
            """
            CREATE TABLE subject_event (
              id BIGSERIAL PRIMARY KEY,
              identity_type TEXT NOT NULL,
              subject_hash TEXT NOT NULL,
              kind TEXT NOT NULL,
              occurred_at BIGINT NOT NULL,
              recorded_at BIGINT NOT NULL,
              source TEXT NOT NULL,
              UNIQUE (subject_hash, kind, occurred_at)
            )
            """,
        ]),
        ("10-legal-holds", [
            """
            CREATE TABLE legal_hold (
              id BIGSERIAL PRIMARY KEY,
              scope TEXT NOT NULL,
              identity_type TEXT,
              subject_hash TEXT,
              dataset TEXT,
              collection TEXT,
              reason TEXT NOT NULL,
              until BIGINT,
              created_at BIGINT NOT NULL,
              released_at BIGINT
            )
            """,
        ]),
        ("11-retention-batches", [
            """
            CREATE TABLE retention_batch (
              id BIGSERIAL PRIMARY KEY,
              pass_at BIGINT NOT NULL,
              dataset TEXT NOT NULL,
              collection TEXT NOT NULL,
              stage INTEGER NOT NULL,
              state TEXT NOT NULL,
              worker TEXT,
              claimed_until BIGINT,
              attempts INTEGER NOT NULL DEFAULT 0,
              finished_at BIGINT,
              outcome TEXT,
              UNIQUE (pass_at, dataset, collection)
            )
            """,
        ]),
        ("12-request-runs", [
            """
            CREATE TABLE request_run (
              request_id BIGINT PRIMARY KEY REFERENCES subject_request (id),
              owner TEXT NOT NULL,
              claimed_until BIGINT NOT NULL
            )
            """,
        ]),
    ]
}
