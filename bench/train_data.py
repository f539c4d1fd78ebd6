"""Writes the seeded training datasets of bench/train.sh: ROWS rows of 20 feature columns in realistic magnitudes
(ages, incomes in the thousands to millions, signed balances, counts, ratios, three categories), about 2% missing,
and a label: "binary" (yes/no from a nonlinear score with noise) or "regression" (a nonlinear target in the thousands).

  train_data.py TASK ROWS OUT.csv [SEED]
"""

import sys

import numpy as np
import pandas as pd


def generate(task, rows, seed):
    rng = np.random.default_rng(seed)
    age = rng.integers(18, 90, rows).astype(float)
    income = rng.lognormal(10.8, 0.7, rows)  # ~50k median, up to millions
    balance = rng.normal(2_000, 15_000, rows)  # signed
    tenure = rng.integers(0, 480, rows).astype(float)
    visits = rng.poisson(6, rows).astype(float)
    spend = income * rng.uniform(0.01, 0.3, rows)
    ratio = rng.beta(2, 5, rows)
    score = rng.normal(650, 90, rows)
    debt = np.maximum(0, rng.normal(20_000, 25_000, rows))
    rooms = rng.integers(1, 9, rows).astype(float)
    sqft = rooms * rng.normal(420, 90, rows)
    year = rng.integers(1900, 2025, rows).astype(float)
    lat = rng.uniform(36, 60, rows)
    lon = rng.uniform(-10, 30, rows)
    noise1 = rng.normal(0, 1, rows)
    noise2 = rng.uniform(-1_000, 1_000, rows)
    region = rng.choice(["north", "south", "east", "west", "centre"], rows, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    plan = rng.choice(["basic", "plus", "premium"], rows, p=[0.6, 0.3, 0.1])
    channel = rng.choice(["web", "store", "phone", "partner"], rows)
    region_effect = pd.Series(region).map({"north": 0.4, "south": -0.3, "east": 0.1, "west": 0.0, "centre": -0.5}).to_numpy()
    plan_effect = pd.Series(plan).map({"basic": 0.0, "plus": 0.5, "premium": 1.2}).to_numpy()

    frame = pd.DataFrame({
        "age": age, "income": income.round(2), "balance": balance.round(2), "tenure_months": tenure, "visits": visits,
        "spend": spend.round(2), "ratio": ratio.round(5), "credit_score": score.round(1), "debt": debt.round(2),
        "rooms": rooms, "sqft": sqft.round(1), "year_built": year, "lat": lat.round(5), "lon": lon.round(5),
        "noise1": noise1.round(5), "noise2": noise2.round(3), "region": region, "plan": plan, "channel": channel,
        "visits_per_year": (visits / np.maximum(tenure, 1) * 12).round(4),
    })
    signal = (
        0.8 * np.log(income) - 9 + 0.00004 * balance - 0.03 * (age - 45) + 0.002 * tenure + 0.15 * visits
        - 0.01 * (score - 650) * (ratio > 0.3) + np.sin(lat / 3) + region_effect + plan_effect - 0.00002 * debt
    )
    if task == "binary":
        probability = 1 / (1 + np.exp(-(signal - np.median(signal)) * 1.5))
        frame["label"] = np.where(rng.uniform(0, 1, rows) < probability, "yes", "no")
    else:
        frame["label"] = (1_000 * signal + 0.05 * sqft + 3 * (year - 1960) + rng.normal(0, 400, rows)).round(2)

    # About 2% missing in a few feature columns, as real exports have.
    for column in ["income", "balance", "credit_score", "sqft", "region"]:
        frame.loc[rng.uniform(0, 1, rows) < 0.02, column] = np.nan
    return frame


def main():
    task, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 20261201
    chunk = 500_000
    # Written in chunks, each with its own seed, so that a 7M-row file never sits whole in memory.
    for index, start in enumerate(range(0, rows, chunk)):
        frame = generate(task, min(chunk, rows - start), seed + index)
        frame.to_csv(out, mode="w" if index == 0 else "a", header=index == 0, index=False)


if __name__ == "__main__":
    main()
