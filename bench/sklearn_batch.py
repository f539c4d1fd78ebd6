"""The Python side of bench/batch.sh: scikit-learn and numpy batch scoring of the same rows, timed like the C# side.

  sklearn_batch.py TRAIN.csv DATA.csv SIZES SECONDS OUT.json
Fits LinearRegression on TRAIN.csv, then for each size N scores the first N rows of DATA.csv; warm-up of 3 passes and
at least 0.5 s, then passes until SECONDS have elapsed (at least 5); reports the median pass as rows/s.
"""

import json
import sys
import time

import numpy as np
from sklearn.linear_model import LinearRegression

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from data import FEATURES, read_csv  # noqa: E402


def measure(name, rows, seconds, run):
    start = time.perf_counter()
    passes = 0
    while passes < 3 or time.perf_counter() - start < 0.5:
        run()
        passes += 1
    times = []
    start = time.perf_counter()
    while len(times) < 5 or time.perf_counter() - start < seconds:
        begin = time.perf_counter()
        run()
        times.append(time.perf_counter() - begin)
    times.sort()
    median = times[len(times) // 2]
    return {"name": name, "rows": rows, "passes": len(times), "medianMs": median * 1000, "bestMs": times[0] * 1000, "rowsPerSecond": rows / median}


def main(train_path, data_path, sizes, seconds, out_path):
    x_train, y_train = read_csv(train_path)
    regressor = LinearRegression().fit(x_train, y_train)
    weights, bias = regressor.coef_, regressor.intercept_
    x_all, _ = read_csv(data_path)
    results = []
    for size in (int(s) for s in sizes.split(",")):
        x = np.ascontiguousarray(x_all[:size])
        results.append(measure("sklearn-predict", size, seconds, lambda x=x: regressor.predict(x)))
        results.append(measure("numpy-matmul", size, seconds, lambda x=x: x @ weights + bias))
        if size <= 10000:
            body = json.dumps({"instances": [dict(zip(FEATURES, map(float, row))) for row in x]})

            def json_pass(body=body):
                instances = json.loads(body)["instances"]
                matrix = np.array([[instance[name] for name in FEATURES] for instance in instances], dtype=np.float64)
                return json.dumps({"predictions": [{"score": float(s)} for s in regressor.predict(matrix)]})

            results.append(measure("sklearn-json", size, seconds, json_pass))
    document = {"rowsFile": data_path, "results": results}
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=2)
    print(json.dumps(document, indent=2))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5])
