"""The scikit-learn side of bench/train.sh: trains one model on the rows AiMaas trained on and scores it on exactly
AiMaas's hold-out rows (their row numbers, from the split file); prints wall time, the process's peak RSS and the
hold-out AUC (binary) or R^2 (regression) as JSON.

  sklearn_train.py DATA.csv TASK MODEL SPLIT.txt OUT.json     MODEL: linear | hgb | forest
"""

import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestClassifier,
                              RandomForestRegressor)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import r2_score, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

NAMES = {
    ("binary", "linear"): "LogisticRegression", ("regression", "linear"): "Ridge",
    ("binary", "hgb"): "HistGradientBoostingClassifier", ("regression", "hgb"): "HistGradientBoostingRegressor",
    ("binary", "forest"): "RandomForestClassifier", ("regression", "forest"): "RandomForestRegressor",
}


def model_for(task, kind, numeric, categorical):
    if kind == "linear":
        prep = ColumnTransformer([
            ("num", make_pipeline(SimpleImputer(), StandardScaler()), numeric),
            ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), categorical),
        ])
        return make_pipeline(prep, LogisticRegression(max_iter=1000) if task == "binary" else Ridge())
    prep = ColumnTransformer([
        ("num", SimpleImputer() if kind == "forest" else "passthrough", numeric),
        ("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, encoded_missing_value=-1), categorical),
    ])
    if kind == "hgb":
        estimator = HistGradientBoostingClassifier(random_state=0) if task == "binary" else HistGradientBoostingRegressor(random_state=0)
    else:
        # 100 trees as scikit-learn's default; leaves of at least 20 rows (ML.NET FastForest's default minimum) keep 1M-row forests in memory.
        forest = RandomForestClassifier if task == "binary" else RandomForestRegressor
        estimator = forest(n_estimators=100, min_samples_leaf=20, n_jobs=-1, random_state=0)
    return make_pipeline(prep, estimator)


def main():
    data, task, kind, split, out = sys.argv[1:6]
    start = time.perf_counter()
    frame = pd.read_csv(data)
    y = frame.pop("label")
    test = np.zeros(len(frame), dtype=bool)
    test[np.loadtxt(split, dtype=np.int64)] = True
    categorical = [c for c in frame.columns if frame[c].dtype == object]
    numeric = [c for c in frame.columns if c not in categorical]
    model = model_for(task, kind, numeric, categorical)
    if task == "binary":
        y = (y == "yes").to_numpy()
    model.fit(frame[~test], y[~test])
    if task == "binary":
        value = roc_auc_score(y[test], model.predict_proba(frame[test])[:, 1])
    else:
        value = r2_score(y[test], model.predict(frame[test]))
    seconds = time.perf_counter() - start
    result = {
        "implementation": "scikit-learn", "trainer": NAMES[(task, kind)], "seconds": round(seconds, 2),
        "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "metric": "auc" if task == "binary" else "rSquared", "value": value, "testRows": int(test.sum()),
    }
    json.dump(result, open(out, "w"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
