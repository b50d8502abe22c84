#!/usr/bin/env python3
"""Helpers for bench/run.sh (standard library only).

  bench.py bodies QUERY_DIR VARIABLES_JSON OUT_DIR   # POST bodies with global ids
  bench.py check  URL BODY [TOKEN_FILE]               # POST once; exit 1 on HTTP/GraphQL errors
  bench.py measure --server ours|peer --shape S --conc C ... --out FILE.json
  bench.py report RESULTS_DIR README                  # medians -> the results section of README

A measurement = check the body, warm up, wait for a quiet machine, snapshot CPU (server
process, PostgreSQL postmaster tree, whole machine) and SQL counters, run oha, snapshot
again, check the body again.  "Every response checked": oha's status-code distribution
must be all 200, and oha's mean response size must equal the size of the checked body
(the responses are deterministic, so a 200 carrying `errors` changes the size).
"""
import argparse
import base64
import glob
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
import urllib.request

TCK = os.sysconf("SC_CLK_TCK")
NCPU = os.cpu_count() or 1


# ------------------------------------------------------------------ bodies
def global_id(kind, n):
    return base64.urlsafe_b64encode(f"{kind}:{n}".encode()).decode().rstrip("=")


def cmd_bodies(args):
    variables = json.load(open(args[1]))
    os.makedirs(args[2], exist_ok=True)
    for path in sorted(glob.glob(os.path.join(args[0], "*.graphql"))):
        name = os.path.basename(path)[:-len(".graphql")]
        text = open(path).read()
        query = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("#")) + "\n"
        op = re.search(r"query\s+(\w+)", query).group(1)
        # [Kind, id] pairs become global ids; other values (dates) go as they are.
        var = {k: global_id(*v) if isinstance(v, list) else v for k, v in variables[name].items()}
        with open(os.path.join(args[2], name + ".json"), "w") as f:
            json.dump({"query": query, "variables": var, "operationName": op}, f)


# ------------------------------------------------------------------ checks
def count_nodes(value):
    """Objects in the response tree (every JSON object below `data`)."""
    if isinstance(value, dict):
        return 1 + sum(count_nodes(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_nodes(v) for v in value)
    return 0


def post(url, body_path, token=None, timeout=60):
    data = open(body_path, "rb").read()
    req = urllib.request.Request(url, data=data, method="POST")
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def check(url, body_path, token=None):
    """-> dict(ok, status, bytes, objects, error)"""
    status, raw = post(url, body_path, token)
    out = {"status": status, "bytes": len(raw)}
    try:
        doc = json.loads(raw)
    except ValueError:
        return dict(out, ok=False, error="not JSON: %r" % raw[:200])
    if status != 200 or doc.get("errors") or not doc.get("data"):
        return dict(out, ok=False, error=json.dumps(doc.get("errors") or doc)[:400])
    return dict(out, ok=True, objects=count_nodes(doc["data"]) - 1, error=None)


def read_token(path):
    if not path:
        return None
    return open(path).read().strip() or None


def cmd_check(args):
    res = check(args[0], args[1], read_token(args[2] if len(args) > 2 else None))
    print(json.dumps(res))
    sys.exit(0 if res["ok"] else 1)


# ------------------------------------------------------------------ /proc
def ticks(pid, children=True):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    t = int(fields[11]) + int(fields[12])
    return t + (int(fields[13]) + int(fields[14]) if children else 0)


def tree_ticks(root):
    """A postmaster and its direct children (backends, workers); exited children are in
    the postmaster's cutime/cstime."""
    if not root:
        return 0
    total = ticks(root)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == root:
                        total += ticks(int(entry), children=False)
            except (OSError, ValueError, IndexError):
                pass
    return total


def machine_ticks():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v) - v[3] - v[4], sum(v)


def snapshot(server_pid, pg_pid):
    busy, total = machine_ticks()
    return {"t": time.time(), "busy": busy, "total": total,
            "server": ticks(server_pid) if server_pid else 0, "pg": tree_ticks(pg_pid)}


def cores(a, b):
    wall = b["t"] - a["t"]
    return {"wall_s": wall,
            "machine": (b["busy"] - a["busy"]) / max(1, b["total"] - a["total"]) * NCPU,
            "server": (b["server"] - a["server"]) / TCK / wall,
            "pg": (b["pg"] - a["pg"]) / TCK / wall}


def status_kb(pid, key):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def wait_quiet(server_pid, pg_pid, limit_s, threshold):
    deadline = time.time() + limit_s
    while True:
        a = snapshot(server_pid, pg_pid)
        time.sleep(2)
        c = cores(a, snapshot(server_pid, pg_pid))
        bg = c["machine"] - c["server"] - c["pg"]
        if bg < threshold or time.time() >= deadline:
            return round(bg, 2)
        print(f"  machine busy with other work ({bg:.2f} cores), waiting", file=sys.stderr)


# ------------------------------------------------------------------ SQL counters
def psql(port, db, sql):
    r = subprocess.run(["psql", "-X", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", db,
                        "-AtqF", "\t", "-c", sql], capture_output=True, text=True, timeout=30)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip())
    return [line.split("\t") for line in r.stdout.splitlines() if line]


def xacts(port, db):
    rows = psql(port, "postgres",
                f"select xact_commit + xact_rollback from pg_stat_database where datname = '{db}'")
    return int(rows[0][0])


def pgss_reset(port):
    psql(port, "postgres", "select pg_stat_statements_reset()")


def pgss_read(port, db):
    rows = psql(port, "postgres",
                "select calls, regexp_replace(left(query, 160), '\\s+', ' ', 'g') from pg_stat_statements "
                f"where dbid = (select oid from pg_database where datname = '{db}') order by calls desc")
    return [(int(c), q) for c, q in rows]


def hub_statements(url):
    """Our server's statement counters from /metrics: all it sent, and those sent while
    answering a request; None for a server without them (the peer)."""
    try:
        text = urllib.request.urlopen(url.rsplit("/graphql", 1)[0] + "/metrics", timeout=5).read().decode()
    except Exception:
        return None
    found = {}
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name in ("hub_db_statements_total", "hub_db_request_statements_total"):
            found[name] = int(float(value))
    return found if len(found) == 2 else None


# ------------------------------------------------------------------ measure
def cmd_measure(argv):
    p = argparse.ArgumentParser(prog="bench.py measure")
    for a in ("server", "shape", "url", "body", "out", "db"):
        p.add_argument("--" + a, required=True)
    p.add_argument("--conc", type=int, required=True)
    p.add_argument("--round", type=int, default=1)
    p.add_argument("--token-file")
    p.add_argument("--server-pid", type=int, required=True)
    p.add_argument("--pg-pid", type=int, required=True)
    p.add_argument("--pg-port", type=int, required=True)
    p.add_argument("--pgss", action="store_true", help="count statements with pg_stat_statements")
    p.add_argument("--oha", required=True)
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--quiet-wait", type=int, default=30)
    p.add_argument("--quiet-cores", type=float, default=0.3)
    o = p.parse_args(argv)
    token = read_token(o.token_file)
    oha = [o.oha, "--no-tui", "-c", str(o.conc), "-m", "POST", "-H", "content-type: application/json",
           "-D", o.body]
    if token:
        oha += ["-H", "authorization: Bearer " + token]
    res = {"server": o.server, "shape": o.shape, "conc": o.conc, "round": o.round,
           "duration_s": o.duration, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    before_check = check(o.url, o.body, token)
    res["check_before"] = before_check
    if not before_check["ok"]:
        res["failure"] = "body check before load: " + (before_check["error"] or "")
        json.dump(res, open(o.out, "w"), indent=1)
        print(f"  FAIL {o.server} {o.shape} c={o.conc}: {res['failure']}", file=sys.stderr)
        return
    subprocess.run(oha + ["--output-format", "quiet", "-z", f"{o.warmup}s", o.url],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=o.warmup + 60)
    res["background_before_cores"] = wait_quiet(o.server_pid, o.pg_pid, o.quiet_wait, o.quiet_cores)
    x0 = xacts(o.pg_port, o.db)
    if o.pgss:
        pgss_reset(o.pg_port)
    m0 = hub_statements(o.url) if o.pgss else None
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    s0 = snapshot(o.server_pid, o.pg_pid)
    run = subprocess.run(oha + ["--output-format", "json", "-z", f"{o.duration}s", "-w", o.url],
                         capture_output=True, text=True, timeout=o.duration + 120)
    s1 = snapshot(o.server_pid, o.pg_pid)
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if o.pgss:
        m1 = hub_statements(o.url)
        stmts = pgss_read(o.pg_port, o.db)
    time.sleep(1.5)  # backends flush their transaction counters about once a second
    x1 = xacts(o.pg_port, o.db)
    d = json.loads(run.stdout)
    summ, pct = d["summary"], d["latencyPercentiles"]
    codes = {str(k): v for k, v in (d.get("statusCodeDistribution") or {}).items()}
    errors = {k: v for k, v in (d.get("errorDistribution") or {}).items()}
    ok = codes.get("200", 0)
    c = cores(s0, s1)
    load_cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    wall = summ["total"]
    res.update({
        "requests_200": ok, "status_codes": codes, "errors": errors,
        "rps": ok / wall if wall else 0.0,
        "p50_ms": (pct.get("p50") or float("nan")) * 1000, "p90_ms": (pct.get("p90") or float("nan")) * 1000,
        "p99_ms": (pct.get("p99") or float("nan")) * 1000,
        "mean_bytes": summ.get("sizePerRequest"), "checked_bytes": before_check["bytes"],
        "server_cores": c["server"], "pg_cores": c["pg"], "machine_cores": c["machine"],
        "loadgen_cores": load_cpu / c["wall_s"],
        "server_ms_per_req": c["server"] * c["wall_s"] * 1000 / ok if ok else None,
        "pg_ms_per_req": c["pg"] * c["wall_s"] * 1000 / ok if ok else None,
        "xacts_per_req": (x1 - x0) / ok if ok else None,
        "server_vmhwm_mb": (status_kb(o.server_pid, "VmHWM") or 0) / 1024,
        "server_vmrss_mb": (status_kb(o.server_pid, "VmRSS") or 0) / 1024,
    })
    res["background_during_cores"] = round(c["machine"] - c["server"] - c["pg"] - res["loadgen_cores"], 2)
    if o.pgss:
        total = sum(n for n, _ in stmts)
        res["all_statements_per_req"] = total / ok if ok else None
        res["statements_per_req"] = res["all_statements_per_req"]
        if m0 and m1:
            # The server's own count of what it sent while answering requests: what the
            # database saw, less the request ticker's tick (once a minute; its advisory
            # lock and transactions bypass the hook, so subtracting its count from
            # pg_stat_statements' falls short).
            answering = m1["hub_db_request_statements_total"] - m0["hub_db_request_statements_total"]
            res["background_statements"] = (m1["hub_db_statements_total"] - m0["hub_db_statements_total"]) - answering
            res["statements_per_req"] = answering / ok if ok else None
        res["top_statements"] = [{"calls": n, "per_req": round(n / ok, 3) if ok else None, "sql": q}
                                 for n, q in stmts[:12]]
    after_check = check(o.url, o.body, token)
    res["check_after"] = after_check
    problems = []
    if not after_check["ok"]:
        problems.append("body check after load: " + (after_check["error"] or ""))
    if ok == 0 or sum(codes.values()) != ok:
        problems.append(f"non-200 responses: {codes}")
    other_errors = {k: v for k, v in errors.items() if "deadline" not in k.lower() and "aborted" not in k.lower()}
    if other_errors:
        problems.append(f"connection errors: {other_errors}")
    if res["mean_bytes"] is not None and abs(res["mean_bytes"] - before_check["bytes"]) > 0.5:
        problems.append(f"mean response size {res['mean_bytes']:.1f} B != checked body {before_check['bytes']} B")
    if problems:
        res["failure"] = "; ".join(problems)
    json.dump(res, open(o.out, "w"), indent=1)
    spr = res.get("statements_per_req")
    print(f"  {o.server:4} {o.shape} c={o.conc:<3} {res['rps']:9.1f} req/s  p50 {res['p50_ms']:8.2f} ms"
          f"  p99 {res['p99_ms']:9.2f} ms  server {res['server_ms_per_req'] or 0:7.3f} ms/req"
          f"  pg {res['pg_ms_per_req'] or 0:7.3f} ms/req"
          + (f"  stmts {spr:.2f}/req" if spr is not None else "")
          + f"  hwm {res['server_vmhwm_mb']:.0f} MB  bg {res['background_before_cores']}/{res['background_during_cores']}"
          + ("  FAIL: " + res["failure"] if problems else ""), file=sys.stderr)


# ------------------------------------------------------------------ report
SHAPES = [("a_community_shallow", "(a) community shallow"), ("b_community_nested", "(b) community nested"),
          ("c_elderly_by_street", "(c) elderly by street"), ("d_grid_dashboard", "(d) grid dashboard")]
TARGET_RATIO = {"a_community_shallow": 2.0, "b_community_nested": 3.0, "c_elderly_by_street": 1.1,
                "d_grid_dashboard": 1.5}
STMT_GATE = {"a_community_shallow": 2, "b_community_nested": 6, "c_elderly_by_street": 4, "d_grid_dashboard": 1}
RSS_GATE_MB = 400


def med(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def fmt(v, digits=1):
    if v is None:
        return "–"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.{digits}f}"


def cmd_report(args):
    res_dir, readme = args
    rows = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(res_dir, "raw", "*.json")))]
    meta = {}
    if os.path.exists(os.path.join(res_dir, "meta.txt")):
        for line in open(os.path.join(res_dir, "meta.txt")):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    groups = {}
    for r in rows:
        groups.setdefault((r["server"], r["shape"], r["conc"]), []).append(r)
    rounds = max((r["round"] for r in rows), default=0)
    concs = sorted({r["conc"] for r in rows})
    out = []
    w = out.append
    w(f"Run of {meta.get('started', '?')} to {meta.get('finished', '?')} (UTC), {rounds} round(s) of "
      f"{meta.get('duration', '?')} s per measurement after a {meta.get('warmup', '?')} s warm-up; "
      f"every figure is the **median over the rounds**. Machine: {meta.get('machine', '?')}. "
      f"Server commit: `{meta.get('commit', '?')}`{meta.get('dirty', '')}.")
    w("")
    w("| query | c | server | req/s | p50 ms | p99 ms | server CPU ms/req | PG CPU ms/req | SQL stmts/req | PG xacts/req | peak RSS MB | failed runs |")
    w("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for shape, label in SHAPES:
        for c in concs:
            for server in ("ours", "peer"):
                g = groups.get((server, shape, c), [])
                if not g:
                    continue
                good = [r for r in g if not r.get("failure")]
                fails = len(g) - len(good)
                hwm = max((r.get("server_vmhwm_mb") or 0) for r in g) if g else None
                name = "community-hub" if server == "ours" else "PostGraphile"
                if not good:  # every run failed: show them anyway, marked
                    good, name = g, name + " (failed runs†)"
                rps = med(good, "rps")
                w(f"| {label} | {c} | {name} | {'**' + fmt(rps) + '**' if rps is not None else '–'} | {fmt(med(good, 'p50_ms'), 2)} | "
                  f"{fmt(med(good, 'p99_ms'), 1)} | {fmt(med(good, 'server_ms_per_req'), 3)} | "
                  f"{fmt(med(good, 'pg_ms_per_req'), 3)} | {fmt(med(good, 'statements_per_req'), 2)} | "
                  f"{fmt(med(good, 'xacts_per_req'), 2)} | {fmt(hwm, 0)} | {fails}/{len(g)} |")
    w("")
    w("† every run of that row failed its checks (see \"Failed measurements\"); the figures are the "
      "medians of those runs, req/s counting only the HTTP 200s, some of which carried `errors`.")
    w("")
    w("Ratios (community-hub ÷ PostGraphile, medians of this run) against the targets of issue 10:")
    w("")
    w("| query | c | req/s ratio | target | p99 ratio | SQL stmts/req (gate) | verdict |")
    w("|---|---:|---:|---:|---:|---:|---|")
    gate_failures = []
    for shape, label in SHAPES:
        for c in concs:
            ours = [r for r in groups.get(("ours", shape, c), []) if not r.get("failure")]
            peer = [r for r in groups.get(("peer", shape, c), []) if not r.get("failure")]
            allours = groups.get(("ours", shape, c), [])
            if not allours:
                continue
            ratio = (med(ours, "rps") / med(peer, "rps")) if ours and peer and med(peer, "rps") else None
            p99r = (med(ours, "p99_ms") / med(peer, "p99_ms")) if ours and peer and med(peer, "p99_ms") else None
            spr = med(ours, "statements_per_req")
            verdict = []
            if len(ours) < len(allours):
                verdict.append("FAILED responses")
                gate_failures.append(f"{shape} c={c}: failed runs")
            if ratio is not None:
                verdict.append("speed met" if ratio >= TARGET_RATIO[shape] else "speed below target")
            if shape == "b_community_nested" and c == 64 and p99r is not None:
                verdict.append("p99 met" if p99r <= 0.2 else "p99 above 0.2x")
            if spr is not None and spr > STMT_GATE[shape]:
                verdict.append("**statement gate FAILED**")
                gate_failures.append(f"{shape} c={c}: {spr:.2f} statements/request > {STMT_GATE[shape]}")
            elif spr is not None:
                verdict.append("statement gate met")
            target = f"≥ {TARGET_RATIO[shape]}x" + ("; p99 ≤ 0.2x" if shape == "b_community_nested" and c == 64 else "")
            w(f"| {label} | {c} | {fmt(ratio, 2)}x | {target} | {fmt(p99r, 2)}x | {fmt(spr, 2)} (≤ {STMT_GATE[shape]}) | {', '.join(verdict)} |")
    bhwm = [r.get("server_vmhwm_mb") or 0 for r in groups.get(("ours", "b_community_nested", 64), [])]
    if bhwm:
        ok = max(bhwm) <= RSS_GATE_MB
        w("")
        w(f"Peak RSS (VmHWM) of community-hub after (b) at c=64: **{max(bhwm):.0f} MB** "
          f"(gate ≤ {RSS_GATE_MB} MB: {'met' if ok else 'FAILED'}).")
        if not ok:
            gate_failures.append(f"peak RSS {max(bhwm):.0f} MB > {RSS_GATE_MB} MB")
    bg = [r.get("background_before_cores") for r in rows if r.get("background_before_cores") is not None]
    bgd = [r.get("background_during_cores") for r in rows if r.get("background_during_cores") is not None]
    if bg:
        w("")
        w(f"Background load from other work (cores, outside both servers, PostgreSQL and oha): "
          f"before the measurements median {statistics.median(bg):.2f}, max {max(bg):.2f}; "
          f"during them median {statistics.median(bgd):.2f}, max {max(bgd):.2f}.")
    checks = {}
    for r in rows:
        cb = r.get("check_before") or {}
        if cb.get("ok"):
            checks[(r["server"], r["shape"])] = (cb["bytes"], cb.get("objects"))
    if checks:
        w("")
        w("Checked responses (bytes, JSON objects under `data`): " + "; ".join(
            f"{s} {q[:1]}: {b:,} B / {n:,}" for (s, q), (b, n) in sorted(checks.items())) + ".")
    fails = [r for r in rows if r.get("failure")]
    if fails:
        w("")
        w("Failed measurements:")
        for r in fails:
            w(f"- {r['server']} {r['shape']} c={r['conc']} round {r['round']}: {r['failure'][:300]}")
    w("")
    w("Gate: " + ("**PASSED**" if not gate_failures else "**FAILED** — " + "; ".join(gate_failures)))
    sections = []
    if any(r["shape"] in dict(SHAPES) for r in rows):
        sections.append(("results", "\n".join(out) + "\n"))
    dash_text, dash_failures = dashboard_section(rows, meta, groups, concs)
    if dash_text:
        sections.append(("dashboards", dash_text))
    gate_failures += dash_failures
    with open(os.path.join(res_dir, "summary.md"), "w") as f:
        f.write("\n".join(text for _, text in sections))
    readme_text = open(readme).read()
    for marker, text in sections:
        begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
        if begin in readme_text and end in readme_text:
            head, rest = readme_text.split(begin, 1)
            tail = rest.split(end, 1)[1]
            readme_text = head + begin + "\n" + text + end + tail
        print(text)
    open(readme, "w").write(readme_text)
    sys.exit(1 if gate_failures else 0)


# Issue 9: the full dashboard of a street within 100 ms p50, of the district within 300 ms.
DASHBOARDS = [("e_dashboard_street", "(e) street dashboard", 100.0),
              ("f_dashboard_district", "(f) district dashboard", 300.0)]


def dashboard_section(rows, meta, groups, concs):
    """Our server alone on the dashboard shapes, against issue 9's p50 targets."""
    if not any(r["shape"] in {s for s, _, _ in DASHBOARDS} for r in rows):
        return None, []
    out, failures = [], []
    w = out.append
    w(f"Run of {meta.get('started', '?')} to {meta.get('finished', '?')} (UTC), "
      f"{max(r['round'] for r in rows)} round(s) of {meta.get('duration', '?')} s, medians over the "
      f"rounds. Machine: {meta.get('machine', '?')}. Server commit: `{meta.get('commit', '?')}`"
      f"{meta.get('dirty', '')}.")
    w("")
    w("| query | c | req/s | p50 ms | p99 ms | target p50 | server CPU ms/req | PG CPU ms/req | SQL stmts/req | verdict | failed runs |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for shape, label, target in DASHBOARDS:
        for c in concs:
            g = groups.get(("ours", shape, c), [])
            if not g:
                continue
            good = [r for r in g if not r.get("failure")]
            p50 = med(good, "p50_ms")
            if len(good) < len(g):
                failures.append(f"{shape} c={c}: failed runs")
            verdict = "–" if p50 is None else ("met" if p50 < target else "**above target**")
            w(f"| {label} | {c} | {fmt(med(good, 'rps'))} | {fmt(p50, 2)} | {fmt(med(good, 'p99_ms'), 1)} | "
              f"< {target:.0f} | {fmt(med(good, 'server_ms_per_req'), 3)} | {fmt(med(good, 'pg_ms_per_req'), 3)} | "
              f"{fmt(med(good, 'statements_per_req'), 2)} | {verdict} | {len(g) - len(good)}/{len(g)} |")
    return "\n".join(out) + "\n", failures


if __name__ == "__main__":
    cmd, rest = sys.argv[1], sys.argv[2:]
    {"bodies": cmd_bodies, "check": cmd_check, "measure": cmd_measure, "report": cmd_report}[cmd](rest)
