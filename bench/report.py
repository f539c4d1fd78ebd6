"""Turns raw benchmark output into the Markdown tables of bench/README.md (standard library only).

  report.py http MACHINE OUT.md NAME:CONNECTIONS:WRK_OUTPUT...   wrk runs -> table + ratios against the targets
  report.py batch MACHINE OUT.md MLNET.json PYTHON.json          batch scoring -> table + ratio
  report.py cold MACHINE OUT.md COLD.json                        cold path -> table
  report.py train MACHINE OUT.md RESULTS.jsonl                  training runs -> table + ratios against the targets
  report.py logging ALTERNATE.tsv CLK_TCK                         bench/logging.sh's alternating runs -> summary lines
  report.py readme README.md SECTION FILE                        replace <!-- SECTION:begin --> ... <!-- SECTION:end -->
"""

import json
import os
import re
import statistics
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}

LABELS = {
    "kestrel": "bare Kestrel minimal API, same arithmetic (ceiling)",
    "aimaas": "AiMaas `POST /api/models/{m}/predict` (local runtime, Release)",
    "aimaas-logged": "AiMaas `POST /api/models/{m}/predict`, the model logging every request (default settings: gzip, inputs and outputs)",
    "aimaas-version": "AiMaas `POST /api/models/{m}/versions/{v}/predict`",
    "aimaas-v1": "AiMaas KServe V1 `POST /v1/models/{m}:predict` (`instances`)",
    "aimaas-v2": "AiMaas KServe V2 `POST /v2/models/{m}/infer` (10 FP32 tensors, shape [1])",
    "aimaas-onnx-v2": "AiMaas KServe V2 `POST /v2/models/{m}/versions/1/infer`, ONNX MLP 10-200-3 (2,803 parameters; one FP32 tensor [1, 10])",
    "flask-numpy": "Flask + numpy, gunicorn -w 2",
    "flask-sklearn": "Flask + scikit-learn predict, gunicorn -w 2",
}


def parse_wrk(path):
    text = open(path, encoding="utf-8").read()

    def latency(pct):
        match = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else None

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    requests = re.search(r"(\d+) requests in", text)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "requests": int(requests.group(1)) if requests else 0,
        "p50": latency(50),
        "p99": latency(99),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(g) for g in errors.groups()) if errors else 0,
    }


def ms(value):
    return "n/a" if value is None else f"{value:.2f}"


def verdict(ok):
    return "met" if ok else "**missed**"


def alternate_runs(path):
    """bench_alternate's runs, {name: {round: (requests/s, requests, CPU ticks of each BENCH_CPU_PIDS process...)}}."""
    runs = {}
    for line in open(path, encoding="utf-8"):
        rnd, name, rps, _p99, requests, *ticks = line.rstrip("\n").split("\t")
        runs.setdefault(name, {})[int(rnd)] = (float(rps), int(requests), *(int(t) for t in ticks))
    return runs


def paired_ratios(runs, on, off):
    """Each round's requests/s of ON over OFF, in round order: runs seconds apart, so a shared machine's drift cancels."""
    return [runs[on][r][0] / runs[off][r][0] for r in sorted(runs[on]) if r in runs[off]]


def logging_target(path):
    """The target row from bench_alternate's runs of the unlogged and the logged model: the median of each round's ratio."""
    paired = paired_ratios(alternate_runs(path), "aimaas-logged", "aimaas")
    kept = statistics.median(paired)
    return (f"| Logging every request (default settings) costs ≤ 10% of AiMaas predict requests/s | {kept:.3f} × (median of {len(paired)} alternating rounds of 5 s: "
            + ", ".join(f"{p:.3f}" for p in paired) + f") | {verdict(kept >= 0.9)} |")


def logging(path, clock_ticks):
    """bench/logging.sh's summary: per logged mode, the median of the rounds' on/off ratios against the 0.90 target, the
    ratio of the median requests/s, and the runtime's and Azurite's CPU per request (their ticks are the last two columns)."""
    runs = alternate_runs(path)
    m = statistics.median

    def cpu(mode, column):
        return m(v[column] * 1e6 / int(clock_ticks) / v[1] for v in runs[mode].values())

    def rps(mode):
        return m(v[0] for v in runs[mode].values())

    print(f"{len(runs['off'])} rounds; runtime CPU per request with logging off {cpu('off', 2):.1f} us, Azurite {cpu('off', 3):.1f} us")
    for name, label in (("gzip", "gzip .jsonl.gz (the default)"), ("plain", 'plain .jsonl ("compression": "none")')):
        paired = paired_ratios(runs, name, "off")
        ratio = m(paired)
        print(f"logging every request, {label}: median of the rounds' on/off {ratio:.3f} (target >= 0.90: {'met' if ratio >= 0.9 else 'missed'}; "
              f"rounds {', '.join(f'{p:.3f}' for p in paired)}); median requests/s {rps(name):.0f} against {rps('off'):.0f}, "
              f"{rps(name) / rps('off'):.3f}; runtime CPU per request {cpu(name, 2):.1f} us, Azurite {cpu(name, 3):.1f} us")


def http(machine, out, specs):
    runs = {}
    for spec in specs:
        name, connections, path = spec.split(":", 2)
        runs[(name, int(connections))] = parse_wrk(path)
    lines = [f"Run: {machine}. All rows below come from this one run, interleaved per connection count.", ""]
    lines += ["| Server | Connections | Requests/s | p50 ms | p99 ms | Non-2xx / socket errors |", "|---|---:|---:|---:|---:|---:|"]
    for (name, connections), run in runs.items():
        lines.append(f"| {LABELS.get(name, name)} | {connections} | {run['rps']:,.0f} | {ms(run['p50'])} | {ms(run['p99'])} | {run['non2xx']} / {run['socket_errors']} |")
    lines.append("")
    aimaas, kestrel, flask = runs.get(("aimaas", 32)), runs.get(("kestrel", 32)), runs.get(("flask-numpy", 32))
    if aimaas and kestrel and flask:
        ceiling = aimaas["rps"] / kestrel["rps"] if kestrel["rps"] else 0.0
        over_flask = aimaas["rps"] / flask["rps"] if flask["rps"] else 0.0
        p99 = aimaas["p99"] if aimaas["p99"] is not None else float("inf")
        lines += [
            "| Target (32 connections) | Measured | Verdict |",
            "|---|---:|---|",
            f"| AiMaas ≥ 0.6 × bare Kestrel requests/s | {ceiling:.3f} × ({aimaas['rps']:,.0f} vs {kestrel['rps']:,.0f}) | {verdict(ceiling >= 0.6)}"
            + ("" if ceiling >= 0.6 else f": {ceiling / 0.6:.1%} of the target, {0.6 * kestrel['rps'] - aimaas['rps']:,.0f} requests/s short") + " |",
            f"| AiMaas ≥ 8 × gunicorn + Flask + numpy requests/s | {over_flask:.2f} × ({aimaas['rps']:,.0f} vs {flask['rps']:,.0f}) | {verdict(over_flask >= 8)}"
            + ("" if over_flask >= 8 else f": {over_flask / 8:.1%} of the target") + " |",
            f"| AiMaas p99 < 5 ms | {ms(aimaas['p99'])} ms | {verdict(p99 < 5)}" + ("" if p99 < 5 else f": {p99 - 5:.2f} ms over") + " |",
        ]
        if os.environ.get("BENCH_ALTERNATE"):
            lines.append(logging_target(os.environ["BENCH_ALTERNATE"]))
        others = [n for n in ("aimaas-version", "aimaas-v1", "aimaas-v2", "aimaas-onnx-v2") if (n, 32) in runs]
        if others:
            lines += ["", "The other AiMaas routes at 32 connections, same run (context, not the target's route):", "",
                      "| Route | × bare Kestrel | × Flask + numpy | p99 ms |", "|---|---:|---:|---:|"]
            for name in others:
                run = runs[(name, 32)]
                lines.append(f"| {LABELS[name]} | {run['rps'] / kestrel['rps']:.3f} | {run['rps'] / flask['rps']:.2f} | {ms(run['p99'])} |")
    bad = [f"{n}@{c}" for (n, c), r in runs.items() if r["non2xx"] or r["socket_errors"] or not r["requests"]]
    if bad:
        lines += ["", f"Warning: errors or no requests in {', '.join(bad)}; those rows are not valid measurements."]
    write(out, lines)
    return 1 if bad else 0


def best_of(paths):
    """For each (scorer, rows), the round with the highest median rows/s, from comma-separated result files."""
    best = {}
    for path in paths.split(","):
        for result in json.load(open(path, encoding="utf-8"))["results"]:
            key = (result["name"], result["rows"])
            if key not in best or result["rowsPerSecond"] > best[key]["rowsPerSecond"]:
                best[key] = result
    return list(best.values())


def batch(machine, out, mlnet_path, python_path):
    mlnet, python = best_of(mlnet_path), best_of(python_path)
    names = {
        "aimaas-scorer": "AiMaas ModelScorer.Score: pooled row engines, parallel chunks (the service's batch path, float32)",
        "aimaas-scorer-1core": "AiMaas ModelScorer, one engine, no parallel split (float32)",
        "mlnet-transform": "reference (old path): ML.NET Transform + Score cursor over in-memory columns (float32)",
        "csharp-vector-loop": "C#: w·x + b, column-major SIMD loop (arithmetic only, float32)",
        "aimaas-predict-json": "AiMaas PredictionService.PredictAsync, JSON in and out (in-process)",
        "sklearn-predict": "scikit-learn LinearRegression.predict on a numpy matrix (float64)",
        "numpy-matmul": "numpy X @ w + b (float64)",
        "sklearn-json": "Python json.loads + numpy matrix + scikit-learn predict + json.dumps",
    }
    lines = [f"Run: {machine}. Both sides ran alternately in the same script on the same rows (ML.NET, Python, ML.NET, Python); each row is the better of its two rounds, median pass.", ""]
    lines += ["| Scorer | Rows | Median ms per pass | Rows/s (median) | Passes |", "|---|---:|---:|---:|---:|"]
    for result in sorted(mlnet + python, key=lambda r: (r["rows"], r["name"])):
        lines.append(f"| {names.get(result['name'], result['name'])} | {result['rows']:,} | {result['medianMs']:.3f} | {result['rowsPerSecond']:,.0f} | {result['passes']} |")

    def find(results, name, rows):
        return next((r for r in results if r["name"] == name and r["rows"] == rows), None)

    ours, theirs = find(mlnet, "aimaas-scorer", 10000), find(python, "sklearn-predict", 10000)
    if ours and theirs:
        ratio = ours["rowsPerSecond"] / theirs["rowsPerSecond"]
        lines += ["", "| Target | Measured | Verdict |", "|---|---:|---|",
                  f"| AiMaas batch scoring (ModelScorer) of 10k rows ≥ scikit-learn's predict | {ratio:.4f} × ({ours['rowsPerSecond']:,.0f} vs {theirs['rowsPerSecond']:,.0f} rows/s) | {verdict(ratio >= 1)}"
                  + ("" if ratio >= 1 else f": {1 / ratio:,.1f} times slower") + " |"]
        for size in (10000, 100000):
            a, b, n = find(mlnet, "aimaas-scorer", size), find(python, "sklearn-predict", size), find(python, "numpy-matmul", size)
            if a and b and n:
                lines.append(f"| (context) {size:,} rows: ModelScorer vs scikit-learn / numpy | {a['rowsPerSecond'] / b['rowsPerSecond']:.3f} × / {a['rowsPerSecond'] / n['rowsPerSecond']:.3f} × | not a target |")
        json_ours, json_theirs = find(mlnet, "aimaas-predict-json", 10000), find(python, "sklearn-json", 10000)
        if json_ours and json_theirs:
            lines.append(f"| (context) JSON in and out, 10k rows: AiMaas vs Python json + sklearn | {json_ours['rowsPerSecond'] / json_theirs['rowsPerSecond']:.2f} × | not a target |")
    write(out, lines)
    return 0


def cold(machine, out, path):
    data = json.load(open(path, encoding="utf-8"))
    rounds = data["rounds"]
    builds = [("baseline", "baseline (`BENCH_BASELINE_REF`, ReadyToRun, its own defaults): before"),
              ("jit", "JIT (`dotnet build`)"),
              ("r2r", "ReadyToRun (`dotnet publish -p:PublishReadyToRun=true`, as deployed): after"),
              ("r2rprimer", "ReadyToRun + `AIMAAS_STARTUP_PRIMER=true`"),
              ("r2rhttp", "ReadyToRun, HTTP functions only (`AIMAAS_RUNTIME_TRIGGERS=http`, a Flex Consumption HTTP instance)"),
              ("floor", "floor: bare Kestrel comparator (no storage, no ML.NET)"),
              ("floorr2r", "floor, ReadyToRun: the bare Kestrel comparator published as AiMaas is")]
    lines = [f"Run: {machine}. Model `{data['model']}`, `model.zip` {data['modelBytes']:,} bytes; {len(rounds)} rounds, each training a fresh version first.",
             "Every fresh process is a new `dotnet AiMaas.LocalRuntime.dll` against the same Azurite; the phases come from its own log.", ""]
    columns = [
        (None, "trainSeconds", "train a new version (PUT dataset once, POST train, poll the job), s"),
        (None, "warmFirstMs", "**in-process new version**: warm process, first predict of the new version (not yet loaded), ms"),
        (None, "warmSecondMs", "warm process, second predict, ms"),
    ]
    for build, name in builds:
        columns += [
            (build, "startToFirstPredictionMs", f"**{name}: fresh process, start to first answered prediction** (predict polled every 20 ms), ms"),
            (build, "cpuToFirstPredictionMs", f"**{name}: CPU time the process used up to its first answered prediction** (user + system, all threads), ms"),
            (build, "mainEnteredMs", f"{name}: process start to `Main`, ms"),
            (build, "hostBuiltMs", f"{name}: process start to host built (configuration, DI, routes), ms"),
            (build, "listeningMs", f"{name}: process start to listening (hosted services started), ms"),
            (build, "modelLoadMs", f"{name}: first model load (download, SHA-256, deserialize, first engine, probe), ms"),
            (build, "startToReadyMs", f"{name}: start to /api/health answering (curl from the script), ms"),
            (build, "coldFirstMs", f"{name}: once listening, first predict (loads the model on demand), ms"),
            (build, "coldSecondMs", f"{name}: second predict, ms"),
            (build, "warmUpStartToFirstPredictionMs", f"{name} + `AiMaas__WarmUpOnStart=true`: start to first answered prediction, ms"),
            (build, "warmUpCpuToFirstPredictionMs", f"{name} + warm-up: CPU time up to the first answered prediction, ms"),
        ]

    def values(build, key):
        found = [(r[build] if build else r).get(key) for r in rounds if build is None or build in r]
        return [v for v in found if v is not None and v >= 0]

    lines += ["| Measurement | " + " | ".join(f"round {i + 1}" for i in range(len(rounds))) + " | median |",
              "|---|" + "---:|" * (len(rounds) + 1)]
    for build, key, label in columns:
        found = values(build, key)
        if found:
            lines.append(f"| {label} | " + " | ".join(f"{v:,.1f}" for v in found) + f" | {statistics.median(found):,.1f} |")
    small = data["modelBytes"] < 1024 * 1024

    def row(label, build, key):
        found = values(build, key)
        if not found:
            return []
        value = statistics.median(found)
        ok = value < 500 and small
        return [f"| {label} | {value:,.1f} ms | {verdict(ok)}" + ("" if value < 500 else f": {value - 500:,.1f} ms over ({value / 500:.2f} ×)") + " |"]

    lines += ["", f"| Target: cold first prediction < 500 ms, model < 1 MB ({data['modelBytes']:,} bytes) | Measured (median) | Verdict |", "|---|---:|---|"]
    for build, name in builds:
        lines += row(f"{name}: fresh process, start to first answered prediction", build, "startToFirstPredictionMs")
        lines += row(f"{name} + `WarmUpOnStart`: fresh process, start to first answered prediction", build, "warmUpStartToFirstPredictionMs")
        lines += row(f"{name}: CPU time to first answered prediction (what the start costs, whatever else runs)", build, "cpuToFirstPredictionMs")
    lines += row("new version in an already warm process (in-process path)", None, "warmFirstMs")
    write(out, lines)
    return 0


def readme(path, section, source):
    text = open(path, encoding="utf-8").read()
    body = open(source, encoding="utf-8").read().rstrip("\n")
    begin, end = f"<!-- {section}:begin -->", f"<!-- {section}:end -->"
    if begin not in text or end not in text:
        sys.exit(f"{path} has no {begin} ... {end} section")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    open(path, "w", encoding="utf-8").write(f"{head}{begin}\n{body}\n{end}{tail}")
    return 0


def train(machine, out, results):
    runs = [json.loads(line) for line in open(results, encoding="utf-8") if line.strip()]
    lines = [f"Run: {machine}.", "",
             "| Rows | Task | Implementation | Trainer | Wall time (s) | Peak RSS (MB) | Hold-out metric |",
             "|---:|---|---|---|---:|---:|---:|"]
    for r in runs:
        trainer = r["trainer"] if r["implementation"] != "AiMaas" or r["trainer"] != "auto" else f"auto (chose {r.get('chosen')})"
        lines.append(f"| {r['rows']:,} | {r['task']} | {r['implementation']} | {trainer} | {r['seconds']:.1f} | {r['peakRssMb']:.0f} | "
                     f"{r['metric']} {r['value']:.4f} |")
    lines += ["", "Against the targets (AiMaas / scikit-learn on the same file and hold-out rows):", ""]
    for rows in sorted({r["rows"] for r in runs}):
        for task in ("binary", "regression"):
            pick = {(r["implementation"], r["trainer"]): r for r in runs if r["rows"] == rows and r["task"] == task}
            sk_linear = pick.get(("scikit-learn", "LogisticRegression" if task == "binary" else "Ridge"))
            sk_hgb = pick.get(("scikit-learn", "HistGradientBoostingClassifier" if task == "binary" else "HistGradientBoostingRegressor"))
            linear, lgbm, auto = pick.get(("AiMaas", "linear")), pick.get(("AiMaas", "lightGbm")), pick.get(("AiMaas", "auto"))
            sk_all = [r for (impl, _), r in pick.items() if impl == "scikit-learn"]
            if linear and sk_linear:
                lines.append(f"- {rows:,} {task}: linear time {linear['seconds'] / sk_linear['seconds']:.2f}x {sk_linear['trainer']}'s (target <= 2x at 1M); "
                             f"peak RSS {linear['peakRssMb'] / sk_linear['peakRssMb']:.2f}x (target <= 1.5x)")
            if lgbm and sk_hgb:
                lines.append(f"- {rows:,} {task}: lightGbm time {lgbm['seconds'] / sk_hgb['seconds']:.2f}x {sk_hgb['trainer']}'s (target <= 1x); "
                             f"{lgbm['metric']} {lgbm['value'] - sk_hgb['value']:+.4f} (target within 0.005); peak RSS {lgbm['peakRssMb'] / sk_hgb['peakRssMb']:.2f}x")
            if auto and sk_all:
                best = max(sk_all, key=lambda r: r["value"])
                lines.append(f"- {rows:,} {task}: auto {auto['metric']} {auto['value']:.4f} vs the best of scikit-learn ({best['trainer']}) "
                             f"{best['value']:.4f}: {auto['value'] - best['value']:+.4f} (goal: within 0.01)")
    write(out, lines)
    return 0


def write(path, lines):
    text = "\n".join(lines) + "\n"
    open(path, "w", encoding="utf-8").write(text)
    print(text)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "http":
        sys.exit(http(args[0], args[1], args[2:]))
    if command == "batch":
        sys.exit(batch(*args))
    if command == "cold":
        sys.exit(cold(*args))
    if command == "train":
        sys.exit(train(*args))
    if command == "logging":
        sys.exit(logging(*args))
    if command == "readme":
        sys.exit(readme(*args))
    sys.exit(f"unknown command {command}")
