#!/usr/bin/env python3
"""Times Registre's server answering data subject requests end to end through its API, the
counterpart of fides.py: each request is opened (POST /v1/requests, identity already verified, as
Fides's benchmark skips verification) and run on the company's database (POST
/v1/requests/{n}/run); the time of a request is from the first call to the second's answer.

  access      N access requests one after another (the zip written, kept for the person);
  erasure     N erasure requests on other customers, then a check in the database that each
              customer's name no longer holds its old value;
  throughput  M access requests sent at once from M threads, until the last answer:
              requests per minute.

Only Python's standard library. Prints one JSON object with the same fields as fides.py.

Usage: registre.py --url http://127.0.0.1:PORT --token TOKEN --check-command 'psql URL -Atc' \
         --warmup-email a@x --access-emails a@x,b@x --erasure-emails c@x,d@x --throughput-emails e@x,f@x
"""
import argparse
import concurrent.futures
import json
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request

from timing import summary


def log(text):
    print(f"registre.py: {text}", file=sys.stderr, flush=True)


class API:
    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token

    def post(self, path, body=None):
        data = json.dumps(body).encode() if body is not None else b""
        request = urllib.request.Request(self.url + path, data=data, method="POST", headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=600) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def request(self, right, email):
        """Opens and runs one request; returns (seconds, status, result)."""
        start = time.perf_counter()
        status, opened = self.post("/v1/requests", {"right": right, "identities": [f"email={email}"], "verified": True})
        if status != 201:
            return time.perf_counter() - start, status, opened
        status, ran = self.post(f"/v1/requests/{opened['id']}/run")
        return time.perf_counter() - start, status, ran.get("result", ran)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--check-command", required=True, help="a command that runs one SQL query given as its last argument and prints the rows")
    parser.add_argument("--warmup-email", required=True)
    parser.add_argument("--access-emails", required=True)
    parser.add_argument("--erasure-emails", required=True)
    parser.add_argument("--throughput-emails", required=True)
    args = parser.parse_args()
    api = API(args.url, args.token)
    emails = {kind: [e for e in getattr(args, f"{kind}_emails").split(",") if e] for kind in ("access", "erasure", "throughput")}
    output = {}

    def check(sql):
        return subprocess.run(shlex.split(args.check_command) + [sql], check=True, capture_output=True, text=True).stdout.strip()

    _, status, result = api.request("access", args.warmup_email)
    log(f"warm-up access: HTTP {status}, {result.get('status')}, {result.get('rows')} rows")

    def timed(right, addresses):
        seconds, statuses, rows = [], {}, []
        for email in addresses:
            elapsed, status, result = api.request(right, email)
            seconds.append(elapsed)
            key = f"{status} {result.get('status', result.get('type', '?'))}"
            statuses[key] = statuses.get(key, 0) + 1
            rows.append(result.get("rows", sum(len(v) for v in result.get("collections", {}).values() if isinstance(v, list))))
        return seconds, statuses, rows

    seconds, statuses, rows = timed("access", emails["access"])
    output["access"] = summary(seconds, digits=4) | {"answers": statuses, "rows_per_request": rows,
                                           "complete": statuses.get("200 completed", 0)}
    log(f"access: p50 {output['access']['p50_seconds']} s, p99 {output['access']['p99_seconds']} s, {statuses}")

    # The scaled customers' e-mails are customer-ID@example.com.
    ids = {email: int(email.split("-")[1].split("@")[0]) for email in emails["erasure"]}
    names_before = {email: check(f"SELECT name FROM customer WHERE id = {ids[email]}") for email in emails["erasure"]}
    seconds, statuses, _ = timed("erasure", emails["erasure"])
    output["erasure"] = summary(seconds, digits=4) | {"answers": statuses,
                                            "complete": statuses.get("200 completed", 0) + statuses.get("200 partially_completed", 0)}
    log(f"erasure: p50 {output['erasure']['p50_seconds']} s, p99 {output['erasure']['p99_seconds']} s, {statuses}")
    # Erased means the old name is gone from the customer's row: the row deleted, or the name masked.
    still = [email for email, name in names_before.items() if name and check(
        f"SELECT count(*) FROM customer WHERE id = {ids[email]} AND name = '{name.replace(chr(39), chr(39) * 2)}'") != "0"]
    output["erasure_check"] = {"customers": len(names_before), "name_still_there": len(still), "examples": still[:3]}
    log(f"erasure check: {len(still)} of {len(names_before)} customers still hold their name")

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(emails["throughput"])) as pool:
        answers = list(pool.map(lambda email: api.request("access", email), emails["throughput"]))
    elapsed = time.perf_counter() - start
    complete = sum(1 for _, status, result in answers if status == 200 and result.get("status") == "completed")
    output["throughput"] = {"requests": len(answers), "complete": complete, "seconds": round(elapsed, 3),
                            "requests_per_minute": round(len(answers) / elapsed * 60, 1)}
    log(f"throughput: {len(answers)} requests in {elapsed:.2f} s")
    print(json.dumps(output, indent=2))
    ok = output["access"]["complete"] == len(emails["access"]) and complete == len(answers) and not still
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
