"""The Python side of bench/batch_memory.sh: pandas read_csv + scikit-learn predict + to_csv over one file.

  pandas_batch.py TRAIN.csv DATA.csv OUT.csv RESULT.json
Fits LinearRegression on TRAIN.csv (features f0..f9, label y), then times read_csv of DATA.csv, predict on its
features and to_csv of the predictions (header "score"), end to end; reports rows/s and the process's peak RSS.
"""

import json
import resource
import sys
import time

import pandas as pd
from sklearn.linear_model import LinearRegression

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from data import FEATURES  # noqa: E402


def main(train_path, data_path, out_path, result_path):
    train = pd.read_csv(train_path)
    model = LinearRegression().fit(train[FEATURES].to_numpy(), train["y"].to_numpy())
    begin = time.perf_counter()
    frame = pd.read_csv(data_path)
    read = time.perf_counter()
    scores = model.predict(frame[FEATURES].to_numpy())
    predicted = time.perf_counter()
    pd.DataFrame({"score": scores}).to_csv(out_path, index=False)
    end = time.perf_counter()
    rows = len(frame)
    result = {
        "rows": rows,
        "seconds": end - begin,
        "readSeconds": read - begin,
        "predictSeconds": predicted - read,
        "writeSeconds": end - predicted,
        "rowsPerSecond": rows / (end - begin),
        "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    with open(result_path, "w", encoding="ascii") as out:
        json.dump(result, out)
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:5])
