#!/usr/bin/env python3
"""The benchmark of the key-work supervision service: one run, one results table.

Started by src/bench/run (see the README, "Performance"). Python 3 standard library only; the load
comes from wrk (Lua scripts in src/bench/wrk/), PostgreSQL's own floor from pgbench on the same
cluster. Exits non-zero only when the harness itself fails, never for a missed target.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse
import uuid
import zlib
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "src", "bench")
GENERATOR = os.path.join(BENCH, "data", "generate.sql")
LUA = os.path.join(BENCH, "wrk", "requests.lua")

SCALES = {"city": 300, "province": 20000, "double": 40000}
BENCH_PASSWORD = "Bench-Keywork-2026!"
ZONE = datetime.timezone(datetime.timedelta(hours=8))  # Asia/Shanghai, no daylight saving

# The JVM options the README recommends for production; the benchmark runs the service with them.
DEFAULT_JVM_OPTS = "-Xms64m -Xmx160m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError"
# glibc keeps an arena per thread otherwise; the README recommends the same for production
PROCESS_ENV = {"MALLOC_ARENA_MAX": "2"}

# Sign-in and public rate limits are deployment settings: the benchmark instance raises them so the
# load measures the service, not its throttle.
HIGH_LIMITS = {
    "SUPERVISION_SECURITY_LOGINS_PER_USERNAME_PER_MINUTE": "10000000",
    "SUPERVISION_SECURITY_LOGINS_PER_ADDRESS_PER_MINUTE": "10000000",
    "SUPERVISION_PUBLIC_REQUESTS_PER_MINUTE_PER_ADDRESS": "10000000",
}

# While the generator loads, the first start runs none of its background consumers and scans (they
# would contend with the load's locks); the measured instance, started afterwards, runs them all.
QUIET = {
    "SUPERVISION_POINTS_ENABLED": "false",
    "SUPERVISION_WEBHOOKS_ENABLED": "false",
    "SUPERVISION_NOTIFICATIONS_DELIVER_EVERY": "off",
    "SUPERVISION_SLIPS_OVERDUE_SCAN_EVERY": "off",
    "SUPERVISION_INQUIRIES_SCAN_EVERY": "off",
    "SUPERVISION_EVALUATION_SCAN_EVERY": "off",
    "SUPERVISION_CYCLES_ENABLED": "false",
}

# Targets of issue 15: (kind, value). "ratio-S" = req/s ≥ value × pgbench -S TPS, "ratio-W" = req/s ≥
# value × pgbench write TPS, "seconds" = time below value.
TARGETS = {
    "1 task GET by id": ("ratio-S", 0.5, 20.0),
    "2 office task list": ("ratio-S", 0.2, None),
    "3 dashboard": ("ratio-S", 0.1, None),
    "4 report submit": ("ratio-W", 0.8, None),
    "5 public ledger page": ("ratio-S", 0.3, None),
    "6 sign-in": None,
}

LOG_FILE = None


def log(message):
    line = "[bench %s] %s" % (time.strftime("%H:%M:%S"), message)
    print(line, flush=True)
    if LOG_FILE:
        with open(LOG_FILE, "a", encoding="utf-8") as f:
            f.write(line + "\n")


class HarnessError(Exception):
    pass


# ---------------------------------------------------------------- HTTP


class Http:
    """A small keep-alive JSON client; one connection per thread."""

    def __init__(self, host, port, timeout=600):
        self.host, self.port, self.timeout = host, port, timeout
        self.local = threading.local()

    def _conn(self):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.local.conn = conn
        return conn

    def request(self, method, path, token=None, body=None, headers=None, raw=None, content_type=None):
        h = {"Accept": "application/json"}
        if token:
            h["Authorization"] = "Bearer " + token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        if raw is not None:
            data = raw
            h["Content-Type"] = content_type
        if headers:
            h.update(headers)
        for attempt in range(2):
            conn = self._conn()
            try:
                conn.request(method, path, body=data, headers=h)
                response = conn.getresponse()
                payload = response.read()
                return response.status, dict((k.lower(), v) for k, v in response.getheaders()), payload
            except (http.client.HTTPException, ConnectionError, OSError):
                conn.close()
                self.local.conn = None
                if attempt:
                    raise
        raise HarnessError("unreachable")

    def json(self, method, path, token=None, body=None, headers=None, expect=(200,)):
        status, h, payload = self.request(method, path, token, body, headers)
        if status not in expect:
            raise HarnessError("%s %s answered %d: %s" % (method, path, status, payload[:500].decode("utf-8", "replace")))
        return (json.loads(payload) if payload else None), h


def get_status(url, timeout=2):
    parsed = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    try:
        conn.request("GET", parsed.path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# ---------------------------------------------------------------- processes


def run(cmd, env=None, check=True, capture=True, timeout=None):
    result = subprocess.run(cmd, env=env, stdout=subprocess.PIPE if capture else None,
                            stderr=subprocess.STDOUT if capture else None, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise HarnessError("%s failed (%d): %s" % (" ".join(cmd[:3]), result.returncode, (result.stdout or "")[-2000:]))
    return result


class Database:
    """The PostgreSQL the service runs on, reached as superuser."""

    def __init__(self, url):
        self.url = url
        parsed = urllib.parse.urlparse(url)
        self.host = parsed.hostname or "127.0.0.1"
        self.port = parsed.port or 5432
        self.user = urllib.parse.unquote(parsed.username or "postgres")
        self.password = urllib.parse.unquote(parsed.password or "")
        self.dbname = (parsed.path or "/postgres").lstrip("/") or "postgres"

    def url_for(self, dbname):
        return "postgresql://%s:%s@%s:%d/%s" % (urllib.parse.quote(self.user, safe=""),
                                                 urllib.parse.quote(self.password, safe=""), self.host, self.port, dbname)

    def query(self, sql, dbname=None):
        out = run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql,
                   self.url_for(dbname or self.dbname)]).stdout
        return [line.split("\t") for line in out.splitlines() if line != ""]

    def scalar(self, sql, dbname=None):
        rows = self.query(sql, dbname)
        return rows[0][0] if rows else None


class Service:
    """One instance of the packaged service."""

    def __init__(self, name, jar, home, port, mport, jvm_opts, env, out):
        self.name, self.jar, self.home, self.port, self.mport = name, jar, home, port, mport
        self.jvm_opts, self.env, self.out = jvm_opts, env, out
        self.process = None
        self.started_at = None
        self.log_path = None
        self.starts = 0

    def start(self, extra_env=None):
        self.starts += 1
        self.log_path = os.path.join(self.out, "service-%s-%d.log" % (self.name, self.starts))
        cmd = ["java"] + self.jvm_opts.split() + [
            "-Duser.home=" + self.home, "-Dquarkus.http.port=%d" % self.port,
            "-Dquarkus.management.port=%d" % self.mport, "-jar", self.jar]
        env = dict(os.environ)
        env.update(PROCESS_ENV)
        env.update(self.env)
        env.update(extra_env or {})
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(cmd, env=env, stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT,
                                        start_new_session=True)
        return self

    @property
    def pid(self):
        return self.process.pid

    def wait_ready(self, timeout=300):
        url = "http://127.0.0.1:%d/q/health/ready" % self.mport
        while time.monotonic() - self.started_at < timeout:
            if self.process.poll() is not None:
                raise HarnessError("service %s exited with %d, see %s" % (self.name, self.process.returncode, self.log_path))
            try:
                status, body = get_status(url)
                if status == 200 and b'"UP"' in body:
                    return time.monotonic() - self.started_at
            except OSError:
                pass
            time.sleep(0.02)
        raise HarnessError("service %s not ready within %d s, see %s" % (self.name, timeout, self.log_path))

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def status(self):
        values = {}
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith(("VmHWM", "VmRSS")):
                        key, value = line.split(":", 1)
                        values[key] = int(value.split()[0]) // 1024
        except (OSError, AttributeError):
            pass
        return values


class RssWatcher(threading.Thread):
    """Polls VmRSS and VmHWM of the services while the run goes on."""

    def __init__(self, services):
        super().__init__(daemon=True)
        self.services = services
        self.peak = {}
        self.hwm = {}
        self.phase = "start"
        self.phase_peak = {}
        self.running = True

    def run(self):
        while self.running:
            for s in self.services:
                if s.process is None:
                    continue
                values = s.status()
                if "VmRSS" in values:
                    self.peak[s.name] = max(self.peak.get(s.name, 0), values["VmRSS"])
                    key = (s.name, self.phase)
                    self.phase_peak[key] = max(self.phase_peak.get(key, 0), values["VmRSS"])
                if "VmHWM" in values:
                    self.hwm[s.name] = max(self.hwm.get(s.name, 0), values["VmHWM"])
            time.sleep(0.2)


class HeapWatcher:
    """jstat -gc every 50 ms during one operation; see the README for what "heap growth" means."""

    def __init__(self, pid):
        self.pid = pid
        self.samples = []

    @staticmethod
    def _parse(line, header):
        values = line.split()
        if len(values) != len(header):
            return None
        try:
            row = dict(zip(header, (0.0 if v == "-" else float(v) for v in values)))
        except ValueError:
            return None
        return row

    def __enter__(self):
        subprocess.run(["jcmd", str(self.pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.proc = subprocess.Popen(["jstat", "-gc", str(self.pid), "50"], stdout=subprocess.PIPE, text=True)
        self.header = self.proc.stdout.readline().split()
        first = self._parse(self.proc.stdout.readline(), self.header)
        self.baseline = first
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        return self

    def _read(self):
        for line in self.proc.stdout:
            row = self._parse(line, self.header)
            if row:
                self.samples.append(row)

    def __exit__(self, *exc):
        time.sleep(0.2)
        self.proc.terminate()
        self.proc.wait()
        self.reader.join(timeout=2)

    @staticmethod
    def used(row):
        return row["S0U"] + row["S1U"] + row["EU"] + row["OU"]

    @staticmethod
    def survivors(row):
        return row["S0U"] + row["S1U"] + row["OU"]

    @staticmethod
    def collections(row):
        return row.get("YGC", 0) + row.get("FGC", 0) + row.get("CGC", 0)

    def figures(self):
        base = self.baseline
        if base is None:
            return {}
        rows = [base] + self.samples
        peak_used = max(self.used(r) for r in rows)
        after_gc = [self.survivors(cur) for prev, cur in zip(rows, rows[1:])
                    if self.collections(cur) > self.collections(prev)]
        mb = 1024.0
        result = {
            "baseline_after_gc_mb": round(self.survivors(base) / mb, 1),
            "peak_used_mb": round(peak_used / mb, 1),
            "raw_peak_growth_mb": round((peak_used - self.used(base)) / mb, 1),
            "collections_during": len(after_gc),
        }
        if after_gc:
            result["growth_mb"] = round((max(after_gc) - self.survivors(base)) / mb, 1)
            result["growth_basis"] = "after-collection"
        else:
            result["growth_mb"] = result["raw_peak_growth_mb"]
            result["growth_basis"] = "no collection during the operation: raw peak growth (upper bound)"
        return result


# ---------------------------------------------------------------- wrk


def write_requests(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for method, target, token, if_match, body in lines:
            auth = ("Bearer " + token) if token else ""
            f.write("\t".join([method, target, auth, if_match or "", json.dumps(body, ensure_ascii=False) if body is not None else ""]) + "\n")


def wrk(base_url, requests_file, seconds, connections, threads=2, once=False, first=None, last=None):
    env = dict(os.environ, BENCH_REQUESTS=requests_file, BENCH_ONCE="1" if once else "0", BENCH_THREADS=str(threads))
    if first:
        env["BENCH_FIRST"] = str(first)
    if last:
        env["BENCH_LAST"] = str(last)
    cmd = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--timeout", "10s", "--latency",
           "-s", LUA, base_url]
    result = run(cmd, env=env, check=False, timeout=seconds + 120)
    match = re.search(r"BENCH_RESULT (\{.*\})", result.stdout or "")
    if not match:
        raise HarnessError("wrk gave no result: " + (result.stdout or "")[-2000:])
    data = json.loads(match.group(1))
    errors = data["errors"]
    if once:
        # answers counted by the script (non-2xx = error); the idle connections of a used-up list make
        # wrk's timeout count meaningless then, so a lost answer shows as requests never answered
        data["error_count"] = data["bad"] + errors["connect"] + errors["read"] + errors["write"]
    else:
        data["error_count"] = errors["status"] + errors["connect"] + errors["read"] + errors["write"] + errors["timeout"]
    # req/s counts the answers that were not errors (an instance down behind the balancer answers 503 fast)
    ok = max(0, data["requests"] - (data["bad"] if once else errors["status"]))
    data["rps"] = round(ok / (data["duration_us"] / 1e6), 1) if data["duration_us"] else 0.0
    data["raw"] = result.stdout
    data["first_bad"] = re.findall(r"BENCH_FIRST_BAD (.*)", result.stdout or "")[:2]
    return data


# ---------------------------------------------------------------- the run


class Bench:

    def __init__(self, args):
        self.args = args
        self.results = {"scenarios": [], "notes": [], "machine": {}, "settings": {}}
        self.services = []
        self.haproxy = None
        self.now = datetime.datetime.now(ZONE)
        self.period = self.now.strftime("%Y-%m")
        self.year = self.now.year

    # -- helpers

    def note(self, text):
        log("NOTE " + text)
        self.results["notes"].append(text)

    def scenario(self, **row):
        self.results["scenarios"].append(row)
        return row

    def machine(self):
        m = self.results["machine"]
        m["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        m["cores"] = os.cpu_count()
        m["nproc"] = run(["nproc"]).stdout.strip()
        model = ""
        try:
            with open("/proc/cpuinfo") as f:
                for line in f:
                    if line.startswith("model name"):
                        model = line.split(":", 1)[1].strip()
                        break
        except OSError:
            pass
        m["cpu"] = model
        try:
            with open("/proc/meminfo") as f:
                m["memory"] = f.readline().split(":", 1)[1].strip()
        except OSError:
            pass
        m["java"] = run(["java", "-version"]).stdout.strip().splitlines()[0:3]
        m["jvm_options"] = self.args.jvm_opts
        m["wrk"] = run(["wrk", "-v"], check=False).stdout.strip().splitlines()[0]
        m["load_average_at_start"] = open("/proc/loadavg").read().split()[:3]

    # -- services

    def base_env(self):
        env = dict(HIGH_LIMITS)
        env["SUPERVISION_CYCLES_TICK"] = "off"  # the benchmark starts the monthly run itself
        if self.args.instances == 2:
            env["QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"] = "true"
            env["QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED"] = "true"
        return env

    def start_embedded(self):
        out = self.out
        self.home = os.path.join(out, "home")
        os.makedirs(self.home, exist_ok=True)
        env = self.base_env()
        # a fixed port: instance b, and psql, find the database again after a restart of instance a
        env["SUPERVISION_DATABASE_EMBEDDED_PORT"] = str(self.args.db_port)
        if self.demo:
            env["SUPERVISION_DEMO_ENABLED"] = "true"
            env["SUPERVISION_DEMO_PASSWORD"] = BENCH_PASSWORD
        else:
            env["SUPERVISION_DEMO_ENABLED"] = "false"
            env["SUPERVISION_SECURITY_BOOTSTRAP_ADMIN_PASSWORD"] = BENCH_PASSWORD
        a = Service("a", self.args.jar, self.home, self.args.port, self.args.port + 1, self.args.jvm_opts, env, out)
        self.services.append(a)
        a.start(QUIET)
        log("service a starting (pid %d), embedded PostgreSQL in %s" % (a.pid, self.home))
        a.wait_ready()
        data = os.path.join(self.home, ".key-work-supervision", "pgdata")
        password = open(data + "-superuser-password").read().strip()
        with open(os.path.join(data, "postmaster.pid")) as f:
            port = int(f.read().splitlines()[3])
        self.db = Database("postgresql://postgres:%s@127.0.0.1:%d/supervision" % (urllib.parse.quote(password, safe=""), port))
        self.key_dir = data + "-keys"
        return a

    def start_external(self):
        self.db = Database(self.args.database_url)
        self.home = os.path.join(self.out, "home")
        os.makedirs(self.home, exist_ok=True)
        env = self.base_env()
        env.update(self.external_env())
        env["SUPERVISION_DEMO_ENABLED"] = "true" if self.demo else "false"
        env["SUPERVISION_DEMO_PASSWORD"] = BENCH_PASSWORD
        env["SUPERVISION_SECURITY_BOOTSTRAP_ADMIN_PASSWORD"] = BENCH_PASSWORD
        a = Service("a", self.args.jar, self.home, self.args.port, self.args.port + 1, self.args.jvm_opts, env, self.out)
        self.services.append(a)
        a.start(QUIET)
        log("service a starting (pid %d) on %s:%d/%s" % (a.pid, self.db.host, self.db.port, self.db.dbname))
        a.wait_ready()
        return a

    def external_env(self):
        db = self.db
        env = {
            "QUARKUS_DATASOURCE_REACTIVE_URL": "postgresql://%s:%d/%s" % (db.host, db.port, db.dbname),
            "QUARKUS_DATASOURCE_JDBC_URL": "jdbc:postgresql://%s:%d/%s" % (db.host, db.port, db.dbname),
            "QUARKUS_DATASOURCE_USERNAME": db.user,
            "QUARKUS_DATASOURCE_PASSWORD": db.password,
        }
        keys = getattr(self, "key_dir", None) or os.path.join(self.out, "keys")
        if not getattr(self, "key_dir", None):
            self.make_keys(keys)
            self.key_dir = keys
        env.update({
            "SMALLRYE_JWT_SIGN_KEY_LOCATION": "file:" + os.path.join(keys, "token-signing-private.pem"),
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION": "file:" + os.path.join(keys, "token-signing-public.pem"),
            "SUPERVISION_AUDIT_CHAIN_KEY_LOCATION": os.path.join(keys, "audit-chain.key"),
            "SUPERVISION_AUDIT_CHECKPOINT_KEY_LOCATION": os.path.join(keys, "audit-checkpoint-private.pem"),
        })
        return env

    @staticmethod
    def make_keys(keys):
        os.makedirs(keys, exist_ok=True)
        private = os.path.join(keys, "token-signing-private.pem")
        run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", private])
        run(["openssl", "pkey", "-in", private, "-pubout", "-out", os.path.join(keys, "token-signing-public.pem")])
        with open(os.path.join(keys, "audit-chain.key"), "w") as f:
            f.write(run(["openssl", "rand", "-base64", "32"]).stdout)
        run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072",
             "-out", os.path.join(keys, "audit-checkpoint-private.pem")])

    def start_second(self):
        """Instance b on the same database as a (a's embedded one is reached as superuser)."""
        env = self.base_env()
        env.update(self.external_env())
        env["SUPERVISION_DEMO_ENABLED"] = "false"
        home_b = os.path.join(self.out, "home-b")
        os.makedirs(home_b, exist_ok=True)
        b = Service("b", self.args.jar, home_b, self.args.port + 2, self.args.port + 3, self.args.jvm_opts, env, self.out)
        self.services.append(b)
        b.start()
        log("service b starting (pid %d) on the same database" % b.pid)
        b.wait_ready()
        return b

    def start_haproxy(self):
        """HAProxy with the repository's docker/haproxy.cfg, its addresses given as in the README's Scaling section."""
        config = os.path.join(ROOT, "docker", "haproxy.cfg")
        env = dict(os.environ, LB_BIND="127.0.0.1:%d" % self.args.lb_port,
                   APP1="127.0.0.1:%d" % self.args.port, APP1_MANAGEMENT=str(self.args.port + 1),
                   APP2="127.0.0.1:%d" % (self.args.port + 2), APP2_MANAGEMENT=str(self.args.port + 3))
        self.note("load balancer: HAProxy with docker/haproxy.cfg on 127.0.0.1:%d" % self.args.lb_port)
        self.haproxy = subprocess.Popen(["haproxy", "-f", config, "-db"], stdout=open(os.path.join(self.out, "haproxy.log"), "w"),
                                        stderr=subprocess.STDOUT, start_new_session=True, env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                status, _ = get_status("http://127.0.0.1:%d/q/health/ready" % self.args.lb_port)
                if status in (200, 404):
                    break
            except OSError:
                time.sleep(0.2)
        time.sleep(4)  # both servers pass their first check

    # -- steps

    def load(self):
        tasks = SCALES[self.args.scale]
        self.results["settings"].update(scale=self.args.scale, tasks=tasks, seed=self.args.seed)
        if self.demo:
            self.note("generator %s not present: running on the demo city (SUPERVISION_DEMO_ENABLED=true), not %s scale"
                      % (os.path.relpath(GENERATOR, ROOT), self.args.scale))
            self.results["load"] = {"generator": "demo city", "seconds": None}
            return
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "seed=%d" % self.args.seed, "-v", "tasks=%d" % tasks,
               "-v", "year=%d" % self.year, "-v", "chain_key_hex=%s" % self.chain_key_hex(), "-f", GENERATOR, self.db.url]
        log("loading %d tasks (seed %d, year %d)" % (tasks, self.args.seed, self.year))
        started = time.monotonic()
        result = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        seconds = time.monotonic() - started
        with open(os.path.join(self.out, "generate.log"), "w") as f:
            f.write(result.stdout)
        if result.returncode != 0:
            raise HarnessError("generator failed: " + result.stdout[-3000:])
        log("generator done in %.1f s:\n%s" % (seconds, result.stdout.strip()))
        self.results["load"] = {"generator": os.path.relpath(GENERATOR, ROOT), "seconds": round(seconds, 1),
                                "output": result.stdout.strip().splitlines()[-40:]}

    def chain_key_hex(self):
        """The audit chain's HMAC key (Base64 in its file) as hex: the generator continues the keyed chain."""
        import base64
        with open(os.path.join(self.key_dir, "audit-chain.key")) as f:
            return base64.b64decode(f.read().strip()).hex()

    def restart(self):
        a = self.services[0]
        a.stop()
        a.start()
        ready = a.wait_ready()
        log("ready in %.2f s on the existing database (process start to /q/health/ready UP)" % ready)
        self.results["ready_in_s"] = round(ready, 2)
        self.scenario(name="ready in (existing database)", seconds=round(ready, 2), target="< 3 s",
                      met=ready < 3.0, note="JVM process start to /q/health/ready UP" +
                      ("; includes starting the embedded PostgreSQL" if not self.args.database_url else ""))
        self.refresh_db_port()

    def pgbench(self):
        d = self.args.duration
        name = "bench_pgbench"
        self.db.query("DROP DATABASE IF EXISTS %s" % name, "postgres")
        self.db.query("CREATE DATABASE %s" % name, "postgres")
        url = self.db.url_for(name)
        run(["pgbench", "-i", "-q", "-s", str(self.args.pgbench_scale), url])
        figures = {}
        for label, extra in (("select-only -S", ["-S"]), ("write (TPC-B-like)", [])):
            result = run(["pgbench"] + extra + ["-c", "8", "-j", "2", "-T", str(d), url], timeout=d + 120)
            tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", result.stdout)
            lat = re.search(r"latency average = ([0-9.]+) ms", result.stdout)
            figures[label] = {"tps": float(tps.group(1)), "latency_avg_ms": float(lat.group(1)) if lat else None}
            log("pgbench %s: %.0f TPS, latency avg %s ms" % (label, figures[label]["tps"], figures[label]["latency_avg_ms"]))
        self.db.query("DROP DATABASE IF EXISTS %s" % name, "postgres")
        self.results["pgbench"] = figures
        self.results["pgbench"]["settings"] = "pgbench -i -s %d; -c 8 -j 2 -T %d (simple protocol), same cluster" % (
            self.args.pgbench_scale, d)
        self.results["machine"]["postgresql"] = self.db.scalar("SHOW server_version")
        self.results["machine"]["postgresql_settings"] = dict(
            (k, self.db.scalar("SHOW %s" % k)) for k in ("fsync", "synchronous_commit", "shared_buffers", "max_connections"))
        self.tps_s = figures["select-only -S"]["tps"]
        self.tps_w = figures["write (TPC-B-like)"]["tps"]

    def accounts(self):
        """Who is who: the generator's bench.* accounts, or the demo city's."""
        if self.demo:
            office = "office"
            units = self.db.query(
                "SELECT username, unit_id FROM app_user WHERE roles LIKE '%UNIT_LIAISON%' AND active AND unit_id IS NOT NULL "
                "AND username LIKE 'liaison-%' ORDER BY username")
        else:
            office = "bench.office"
            units = self.db.query(
                "SELECT username, unit_id FROM app_user WHERE username LIKE 'bench.unit.%' AND active ORDER BY username")
        if not units:
            raise HarnessError("no unit accounts found")
        return office, units

    def sign_in(self, username):
        body, _ = self.http.json("POST", "/api/v1/auth/token", body={"username": username, "password": BENCH_PASSWORD})
        return body["accessToken"]

    def prepare(self):
        self.http = Http("127.0.0.1", self.args.port)
        office, units = self.accounts()
        self.office_token = self.sign_in(office)
        log("signing in %d unit accounts" % len(units))
        with ThreadPoolExecutor(4) as pool:
            tokens = list(pool.map(lambda u: self.sign_in(u[0]), units))
        self.unit_tokens = dict((u[1], t) for u, t in zip(units, tokens))
        self.unit_names = [u[0] for u in units]
        self.task_ids = [r[0] for r in self.db.query(
            "SELECT id FROM key_task WHERE year = %d AND status IN ('ACTIVE','COMPLETED') ORDER BY code" % self.year)]
        if not self.task_ids:
            self.task_ids = [r[0] for r in self.db.query("SELECT id FROM key_task ORDER BY code")]
        log("%d tasks of %d, %d unit accounts" % (len(self.task_ids), self.year, len(units)))

    def open_tasks(self):
        """Tasks whose lead unit has a signed-in account and whose current month has no submitted report."""
        return self.db.query(
            "SELECT t.id, t.lead_unit_id, (SELECT string_agg(s.id::text, ',' ORDER BY s.list_order) FROM task_sub_item s WHERE s.task_id = t.id), "
            "r.status, r.version FROM key_task t LEFT JOIN progress_report r ON r.task_id = t.id AND r.period = '%s' "
            "WHERE t.year = %d AND t.status = 'ACTIVE' AND (r.id IS NULL OR r.status IN ('DRAFT','RETURNED')) "
            "AND EXISTS (SELECT 1 FROM task_sub_item s WHERE s.task_id = t.id) ORDER BY t.code" % (self.period, self.year))

    def make_draft(self, row, token):
        task_id, unit_id, sub_items, status, version = row
        path = "/api/v1/tasks/%s/reports/%s" % (task_id, self.period)
        body = {"summary": "基准测试月报", "problems": "无", "measures": "按计划推进", "nextSteps": "继续推进",
                "subItems": [{"subItemId": s, "actual": 100} for s in sub_items.split(",")]}
        headers = {}
        if status:
            headers["If-Match"] = '"%s"' % version
        code, h, payload = self.http.request("PUT", path, token, body, headers)
        if code not in (200, 201):
            raise HarnessError("draft %s: %d %s" % (path, code, payload[:300]))
        return h.get("etag")

    def http_scenarios(self, base_port):
        d, c = self.args.duration, self.args.connections
        warm = self.args.warmup
        base = "http://127.0.0.1:%d" % base_port
        rdir = os.path.join(self.out, "requests")
        os.makedirs(rdir, exist_ok=True)
        ot = self.office_token
        runs = []

        def measure(name, lines, target=None, once=False, ratio_to=None, extra=None):
            path = os.path.join(rdir, "%02d-%s.txt" % (len(runs) + 1, re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")))
            write_requests(path, lines)
            log("scenario %s: warm-up %d s, then %d s at %d connections" % (name, warm, d, c))
            try:
                if once:
                    split = self.warm_count
                    w = wrk(base, path, warm, c, once=True, last=split)
                    m = wrk(base, path, d, c, once=True, first=split + 1)
                    exhausted = m["exhausted_threads"] > 0
                else:
                    w = wrk(base, path, warm, c)
                    m = wrk(base, path, d, c)
                    exhausted = False
            except HarnessError as e:
                # wrk could not run (the service is down): a result, and the next scenarios go on
                row = self.scenario(name=name, errors=None, met=False, target="", note="not measured: %s" % str(e)[:300])
                self.revive(row)
                runs.append(row)
                return row
            ratio = None
            if ratio_to == "S":
                ratio = m["rps"] / self.tps_s
            elif ratio_to == "W":
                ratio = m["rps"] / self.tps_w
            kind = TARGETS.get(name)
            met = None
            target_text = ""
            if kind:
                _, value, p99 = kind
                met = ratio is not None and ratio >= value and m["error_count"] == 0
                target_text = "≥ %.1f × pgbench %s" % (value, "-S" if ratio_to == "S" else "write")
                if p99:
                    met = met and m["latency_us"]["p99"] / 1000 < p99
                    target_text += ", p99 < %d ms, 0 errors" % p99
            row = self.scenario(name=name, rps=m["rps"], ratio=round(ratio, 3) if ratio is not None else None,
                                ratio_to=("pgbench -S" if ratio_to == "S" else "pgbench write" if ratio_to == "W" else None),
                                p50_ms=m["latency_us"]["p50"] / 1000, p95_ms=m["latency_us"]["p95"] / 1000,
                                p99_ms=m["latency_us"]["p99"] / 1000, errors=m["error_count"], requests=m["requests"],
                                error_detail=m["errors"], warmup_rps=w["rps"], target=target_text, met=met,
                                note=("request list used up before the end: req/s understated" if exhausted else None))
            if m["requests"] == 0:
                row["note"] = ((row.get("note") or "") + " no answer within the run: every request took longer "
                               "than the measured %d s (wrk's timeout 10 s)" % d).strip()
                row["met"] = False if row.get("met") is not None else None
            if m.get("first_bad"):
                row["first_errors"] = m["first_bad"]
                log("  first errors: %s" % m["first_bad"])
            if extra:
                row.update(extra)
            self.revive(row)
            with open(os.path.join(rdir, "wrk-output.txt"), "a") as f:
                f.write("== %s (warm-up)\n%s\n== %s\n%s\n" % (name, w["raw"], name, m["raw"]))
            log("  %.0f req/s, p50 %.1f ms, p99 %.1f ms, errors %d%s" % (
                m["rps"], row["p50_ms"], row["p99_ms"], m["error_count"],
                ", ratio %.3f" % ratio if ratio is not None else ""))
            runs.append(row)
            return row

        self.rss.phase = "http"
        # 1 task GET by id, rotating over every task
        measure("1 task GET by id", [("GET", "/api/v1/tasks/%s" % t, ot, None, None) for t in self.task_ids], ratio_to="S")

        # 2 office task list: category + light (when the contract has that filter) + text, page of 50
        spec = open(os.path.join(ROOT, "openapi", "openapi.yaml"), encoding="utf-8").read()
        list_section = spec[spec.find("operationId: listTasks"):spec.find("operationId: createTask")]
        query = {"year": self.year, "category": "KEY_PROJECT", "q": self.args.list_text, "size": 50}
        if "name: light" in list_section:
            query["light"] = "YELLOW"
        else:
            self.note("the task list has no light filter in the contract: scenario 2 filters by category and text only")
        lines = [("GET", "/api/v1/tasks?" + urllib.parse.urlencode(dict(query, category=cat)), ot, None, None)
                 for cat in ("KEY_PROJECT", "LIVELIHOOD", "COUNTY_TOPIC", "MEETING_DECISION", "LEADER_INSTRUCTION", "OTHER")]
        measure("2 office task list", lines, ratio_to="S", extra={"query": query})

        # 3 dashboard for the current month
        measure("3 dashboard", [("GET", "/api/v1/dashboard?period=" + self.period, ot, None, None)], ratio_to="S")

        # 4 a unit submits its monthly report: drafts prepared first, each request one real submission
        open_rows = [r for r in self.open_tasks() if r[1] in self.unit_tokens]
        want = min(len(open_rows), self.args.submit_drafts)
        self.warm_count = max(1, min(want // 5, int(want * warm / (warm + d))))
        self.upload_row = open_rows[want] if len(open_rows) > want else None
        log("preparing %d drafts of %s (of %d open reports)" % (want, self.period, len(open_rows)))
        started = time.monotonic()
        budget = started + self.args.draft_seconds

        def draft(r):
            return self.make_draft(r, self.unit_tokens[r[1]]) if time.monotonic() < budget else None
        with ThreadPoolExecutor(8) as pool:
            answered = list(pool.map(draft, open_rows[:want]))
        chosen = [r for r, a in zip(open_rows, answered) if a is not None]
        answered = [a for a in answered if a is not None]
        if len(chosen) < want:
            self.note("scenario 4: %d drafts prepared within %d s (of %d wanted)" % (len(chosen), self.args.draft_seconds, want))
        want = len(chosen)
        self.warm_count = max(1, min(want // 5, int(want * warm / (warm + d))))
        log("  %d drafts ready in %.1f s" % (want, time.monotonic() - started))
        # the If-Match of each submission: the draft's version as it stands once all are written
        versions = dict(self.db.query("SELECT task_id, version FROM progress_report WHERE period = '%s' AND status IN ('DRAFT','RETURNED')"
                                      % self.period))
        etags = ['"%s"' % versions.get(r[0], "0") for r in chosen]
        stale = sum(1 for a, e in zip(answered, etags) if a != e)
        if stale:
            self.note("%d of %d draft PUTs answered an ETag other than the stored version (e.g. %s vs %s); "
                      "the submissions use the stored one" % (stale, len(etags), next(a for a, e in zip(answered, etags) if a != e),
                                                              next(e for a, e in zip(answered, etags) if a != e)))
        lines = [("POST", "/api/v1/tasks/%s/reports/%s/transitions" % (r[0], self.period), self.unit_tokens[r[1]], e,
                  {"action": "SUBMIT"}) for r, e in zip(chosen, etags)]
        if want > self.warm_count:
            measure("4 report submit", lines, once=True, ratio_to="W", extra={"drafts": want})
        else:
            self.note("scenario 4 skipped: only %d open reports" % want)

        # 5 anonymous public ledger page
        published = self.published_period()
        if published:
            pages = [("GET", "/api/v1/public/ledgers/%s?page=%d&size=50" % (published, p), None, None, None) for p in range(1, 21)]
            measure("5 public ledger page", pages, ratio_to="S", extra={"period": published, "pages": "1-20, size 50"})
        else:
            self.note("scenario 5 skipped: no published ledger")

        # search pair: two characters against four, the same settings
        two = measure("search 污水", [("GET", "/api/v1/tasks?" + urllib.parse.urlencode({"q": "污水", "size": 50}), ot, None, None)],
                      ratio_to="S")
        four = measure("search 污水处理", [("GET", "/api/v1/tasks?" + urllib.parse.urlencode({"q": "污水处理", "size": 50}), ot, None, None)],
                       ratio_to="S")
        throughput_ratio = four.get("rps", 0) / two["rps"] if two.get("rps") else None
        latency_ratio = two.get("p50_ms", 0) / four["p50_ms"] if four.get("p50_ms") else None
        self.scenario(name="search pair 污水 vs 污水处理", ratio=round(throughput_ratio, 2) if throughput_ratio else None,
                      ratio_to="req/s of 污水处理 ÷ req/s of 污水", p50_ratio=round(latency_ratio, 2) if latency_ratio else None,
                      target="≤ 2 (two characters within 2 × four)", met=(throughput_ratio is not None and throughput_ratio <= 2.0))

        # 6 sign-in, rotating over the unit accounts
        measure("6 sign-in", [("POST", "/api/v1/auth/token", None, None, {"username": u, "password": BENCH_PASSWORD})
                              for u in self.unit_names], ratio_to="S")
        return runs

    def revive(self, row=None):
        """A service that died under load is noted (with the last lines of its log) and started again."""
        for s in self.services:
            if s.process is not None and s.process.poll() is not None:
                tail = open(s.log_path, encoding="utf-8", errors="replace").read().strip().splitlines()[-3:]
                text = "service %s died (exit %d) during %s: %s" % (s.name, s.process.returncode,
                                                                 row["name"] if row else "the run", " | ".join(tail))
                self.note(text)
                if row is not None:
                    row["note"] = ((row.get("note") or "") + " service died: " + (tail[-1] if tail else "")).strip()
                    row["met"] = False
                s.start()
                s.wait_ready()
                log("service %s started again (pid %d)" % (s.name, s.pid))
                self.refresh_db_port()

    def refresh_db_port(self):
        if not self.args.database_url:
            data = os.path.join(self.home, ".key-work-supervision", "pgdata")
            with open(os.path.join(data, "postmaster.pid")) as f:
                self.db.port = int(f.read().splitlines()[3])

    def published_period(self):
        body, _ = self.http.json("GET", "/api/v1/public/ledgers")
        items = body.get("items", body if isinstance(body, list) else [])
        if items:
            first = items[0]
            return first.get("period") if isinstance(first, dict) else first
        previous = (self.now.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
        log("no published ledger: closing and publishing %s as the office" % previous)
        status, h, payload = self.http.request("POST", "/api/v1/ledgers/%s/close" % previous, self.office_token)
        if status not in (200, 201):
            self.note("closing the ledger %s answered %d: %s" % (previous, status, payload[:200]))
            return None
        status, h, payload = self.http.request("POST", "/api/v1/ledgers/%s/publish" % previous, self.office_token,
                                               headers={"If-Match": h.get("etag", '"1"')})
        if status not in (200, 201):
            self.note("publishing the ledger %s answered %d: %s" % (previous, status, payload[:200]))
            return None
        return previous

    def cycle(self):
        deadline_day = 25
        period = self.period if self.now.day > deadline_day else (self.now.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
        path = "/api/v1/cycles/MONTHLY/%s/runs" % period
        log("scenario 7: monthly cycle %s" % period)
        self.rss.phase = "cycle"
        limit = self.args.cycle_timeout
        started = time.monotonic()
        try:
            status, _, payload = Http("127.0.0.1", self.http.port, timeout=limit).request("POST", path, self.office_token)
            run_body = json.loads(payload) if payload else {}
        except (OSError, http.client.HTTPException) as e:
            status, run_body = "no answer (%s)" % type(e).__name__, {}
        answered = time.monotonic() - started
        while run_body.get("status") not in ("SUCCEEDED", "FAILED", "WAITING") and time.monotonic() - started < limit:
            time.sleep(0.1)
            code, _, payload = self.http.request("GET", path, self.office_token)
            if code == 200:
                run_body = json.loads(payload)
        seconds = time.monotonic() - started
        if run_body.get("status") not in ("SUCCEEDED", "FAILED", "WAITING"):
            self.note("scenario 7: the run had not ended after %d s (status %s); see the service log" % (limit, run_body.get("status")))
        steps = [(s.get("name"), s.get("status"), s.get("durationMs"), s.get("counts")) for s in run_body.get("steps", [])]
        log("  %s after %.2f s (POST answered %d in %.2f s); steps %s" % (run_body.get("status"), seconds, status, answered, steps))
        target = {"city": None, "province": 10.0, "double": 22.0}[self.args.scale]
        self.scenario(name="7 monthly cycle", period=period, seconds=round(seconds, 2), status=run_body.get("status"),
                      steps=steps, target=("< %.0f s" % target) if target else "", met=(seconds < target and
                      run_body.get("status") == "SUCCEEDED") if target else None)
        self.cycle_period = period

    def export(self):
        period = getattr(self, "cycle_period", self.period)
        path = "/api/v1/ledgers/%s/export?format=xlsx" % period
        log("scenario 8: XLSX ledger export %s" % period)
        self.rss.phase = "export"
        with HeapWatcher(self.services[0].pid) as heap:
            started = time.monotonic()
            status, _, payload = self.http.request("GET", path, self.office_token,
                                                   headers={"Accept": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
            seconds = time.monotonic() - started
        rows = self.db.scalar("SELECT count(*) FROM key_task WHERE year = %d" % self.year)
        figures = heap.figures()
        log("  %d, %d bytes in %.2f s, heap %s" % (status, len(payload), seconds, figures))
        met = status == 200 and seconds < 5 and figures.get("growth_mb", 1e9) < 64
        self.scenario(name="8 XLSX ledger export", seconds=round(seconds, 2), status=status, bytes=len(payload),
                      tasks_of_year=rows, heap=figures, target="< 5 s, heap growth < 64 MB", met=met)

    def upload(self):
        row = self.upload_row
        log("scenario 9: 10 MB photo upload")
        self.rss.phase = "upload"
        if row is None:
            rows = [r for r in self.open_tasks() if r[1] in self.unit_tokens]
            row = rows[0] if rows else None
        if row is None:
            self.note("scenario 9 skipped: no open report to attach to")
            return
        token = self.unit_tokens[row[1]]
        self.make_draft(row, token)
        png = noise_png(10 * 1024 * 1024)
        boundary = "bench" + uuid.uuid4().hex
        body = (("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.png\"\r\n"
                 "Content-Type: image/png\r\n\r\n" % boundary).encode() + png +
                ("\r\n--%s\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n基准测试照片\r\n--%s--\r\n"
                 % (boundary, boundary)).encode())
        path = "/api/v1/tasks/%s/reports/%s/attachments" % (row[0], self.period)
        with HeapWatcher(self.services[0].pid) as heap:
            started = time.monotonic()
            status, _, payload = self.http.request("POST", path, token, raw=body,
                                                   content_type="multipart/form-data; boundary=" + boundary,
                                                   headers={"Idempotency-Key": str(uuid.uuid4())})
            seconds = time.monotonic() - started
        figures = heap.figures()
        log("  %d in %.2f s (%d bytes), heap %s" % (status, seconds, len(png), figures))
        if status not in (200, 201):
            self.note("upload answered %d: %s" % (status, payload[:300]))
        self.scenario(name="9 photo upload 10 MB", seconds=round(seconds, 2), status=status, bytes=len(png), heap=figures,
                      target="heap growth < 16 MB", met=status in (200, 201) and figures.get("growth_mb", 1e9) < 16)

    # -- the whole run

    def execute(self):
        args = self.args
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        self.out = os.path.abspath(args.out or os.path.join(ROOT, "target", "bench", stamp))
        os.makedirs(self.out, exist_ok=True)
        global LOG_FILE
        LOG_FILE = os.path.join(self.out, "bench.log")
        self.demo = not os.path.exists(GENERATOR)
        log("results in %s" % self.out)
        self.machine()
        self.results["settings"].update(duration_s=args.duration, warmup_s=args.warmup, connections=args.connections,
                                        instances=args.instances, jvm_options=args.jvm_opts,
                                        raised_limits=HIGH_LIMITS, database=("given: %s:%s" % (
                                            urllib.parse.urlparse(args.database_url).hostname,
                                            urllib.parse.urlparse(args.database_url).port) if args.database_url
                                            else "embedded (fresh home)"))
        log("JVM options: %s" % args.jvm_opts)
        log("benchmark instance runs with raised limits: %s" % ", ".join("%s=%s" % kv for kv in HIGH_LIMITS.items()))
        self.rss = RssWatcher(self.services)
        self.rss.start()
        try:
            if args.database_url:
                self.start_external()
            else:
                self.start_embedded()
            self.load()
            self.restart()
            self.pgbench()
            self.prepare()
            port = args.port
            if args.instances == 2:
                self.start_second()
                self.start_haproxy()
                port = args.lb_port
            for step in (self.http_scenarios, self.upload, self.cycle, self.export):
                # upload before the cycle, whose close-reporting step ends the month's drafts
                self.guarded(step, port)
        finally:
            self.rss.running = False
            time.sleep(0.3)
            self.results["rss_mb"] = {
                "peak_rss_sampled": self.rss.peak,
                "vm_hwm": self.rss.hwm,
                "peak_rss_during_http_load": dict((k[0], v) for k, v in self.rss.phase_peak.items() if k[1] == "http"),
            }
            self.shutdown()
        http_rss = self.results["rss_mb"]["peak_rss_during_http_load"]
        if http_rss:
            worst = max(http_rss.values())
            self.scenario(name="RSS under load", mb=worst, target="< 400 MB", met=worst < 400,
                          note="peak VmRSS sampled every 0.2 s during the HTTP scenarios (per instance)")
        self.write()

    def guarded(self, step, port):
        """A step that fails because the service failed is a result, not a harness failure: note it, go on."""
        try:
            self.revive()
            step(port) if step == self.http_scenarios else step()
        except (HarnessError, OSError, http.client.HTTPException, ValueError, KeyError) as e:
            self.note("%s failed: %s: %s" % (step.__name__, type(e).__name__, str(e)[:500]))
            with open(os.path.join(self.out, "bench.log"), "a") as f:
                traceback.print_exc(file=f)
            try:
                self.revive()
            except HarnessError as again:
                self.note("could not start the service again: %s" % again)

    def shutdown(self):
        if self.haproxy and self.haproxy.poll() is None:
            self.haproxy.terminate()
            self.haproxy.wait()
        for s in reversed(self.services):
            try:
                s.stop()
            except Exception:  # noqa: BLE001 - keep stopping the others
                traceback.print_exc()
        # an embedded PostgreSQL outlives a service that died (its shutdown hook never ran): stop it
        if not self.args.database_url and getattr(self, "home", None):
            data = os.path.join(self.home, ".key-work-supervision", "pgdata")
            try:
                with open(os.path.join(data, "postmaster.pid")) as f:
                    pid = int(f.readline())
                os.kill(pid, signal.SIGINT)
                log("stopped the embedded PostgreSQL left running (pid %d)" % pid)
            except (OSError, ValueError):
                pass

    def write(self):
        with open(os.path.join(self.out, "results.json"), "w", encoding="utf-8") as f:
            json.dump(self.results, f, ensure_ascii=False, indent=2)
        md = markdown(self.results)
        with open(os.path.join(self.out, "results.md"), "w", encoding="utf-8") as f:
            f.write(md)
        print()
        print(md)


def fmt(value, pattern="%.1f"):
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return pattern % value


def markdown(r):
    m, s = r["machine"], r["settings"]
    pg = r.get("pgbench", {})
    lines = ["# Benchmark %s" % m.get("date", ""), "",
             "Machine: %s cores (`nproc`), %s, %s; %s; PostgreSQL %s (%s); wrk -t2 -c%s, %d s measured after %d s warm-up; "
             "scale %s (%s tasks, seed %s), %s instance(s), database %s." % (
                 m.get("nproc"), m.get("cpu"), m.get("memory", ""), " ".join(m.get("java", [])[:1]), m.get("postgresql"),
                 ", ".join("%s=%s" % kv for kv in m.get("postgresql_settings", {}).items()),
                 s.get("connections"), s.get("duration_s"), s.get("warmup_s"), s.get("scale"), s.get("tasks"), s.get("seed"),
                 s.get("instances"), s.get("database")),
             "JVM options: `%s`. Load average at start: %s." % (s.get("jvm_options"), " ".join(m.get("load_average_at_start", []))),
             ""]
    if pg:
        lines.append("pgbench (%s): `-S` %.0f TPS (avg %s ms), write %.0f TPS (avg %s ms)." % (
            pg.get("settings"), pg["select-only -S"]["tps"], pg["select-only -S"]["latency_avg_ms"],
            pg["write (TPC-B-like)"]["tps"], pg["write (TPC-B-like)"]["latency_avg_ms"]))
        lines.append("")
    load = r.get("load")
    if load:
        lines.append("Data: %s, loaded in %s s." % (load["generator"], fmt(load.get("seconds"))))
        lines.append("")
    lines += ["| scenario | req/s | ratio | p50 ms | p95 ms | p99 ms | errors | time / size | target | met? |",
              "|---|---:|---:|---:|---:|---:|---:|---|---|---|"]
    for row in r["scenarios"]:
        ratio = row.get("ratio")
        ratio_text = ("%.3f × %s" % (ratio, row.get("ratio_to")) if row.get("ratio_to") and ratio is not None
                      and "pgbench" in row.get("ratio_to", "") else fmt(ratio, "%.2f"))
        other = ""
        if "seconds" in row:
            other = "%.2f s" % row["seconds"]
            if row.get("status") not in (None, 200, 201, "SUCCEEDED"):
                other += " (%s)" % row["status"]
        if "heap" in row and row["heap"]:
            hp = row["heap"]
            other += "; heap growth %s MB, raw peak %s MB (+%s)" % (hp.get("growth_mb"), hp.get("peak_used_mb"), hp.get("raw_peak_growth_mb"))
        if "mb" in row:
            other = "%d MB" % row["mb"]
        if row.get("p50_ratio"):
            other = "p50 ratio %.2f" % row["p50_ratio"]
        met = row.get("met")
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            row["name"], fmt(row.get("rps"), "%.0f"), ratio_text, fmt(row.get("p50_ms")), fmt(row.get("p95_ms")),
            fmt(row.get("p99_ms")), fmt(row.get("errors"), "%d"), other, row.get("target") or "",
            "yes" if met else ("no" if met is False else "—")))
    rss = r.get("rss_mb", {})
    lines += ["", "Service RSS: peak during HTTP load %s MB, VmHWM %s MB (per instance; the embedded PostgreSQL not counted)." % (
        rss.get("peak_rss_during_http_load"), rss.get("vm_hwm"))]
    row_notes = ["- %s: %s" % (row["name"], row["note"]) for row in r["scenarios"] if row.get("note")]
    row_notes += ["- %s: first errors %s" % (row["name"], "; ".join(e[:200] for e in row["first_errors"]))
                  for row in r["scenarios"] if row.get("first_errors")]
    if r.get("notes") or row_notes:
        lines += ["", "Notes:"] + ["- " + n for n in r.get("notes", [])] + row_notes
    return "\n".join(lines) + "\n"


def noise_png(size):
    """A PNG of about `size` bytes whose pixels are random, so zlib cannot shrink it."""
    width = 2048
    row_bytes = width * 3
    height = max(1, size // (row_bytes + 1))
    raw = bytearray()
    for _ in range(height):
        raw.append(0)
        raw += os.urandom(row_bytes)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(bytes(raw), 1)) + chunk(b"IEND", b""))


def main():
    p = argparse.ArgumentParser(description="Benchmark of the key-work supervision service (see README, Performance)")
    p.add_argument("--scale", choices=sorted(SCALES), default="province")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--jar", default=os.path.join(ROOT, "target", "quarkus-app", "quarkus-run.jar"))
    p.add_argument("--database-url", help="a given PostgreSQL (superuser URL); default: the embedded one in a fresh home")
    p.add_argument("--instances", type=int, choices=(1, 2), default=1)
    p.add_argument("--duration", type=int, default=30, help="seconds of each measured wrk run and of each pgbench run")
    p.add_argument("--warmup", type=int, default=None, help="seconds of each wrk warm-up (default: duration / 3, 5 to 15)")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--out", help="directory of the results (default target/bench/<timestamp>/)")
    p.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "18520")),
                   help="HTTP port of instance a (management: +1; instance b: +2 and +3)")
    p.add_argument("--lb-port", type=int, default=int(os.environ.get("BENCH_LB_PORT", "18525")))
    p.add_argument("--db-port", type=int, default=int(os.environ.get("BENCH_DB_PORT", "18527")),
                   help="port of the embedded PostgreSQL")
    p.add_argument("--jvm-opts", default=os.environ.get("BENCH_JVM_OPTS", DEFAULT_JVM_OPTS))
    p.add_argument("--pgbench-scale", type=int, default=1)
    p.add_argument("--submit-drafts", type=int, default=6000, help="most reports prepared as drafts for scenario 4")
    p.add_argument("--cycle-timeout", type=int, default=180, help="longest wait for the monthly run to end")
    p.add_argument("--draft-seconds", type=int, default=90, help="longest time spent preparing those drafts")
    p.add_argument("--list-text", default="污水", help="text filter of scenario 2")
    args = p.parse_args()
    if args.warmup is None:
        args.warmup = max(5, min(15, args.duration // 3))
    for tool in ("java", "psql", "pgbench", "wrk", "jstat", "jcmd") + (("haproxy",) if args.instances == 2 else ()):
        if not shutil.which(tool):
            print("missing prerequisite: %s" % tool, file=sys.stderr)
            return 2
    if not os.path.exists(args.jar):
        print("no jar at %s (src/bench/run builds it)" % args.jar, file=sys.stderr)
        return 2
    bench = Bench(args)
    try:
        bench.execute()
    except HarnessError as e:
        log("HARNESS FAILURE: %s" % e)
        if getattr(bench, "out", None):
            bench.note("harness failure: %s" % e)
            bench.write()   # what was measured until then
        return 1
    except KeyboardInterrupt:
        bench.shutdown()
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
