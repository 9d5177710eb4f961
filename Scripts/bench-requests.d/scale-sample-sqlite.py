"""Writes the scaled Fides sample of scale-sample.sql into an SQLite file: the same rows, made with
recursive CTEs by the same formulas, and the same indexes.

It reads Fides's postgres_sample.sql at run time and keeps its public-schema tables and rows, with
the few changes SQLite needs: SERIAL PRIMARY KEY becomes INTEGER PRIMARY KEY, MONEY becomes TEXT,
the public. prefix goes, and the ALTER SEQUENCE statements and the backup_schema copy (SQLite has no
schemas) are left out. Everything else (types, constraints, the sample's own rows) is as written.
The file is built beside OUT and moved into place when complete.

Usage: python3 scale-sample-sqlite.py PATH/postgres_sample.sql OUT.sqlite [CUSTOMERS]
       (CUSTOMERS defaults to 1000000)
"""

import os
import re
import sqlite3
import sys
import time


def sample_statements(path):
    """The sample's statements for the public schema, translated for SQLite."""
    statements, current = [], ""
    with open(path) as f:
        for line in f:
            if line.lstrip().startswith("--") and not current.strip():
                continue
            current += line
            if sqlite3.complete_statement(current):
                statements.append(current.strip())
                current = ""
    kept = []
    for statement in statements:
        if re.match(r"(ALTER SEQUENCE|CREATE SCHEMA)\b", statement, re.I) or "backup_schema." in statement:
            continue
        statement = statement.replace("public.", "")
        statement = re.sub(r"\bSERIAL PRIMARY KEY\b", "INTEGER PRIMARY KEY", statement, flags=re.I)
        statement = re.sub(r"\bMONEY\b", "TEXT", statement)
        kept.append(statement)
    return kept


# Same rows as scale-sample.sql; :c is the number of customers, s(i) counts from 1.
def series(limit):
    return f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {limit}) "


SCALE = [
    series(":c") + """INSERT INTO address (id, house, street, city, state, zip)
     SELECT 9 + i, 1 + i % 9999, 'Street ' || (i % 5000), 'City ' || (i % 1000),
            substr('NYTXCAWAFL', 1 + 2 * (i % 5), 2), printf('%05d', i % 100000) FROM s""",
    series(":c") + """INSERT INTO customer (id, email, name, created, address_id)
     SELECT 9 + i, 'customer-' || (9 + i) || '@example.com', 'Customer ' || (9 + i),
            datetime('2020-01-01 00:00:00', '+' || (i % 100000) || ' minutes'), 9 + i FROM s""",
    series(":employees") + """INSERT INTO employee (id, email, name, address_id)
     SELECT 9 + i, 'employee-' || (9 + i) || '@example.com', 'Employee ' || (9 + i), 3 FROM s""",
    series(":c") + """INSERT INTO payment_card (id, name, ccn, code, preferred, customer_id, billing_address_id)
     SELECT 'pay_' || (9 + i), 'Card ' || (9 + i), 4000000000000000 + i, i % 1000, 1, 9 + i, 9 + i FROM s""",
    series("2 * :c") + """INSERT INTO orders (id, customer_id, shipping_address_id, payment_card_id)
     SELECT 'ord_' || i, 10 + (i - 1) % :c, 10 + (i - 1) % :c, 'pay_' || (10 + (i - 1) % :c) FROM s""",
    series("2 * :c") + """INSERT INTO order_item (order_id, item_no, product_id, quantity)
     SELECT 'ord_' || i, 1, 1 + i % 6, 1 + i % 3 FROM s""",
    series("2 * :c") + """INSERT INTO login (id, customer_id, time)
     SELECT 8 + i, 10 + (i - 1) % :c, datetime('2021-01-01 00:00:00', '+' || (i % 100000) || ' minutes') FROM s""",
    series(":c") + """INSERT INTO visit (email, last_visit)
     SELECT 'customer-' || (9 + i) || '@example.com',
            datetime('2021-06-01 00:00:00', '+' || (i % 100000) || ' minutes') FROM s""",
    series(":requests") + """INSERT INTO service_request (id, email, alt_email, opened, closed, employee_id)
     SELECT 'ser_' || i, 'customer-' || (9 + 10 * i) || '@example.com',
            CASE WHEN i % 2 = 0 THEN 'customer-' || (9 + 10 * i) || '-alt@example.com' END,
            date('2021-01-01', '+' || (i % 365) || ' days'), date('2021-01-03', '+' || (i % 365) || ' days'),
            10 + (i - 1) % :employees FROM s""",
]

INDEXES = """
CREATE INDEX customer_email_idx ON customer (email);
CREATE INDEX employee_email_idx ON employee (email);
CREATE INDEX report_email_idx ON report (email);
CREATE INDEX service_request_email_idx ON service_request (email);
CREATE INDEX service_request_alt_email_idx ON service_request (alt_email);
CREATE INDEX service_request_employee_id_idx ON service_request (employee_id);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX login_customer_id_idx ON login (customer_id);
CREATE INDEX payment_card_customer_id_idx ON payment_card (customer_id);
"""


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().split("\n\n")[-1])
    sample, out = sys.argv[1], sys.argv[2]
    customers = int(sys.argv[3]) if len(sys.argv) == 4 else 1_000_000
    # Only the customer count is substituted into the SQL, and only as an integer.
    params = {"c": customers, "employees": max(1, customers // 1000), "requests": customers // 10}
    partial = out + ".partial"
    if os.path.exists(partial):
        os.remove(partial)
    started = time.time()
    db = sqlite3.connect(partial, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")
    for statement in sample_statements(sample):
        db.execute(statement)
    for statement in SCALE:
        # Recursive CTE limits cannot be bound parameters everywhere; substitute the integers.
        for name in sorted(params, key=len, reverse=True):
            statement = statement.replace(":" + name, str(int(params[name])))
        db.execute(statement)
    for statement in INDEXES.strip().splitlines():
        db.execute(statement)
    db.execute("COMMIT")
    db.execute("ANALYZE")
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    os.replace(partial, out)
    print(f"SQLite sample with {customers} scaled customers written in {time.time() - started:.0f} s: {out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
