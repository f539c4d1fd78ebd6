"""Deterministic benchmark data: a 10-feature linear regression problem, and the comparators' weights.

  data.py csv OUT ROWS [SEED]      CSV with header f0..f9,y (rows drawn from a fixed-seed generator)
  data.py fit CSV OUT.json         least-squares weights {"features": [...], "weights": [...], "bias": b}
  data.py body OUT.json [N]        a predict body {"instances": [...]} with N rows (default 1), fixed values
  data.py body-v2 OUT.json [N]     the same rows as a KServe V2 infer body: one FP32 tensor per feature, shape [N]
  data.py body-onnx OUT.json [N]   the same rows as one FP32 tensor "X" of shape [N, 10] (the ONNX MLP's input)

Only numpy is needed (Debian's python3-numpy); the same seed always gives the same bytes.
"""

import json
import sys

import numpy as np

FEATURES = [f"f{i}" for i in range(10)]
TRUE_WEIGHTS = np.array([1.5, -2.0, 0.75, 3.0, -0.5, 2.25, -1.25, 0.4, 1.1, -3.3])
BIAS = 4.0


def rows(n, seed):
    rng = np.random.default_rng(seed)
    scales = np.linspace(0.5, 5.0, len(FEATURES))
    offsets = np.linspace(-2.0, 2.0, len(FEATURES))
    x = rng.normal(0.0, 1.0, (n, len(FEATURES))) * scales + offsets
    y = x @ TRUE_WEIGHTS + BIAS + rng.normal(0.0, 0.5, n)
    return x, y


def write_csv(path, n, seed):
    x, y = rows(n, seed)
    with open(path, "w", encoding="ascii", newline="\n") as out:
        out.write(",".join(FEATURES + ["y"]) + "\n")
        for features, label in zip(x, y):
            out.write(",".join(f"{v:.6g}" for v in features) + f",{label:.6g}\n")


def read_csv(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    return data[:, :-1], data[:, -1]


def fit(csv_path, out_path):
    x, y = read_csv(csv_path)
    design = np.hstack([x, np.ones((x.shape[0], 1))])
    solution, *_ = np.linalg.lstsq(design, y, rcond=None)
    with open(out_path, "w", encoding="ascii") as out:
        json.dump({"features": FEATURES, "weights": [float(w) for w in solution[:-1]], "bias": float(solution[-1])}, out)


def body(out_path, n):
    x, _ = rows(n, 7)
    instances = [{name: round(float(v), 4) for name, v in zip(FEATURES, row)} for row in x]
    with open(out_path, "w", encoding="ascii") as out:
        json.dump({"instances": instances}, out, separators=(",", ":"))


def body_v2(out_path, n):
    x, _ = rows(n, 7)
    inputs = [{"name": name, "datatype": "FP32", "shape": [n], "data": [round(float(v), 4) for v in x[:, i]]} for i, name in enumerate(FEATURES)]
    with open(out_path, "w", encoding="ascii") as out:
        json.dump({"inputs": inputs}, out, separators=(",", ":"))


def body_onnx(out_path, n):
    x, _ = rows(n, 7)
    inputs = [{"name": "X", "datatype": "FP32", "shape": [n, len(FEATURES)], "data": [[round(float(v), 4) for v in row] for row in x]}]
    with open(out_path, "w", encoding="ascii") as out:
        json.dump({"inputs": inputs}, out, separators=(",", ":"))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "csv":
        write_csv(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 20261128)
    elif command == "fit":
        fit(sys.argv[2], sys.argv[3])
    elif command == "body":
        body(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    elif command == "body-v2":
        body_v2(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    elif command == "body-onnx":
        body_onnx(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    else:
        sys.exit(f"unknown command {command}")
