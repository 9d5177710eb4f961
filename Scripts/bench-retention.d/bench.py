"""Retention at scale beside a plain batched DELETE: see Scripts/bench-retention."""
import datetime
import glob
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

SUBJECTS, PG_BASE, REGISTRE = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "Tests/Fixtures/retention/odoip")
POLICY = os.path.join(ROOT, "Examples/odoip.yaml")
# One instant for both sides: Registre's run takes it as --now, the plain DELETE's cut-offs are
# counted back from it.
NOW = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
PSQL = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
SERVER = PG_BASE.rsplit("/", 1)[0]
BASE_DB = "registre_bench_retention"


def log(text):
    print(text, file=sys.stderr, flush=True)


def psql(database, sql=None, file=None):
    command = [PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", f"{SERVER}/{database}"]
    command += ["-c", sql] if sql is not None else ["-f", file]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


# Each table's anchor column, and the cut-off a plain DELETE uses for the same period.
PERIODS = {  # table: (anchor column, years, months)
    "access_log": ("logged_at", 1, 0),
    "invoice": ("issued_on", 10, 0),
    "support_ticket": ("contract_ended_at", 1, 0),
    "prospect": ("last_contact_at", 3, 0),
    "customer": ("contract_ended_at", 3, 0),
}
ORDER = ["access_log", "invoice", "prospect", "support_ticket", "customer"]


def cutoff(years):
    """The instant `years` before NOW, as the tables' ISO 8601 texts compare with it."""
    return NOW.replace(year=NOW.year - years, tzinfo=None).isoformat()


def dataset(path):
    """ODOIP's dataset with the contract's end as a column of customer and support_ticket."""
    text = open(os.path.join(FIXTURE, "dataset.yml")).read()
    text = text.replace("anchors: {collection: created_at}", "anchors: {collection: created_at, contract_end: contract_ended_at}")
    text = text.replace("          activities: [support]\n", "          activities: [support]\n          anchors: {contract_end: contract_ended_at}\n")
    column = "          - name: contract_ended_at\n            data_categories: [system.operations]\n"
    text = text.replace("          - name: created_at\n            data_categories: [system.operations]\n",
                        "          - name: created_at\n            data_categories: [system.operations]\n" + column)
    text = text.replace("          - name: opened_at\n            data_categories: [system.operations]\n",
                        "          - name: opened_at\n            data_categories: [system.operations]\n" + column)
    open(path, "w").write(text)


def day(rng, start, end):
    first, last = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    return (first + datetime.timedelta(days=rng.randrange((last - first).days))).isoformat()


def rows():
    """The rows of every table, made the same way each run (seeded)."""
    rng = random.Random(42)
    customers = int(SUBJECTS * 0.4)
    tables = {name: [] for name in ORDER}
    for cid in range(1, customers + 1):
        ended = None if rng.random() < 0.1 else day(rng, "2021-01-01", "2026-11-01")
        tables["customer"].append((cid, f"client{cid}@example.com", "Prénom", f"Nom{cid}", "Gérant", f"Société {cid}", "812345678",
                                   f"+3361{cid:07d}", f"{cid} rue des Lilas, 91000 Évry", "centrex:1", "2015-01-10T09:00:00Z", ended))
        for n in range(2):
            tables["invoice"].append((cid * 2 + n, cid, f"F-{cid}-{n}", f"Nom{cid}", f"Société {cid}", "adresse", f"client{cid}@example.com",
                                      "FR7630001007941234567890185", 12000, day(rng, "2012-01-01", "2026-11-01")))
            tables["support_ticket"].append((cid * 2 + n, cid, "Sujet", "Texte du ticket", f"client{cid}@example.com",
                                             "2020-01-01T08:00:00Z", ended))
        for n in range(6):
            tables["access_log"].append((cid * 6 + n, cid, "192.0.2.10", "/espace-client", day(rng, "2024-06-01", "2026-11-20") + "T10:00:00Z"))
    for pid in range(1, SUBJECTS - customers + 1):
        tables["prospect"].append((pid, f"prospect{pid}@example.com", "Prénom", f"Nom{pid}", "Société", "Gérant", None,
                                   day(rng, "2020-01-01", "2026-11-01")))
    return tables


COLUMNS = {
    "customer": "id, email, first_name, last_name, job_title, company, registration_number, phone, address, telephony_settings, created_at, contract_ended_at",
    "invoice": "id, customer_id, number, billed_name, billed_company, billed_address, billed_email, iban, amount_cents, issued_on",
    "support_ticket": "id, customer_id, subject, body, contact_email, opened_at, contract_ended_at",
    "access_log": "id, customer_id, ip_address, path, logged_at",
    "prospect": "id, email, first_name, last_name, company, job_title, phone, last_contact_at",
}
EXTRA = """
ALTER TABLE customer ADD COLUMN contract_ended_at TEXT;
ALTER TABLE support_ticket ADD COLUMN contract_ended_at TEXT;
"""
INDEXES = """
CREATE INDEX customer_contract_ended_at ON customer (contract_ended_at);
CREATE INDEX support_ticket_contract_ended_at ON support_ticket (contract_ended_at);
CREATE INDEX invoice_issued_on ON invoice (issued_on);
CREATE INDEX prospect_last_contact_at ON prospect (last_contact_at);
CREATE INDEX access_log_logged_at ON access_log (logged_at);
"""


def load_sqlite(path, tables):
    db = sqlite3.connect(path)
    db.executescript(open(os.path.join(FIXTURE, "schema.sql")).read() + EXTRA)
    for name in ["customer", "invoice", "support_ticket", "access_log", "prospect"]:
        marks = ", ".join("?" * len(COLUMNS[name].split(",")))
        db.executemany(f"INSERT INTO {name} ({COLUMNS[name]}) VALUES ({marks})", tables[name])
    db.executescript(INDEXES)
    db.commit()
    db.execute("VACUUM")
    db.close()


def load_postgres(tables, folder):
    psql("postgres", f"DROP DATABASE IF EXISTS {BASE_DB} WITH (FORCE)")
    psql("postgres", f"CREATE DATABASE {BASE_DB}")
    psql(BASE_DB, file=os.path.join(FIXTURE, "schema.sql"))
    psql(BASE_DB, EXTRA)
    for name in ["customer", "invoice", "support_ticket", "access_log", "prospect"]:
        path = os.path.join(folder, f"{name}.tsv")
        with open(path, "w") as out:
            for row in tables[name]:
                out.write("\t".join("\\N" if value is None else str(value) for value in row) + "\n")
        psql(BASE_DB, f"\\copy {name} ({COLUMNS[name]}) FROM '{path}'")
        os.remove(path)
    psql(BASE_DB, INDEXES)
    psql(BASE_DB, "VACUUM ANALYZE")


def count(connection):
    if connection.startswith("sqlite:"):
        db = sqlite3.connect(connection[7:])
        result = {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in ORDER}
        db.close()
        return result
    database = connection.rsplit("/", 1)[1].split("?")[0]
    return {name: int(subprocess.run([PSQL, "-X", "-At", f"{SERVER}/{database}", "-c", f"SELECT count(*) FROM {name}"],
                                     check=True, capture_output=True, text=True).stdout) for name in ORDER}


def registre(args, folder):
    started = time.perf_counter()
    done = subprocess.run([REGISTRE] + args + ["--database", os.path.join(folder, "registre.sqlite")],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        log(done.stderr)
        raise SystemExit(f"registre {' '.join(args[:2])} failed with {done.returncode}")
    return seconds, done.stdout


def plain_sqlite(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    started = time.perf_counter()
    for name in ORDER:
        column, years, _ = PERIODS[name]
        while True:
            db.execute("BEGIN")
            changed = db.execute(f"DELETE FROM {name} WHERE id IN (SELECT id FROM {name} WHERE {column} <= ? LIMIT 500)", (cutoff(years),)).rowcount
            db.execute("COMMIT")
            if changed == 0:
                break
    seconds = time.perf_counter() - started
    db.close()
    return seconds


def plain_postgres(database):
    blocks = []
    for name in ORDER:
        column, years, _ = PERIODS[name]
        blocks.append(f"""
            LOOP
              DELETE FROM {name} WHERE id IN (SELECT id FROM {name} WHERE {column} <= '{cutoff(years)}' LIMIT 500);
              EXIT WHEN NOT FOUND;
              COMMIT;
            END LOOP;""")
    started = time.perf_counter()
    psql(database, "DO $$ BEGIN " + "".join(blocks) + " END $$;")
    return time.perf_counter() - started


def main():
    folder = tempfile.mkdtemp(prefix="registre-bench-retention-")
    try:
        set_file = os.path.join(folder, "dataset.yml")
        dataset(set_file)
        log(f"Making {SUBJECTS} people's rows...")
        tables = rows()
        sizes = {name: len(tables[name]) for name in ORDER}
        base = os.path.join(folder, "base.sqlite")
        log(f"Loading SQLite ({sum(sizes.values())} rows)...")
        load_sqlite(base, tables)
        log("Loading PostgreSQL...")
        load_postgres(tables, folder)
        del tables
        result = {"subjects": SUBJECTS, "rows": sizes, "now": NOW.isoformat(), "machine": os.uname().nodename}
        for backend in ["sqlite", "postgres"]:
            def copy(name):
                if backend == "sqlite":
                    path = os.path.join(folder, f"{name}.sqlite")
                    shutil.copyfile(base, path)
                    return f"sqlite:{path}"
                psql("postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                psql("postgres", f"CREATE DATABASE {name} TEMPLATE {BASE_DB}")
                return f"{SERVER}/{name}?sslmode=disable"
            options = ["--policy", POLICY, "--datasets", set_file]
            registre_copy = copy("registre_bench_retention_run")
            before = count(registre_copy)
            log(f"{backend}: plan...")
            plan_seconds, plan = registre(["retention", "plan", "--format", "csv", "--now", NOW.isoformat(), "--connection", registre_copy] + options, folder)
            items = plan.count("\n") - 1
            log(f"{backend}: registre retention run...")
            run_seconds, output = registre(["retention", "run", "--now", NOW.isoformat(), "--connection", registre_copy] + options, folder)
            after = count(registre_copy)
            registre_deleted = sum(before[name] - after[name] for name in ORDER)
            plain_copy = copy("registre_bench_retention_plain")
            log(f"{backend}: plain DELETE...")
            plain_seconds = plain_sqlite(plain_copy[7:]) if backend == "sqlite" else plain_postgres("registre_bench_retention_plain")
            plain_after = count(plain_copy)
            plain_deleted = sum(before[name] - plain_after[name] for name in ORDER)
            summary = json.loads(output)
            result[backend] = {
                "plan_seconds": round(plan_seconds, 2), "plan_items": items,
                "registre": {"seconds": round(run_seconds, 2), "rows_deleted": registre_deleted, "rows_per_second": round(registre_deleted / run_seconds),
                             "status": summary.get("status")},
                "plain_delete": {"seconds": round(plain_seconds, 2), "rows_deleted": plain_deleted, "rows_per_second": round(plain_deleted / plain_seconds)},
                "rate_share_of_plain_delete": round((registre_deleted / run_seconds) / (plain_deleted / plain_seconds), 3),
                "remaining_rows_differ": {name: after[name] - plain_after[name] for name in ORDER if after[name] != plain_after[name]},
            }
            log(json.dumps(result[backend]))
        print(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        for name in ["registre_bench_retention_run", "registre_bench_retention_plain", BASE_DB]:
            psql("postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


main()
