"""The Python comparator: Flask + numpy (and scikit-learn) scoring the same 10-feature linear model.

Run under gunicorn (bench/http.sh does): BENCH_WEIGHTS=weights.json gunicorn -w 2 -b 127.0.0.1:PORT flask_server:app
  POST /predict          numpy: X @ w + b
  POST /predict-sklearn  scikit-learn LinearRegression.predict with the same coefficients
Both take {"instances": [{"f0": ..., ..., "f9": ...}]} and answer {"predictions": [{"score": s}]}.
"""

import json
import os

import numpy as np
from flask import Flask, jsonify, request
from sklearn.linear_model import LinearRegression

with open(os.environ["BENCH_WEIGHTS"], encoding="ascii") as source:
    _model = json.load(source)
FEATURES = _model["features"]
WEIGHTS = np.array(_model["weights"], dtype=np.float64)
BIAS = float(_model["bias"])

REGRESSOR = LinearRegression()
REGRESSOR.coef_ = WEIGHTS.copy()
REGRESSOR.intercept_ = BIAS
REGRESSOR.n_features_in_ = len(FEATURES)

app = Flask(__name__)


def _matrix():
    instances = request.get_json()["instances"]
    return np.array([[instance[name] for name in FEATURES] for instance in instances], dtype=np.float64)


@app.post("/predict")
def predict():
    scores = _matrix() @ WEIGHTS + BIAS
    return jsonify({"predictions": [{"score": float(s)} for s in scores]})


@app.post("/predict-sklearn")
def predict_sklearn():
    scores = REGRESSOR.predict(_matrix())
    return jsonify({"predictions": [{"score": float(s)} for s in scores]})
