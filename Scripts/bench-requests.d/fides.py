"""Times Ethyca Fides answering data subject requests against the scaled sample database.

Run with the interpreter of a virtual environment where ethyca-fides is installed (Scripts/
bench-requests sets one up). It writes a fides.toml (manual approval and identity verification off,
Celery tasks run eagerly in the web process, admin UI off), starts Fides with uvicorn on a free
loopback port from a scratch folder, creates a write-access postgres connection to the data
database with Fides's own sample dataset (the YAML file unchanged, sent as JSON), then times:

  access      N access requests one after another, each from its POST until it reads `complete`;
  erasure     N erasure requests likewise, on other e-mails, then reads the customer rows back
              from the data database to see what was masked;
  throughput  M access requests submitted in one call, until all read `complete`;

and then opens the access packages Fides wrote to its default local storage (fides_uploads/ in the
scratch folder) to see that each holds the customer's row.

Prints one JSON object on stdout (progress and Fides's log tail on failure go to stderr) and exits
1 when a request did not complete. Stops Fides, and Redis through its SHUTDOWN command, on exit.

Usage: VENV/bin/python fides.py --data-url postgres://USER@127.0.0.1:PORT/DB
         --app-url postgres://USER@127.0.0.1:PORT/fides_app --redis-port P --redis-password PW
         --dataset .../postgres_example_test_dataset.yml
         --access-emails a@x,b@x --erasure-emails c@x,d@x --throughput-emails e@x,f@x
         [--warmup-email w@x] [--work DIR]
"""

import argparse
import atexit
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import psycopg2
import redis
import yaml

from timing import summary
import zipfile
import re

POLL_SECONDS = 0.05
REQUEST_TIMEOUT_SECONDS = 1800
# Statuses after which a privacy request no longer changes by itself.
FINAL_STATUSES = {"complete", "error", "canceled", "denied", "paused", "requires_input",
                  "awaiting_email_send", "requires_manual_finalization"}


def log(message):
    print(f"[fides.py] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    def __init__(self, base):
        self.base = base
        self.token = None

    def call(self, method, path, body=None, form=None, timeout=REQUEST_TIMEOUT_SECONDS):
        headers = {}
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{method} {path}: HTTP {error.code}: {error.read()[:2000]!r}") from None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-url", required=True)
    parser.add_argument("--app-url", required=True)
    parser.add_argument("--redis-port", type=int, required=True)
    parser.add_argument("--redis-password", required=True)
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--access-emails", required=True)
    parser.add_argument("--erasure-emails", required=True)
    parser.add_argument("--throughput-emails", required=True)
    parser.add_argument("--warmup-email")
    parser.add_argument("--work")
    args = parser.parse_args()
    access_emails = [e for e in args.access_emails.split(",") if e]
    erasure_emails = [e for e in args.erasure_emails.split(",") if e]
    throughput_emails = [e for e in args.throughput_emails.split(",") if e]

    work = args.work or tempfile.mkdtemp(prefix="fides-bench-")
    for sub in ("data/saas/config", "data/saas/dataset", "data/saas/icon"):
        os.makedirs(os.path.join(work, sub), exist_ok=True)

    app = urllib.parse.urlsplit(args.app_url)
    data = urllib.parse.urlsplit(args.data_url)
    client_id = "benchroot"
    client_secret = secrets.token_hex(16)
    toml = f"""
[database]
server = "{app.hostname}"
port = "{app.port or 5432}"
user = "{urllib.parse.unquote(app.username or 'postgres')}"
password = "{urllib.parse.unquote(app.password or 'unused')}"
db = "{app.path.lstrip('/')}"
load_samples = false

[redis]
host = "127.0.0.1"
port = {args.redis_port}
password = "{args.redis_password}"
db_index = 0

[security]
env = "prod"
app_encryption_key = "{secrets.token_hex(16)}"
oauth_root_client_id = "{client_id}"
oauth_root_client_secret = "{client_secret}"

[execution]
require_manual_request_approval = false
subject_identity_verification_required = false

[celery]
task_always_eager = true

[admin_ui]
enabled = false

[logging]
level = "INFO"
log_pii = false
"""
    config_path = os.path.join(work, "fides.toml")
    with open(config_path, "w") as f:
        f.write(toml)

    port = free_port()
    env = dict(os.environ, FIDES__CONFIG_PATH=config_path)
    log_path = os.path.join(work, "fides.log")
    log_file = open(log_path, "w")
    log(f"starting Fides on 127.0.0.1:{port} (log: {log_path})")
    fides = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", str(port),
         "fides.api.main:app"],
        cwd=work, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)

    def stop():
        if fides.poll() is None:
            fides.send_signal(signal.SIGTERM)
            try:
                fides.wait(20)
            except subprocess.TimeoutExpired:
                fides.kill()
                fides.wait()
        try:
            redis.Redis(host="127.0.0.1", port=args.redis_port, password=args.redis_password,
                        socket_timeout=5).shutdown(nosave=True)
        except (redis.exceptions.ConnectionError, redis.exceptions.ResponseError):
            pass  # SHUTDOWN closes the connection on success; a Redis already gone is fine too
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    atexit.register(stop)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    def fail(message):
        log_file.flush()
        with open(log_path) as f:
            tail = f.readlines()[-40:]
        print("".join(tail), file=sys.stderr)
        raise SystemExit(f"[fides.py] {message}")

    api = Api(f"http://127.0.0.1:{port}")
    started = time.perf_counter()
    health = None
    while time.perf_counter() - started < 600:
        if fides.poll() is not None:
            fail(f"Fides exited with code {fides.returncode} while starting")
        try:
            health = api.call("GET", "/health", timeout=5)
            break
        except (OSError, RuntimeError):
            time.sleep(0.5)
    if health is None:
        fail("Fides did not answer /health within 600 s")
    startup_seconds = time.perf_counter() - started
    log(f"Fides {health.get('version')} up after {startup_seconds:.1f} s")

    token = api.call("POST", "/api/v1/oauth/token",
                     form={"client_id": client_id, "client_secret": client_secret})
    api.token = token["access_token"]

    api.call("PATCH", "/api/v1/connection", [
        {"name": "bench", "key": "bench", "connection_type": "postgres", "access": "write"}])
    api.call("PUT", "/api/v1/connection/bench/secret", {
        "host": data.hostname, "port": data.port or 5432, "dbname": data.path.lstrip("/"),
        "username": urllib.parse.unquote(data.username or "postgres"),
        "password": urllib.parse.unquote(data.password or "unused")})
    with open(args.dataset) as f:
        datasets = yaml.safe_load(f)["dataset"]
    result = api.call("PATCH", "/api/v1/connection/bench/dataset", datasets)
    if result.get("failed"):
        fail(f"dataset refused: {json.dumps(result['failed'])[:2000]}")
    log(f"connection and dataset {datasets[0]['fides_key']} created")

    def submit(emails, policy):
        body = [{"identity": {"email": e}, "policy_key": policy} for e in emails]
        answer = api.call("POST", "/api/v1/privacy-request/authenticated", body)
        if answer.get("failed"):
            fail(f"requests refused: {json.dumps(answer['failed'])[:2000]}")
        return [item["id"] for item in answer["succeeded"]]

    def status_of(request_id):
        page = api.call("GET", "/api/v1/privacy-request?request_id=" + request_id)
        return page["items"][0]["status"]

    def wait(request_ids):
        """Polls until every request reaches a final status; returns {id: status}."""
        statuses = {}
        deadline = time.perf_counter() + REQUEST_TIMEOUT_SECONDS
        pending = list(request_ids)
        while pending:
            for request_id in list(pending):
                status = status_of(request_id)
                if status in FINAL_STATUSES:
                    statuses[request_id] = status
                    pending.remove(request_id)
            if pending:
                if time.perf_counter() > deadline:
                    fail(f"requests still pending after {REQUEST_TIMEOUT_SECONDS} s: {pending}")
                time.sleep(POLL_SECONDS)
        return statuses

    def one_by_one(emails, policy):
        seconds, statuses, ids = [], [], []
        for email in emails:
            t0 = time.perf_counter()
            (request_id,) = submit([email], policy)
            status = wait([request_id])[request_id]
            seconds.append(time.perf_counter() - t0)
            statuses.append(status)
            ids.append(request_id)
            log(f"{policy} {email}: {status} in {seconds[-1]:.3f} s")
        return seconds, statuses, ids

    def access_packages(pairs):
        """What Fides's default local storage received: one zip of HTML pages per access request,
        a page per collection with an "(item #K)" block per row. Counts the packages found, those
        whose customer page shows the requested e-mail, and the rows per collection of the first."""
        found = with_customer = 0
        first = None
        for email, request_id in pairs:
            path = os.path.join(work, "fides_uploads", request_id + ".zip")
            if not os.path.exists(path):
                continue
            found += 1
            items = {}
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    match = re.fullmatch(r"data/[^/]+/([^/]+)/index\.html", name)
                    if match:
                        page = archive.read(name).decode("utf-8", "replace")
                        items[match.group(1)] = len(re.findall(r"\(item #\d+\)", page))
                        if match.group(1) == "customer" and email in page:
                            with_customer += 1
            if first is None:
                first = {"email": email, "rows_per_collection": dict(sorted(items.items()))}
        return {"requests": len(pairs), "packages_found": found,
                "packages_with_customer_row": with_customer, "example": first}

    output = {"tool": "ethyca-fides", "fides_version": health.get("version"),
              "startup_seconds": round(startup_seconds, 1)}

    if args.warmup_email:
        t0 = time.perf_counter()
        (request_id,) = submit([args.warmup_email], "default_access_policy")
        status = wait([request_id])[request_id]
        output["warmup_access"] = {"status": status, "seconds": round(time.perf_counter() - t0, 3)}
        log(f"warm-up access request: {status}")

    seconds, statuses, access_ids = one_by_one(access_emails, "default_access_policy")
    output["access"] = summary(seconds) | {
        "complete": statuses.count("complete"), "statuses": sorted(set(statuses))}

    # What the erasure requests should change, read before they run.
    db = psycopg2.connect(args.data_url)
    db.autocommit = True
    cursor = db.cursor()
    before = {}
    for email in erasure_emails:
        cursor.execute("SELECT c.id, c.name, a.street, a.city, a.zip FROM customer c "
                       "LEFT JOIN address a ON a.id = c.address_id WHERE c.email = %s", (email,))
        row = cursor.fetchone()
        if row is None:
            fail(f"no customer with e-mail {email} in the data database")
        before[email] = row

    seconds, statuses, _ = one_by_one(erasure_emails, "default_erasure_policy")
    output["erasure"] = summary(seconds) | {
        "complete": statuses.count("complete"), "statuses": sorted(set(statuses))}

    names_masked = emails_masked = addresses_unchanged = 0
    example = None
    for email, (customer_id, name, street, city, zip_code) in before.items():
        cursor.execute("SELECT c.email, c.name, a.street, a.city, a.zip FROM customer c "
                       "LEFT JOIN address a ON a.id = c.address_id WHERE c.id = %s", (customer_id,))
        new_email, new_name, new_street, new_city, new_zip = cursor.fetchone()
        names_masked += new_name != name
        emails_masked += new_email != email
        addresses_unchanged += (new_street, new_city, new_zip) == (street, city, zip_code)
        if example is None:
            example = {"customer_id": customer_id, "email_before": email, "email_after": new_email,
                       "name_before": name, "name_after": new_name,
                       "address_before": [street, city, zip_code],
                       "address_after": [new_street, new_city, new_zip]}
    output["erasure_check"] = {
        "customers": len(before), "names_masked": names_masked, "emails_masked": emails_masked,
        "addresses_unchanged": addresses_unchanged, "example": example}
    db.close()

    t0 = time.perf_counter()
    request_ids = submit(throughput_emails, "default_access_policy")
    submitted = time.perf_counter() - t0
    statuses = wait(request_ids)
    elapsed = time.perf_counter() - t0
    complete = list(statuses.values()).count("complete")
    output["throughput"] = {
        "requests": len(request_ids), "complete": complete,
        "statuses": sorted(set(statuses.values())),
        "submit_call_seconds": round(submitted, 3), "total_seconds": round(elapsed, 3),
        "requests_per_minute": round(len(request_ids) / elapsed * 60, 1)}
    log(f"throughput: {len(request_ids)} requests in {elapsed:.1f} s")
    output["access_check"] = access_packages(
        list(zip(access_emails, access_ids)) + list(zip(throughput_emails, request_ids)))

    all_complete = (output["access"]["complete"] == len(access_emails)
                    and output["erasure"]["complete"] == len(erasure_emails)
                    and complete == len(throughput_emails))
    output["all_complete"] = all_complete
    print(json.dumps(output, indent=2))
    sys.exit(0 if all_complete else 1)


if __name__ == "__main__":
    main()
