"""The pandas equivalent of `ai-frontier frontier --json` on a label set: occupation alpha, beta and zeta
(Core tasks weigh 2, others 1), BLS employment joined by the same rule as src/data/join.ts, and the shares
of workers in occupations with at least 10% / 50% of their tasks exposed. `npm run bench` (pandas section)
times it beside the tool and checks that both give the same figures.

Usage: python3 bench/pandas_frontier.py LABELS.tsv OEWS.xlsx [--column gpt4_exposure]
"""
import argparse
import json

import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("labels")
parser.add_argument("oews")
parser.add_argument("--column", default="gpt4_exposure")
args = parser.parse_args()

# Tasks and their labels: per-task alpha, beta, zeta, then weighted means per occupation.
tasks = pd.read_csv(args.labels, sep="\t", usecols=["O*NET-SOC Code", "Task ID", "Task Type", "Title", args.column])
tasks = tasks.rename(columns={"O*NET-SOC Code": "code", "Title": "title", args.column: "label"})
tasks = tasks[tasks["label"].isin(["E0", "E1", "E2"])].drop_duplicates("Task ID")
tasks["w"] = (tasks["Task Type"] == "Core").map({True: 2, False: 1})
tasks["alpha"] = (tasks["label"] == "E1") * tasks["w"]
tasks["beta"] = tasks["label"].map({"E0": 0.0, "E1": 1.0, "E2": 0.5}) * tasks["w"]
tasks["zeta"] = (tasks["label"] != "E0") * tasks["w"]
occ = tasks.groupby("code", sort=False).agg(title=("title", "first"), w=("w", "sum"), alpha=("alpha", "sum"), beta=("beta", "sum"), zeta=("zeta", "sum"))
for m in ("alpha", "beta", "zeta"):
    occ[m] = occ[m] / occ["w"]
occ["soc"] = occ.index.str.slice(0, 7)

# OEWS rows: detailed rows by SOC code; broad and minor groups (and detailed rows with a group code) for fallback.
oews = pd.read_excel(args.oews, usecols=["OCC_CODE", "O_GROUP", "TOT_EMP"], dtype={"OCC_CODE": str})
oews["emp"] = pd.to_numeric(oews["TOT_EMP"], errors="coerce")
detailed = oews[oews["O_GROUP"] == "detailed"].drop_duplicates("OCC_CODE").set_index("OCC_CODE")["emp"]
group_rows = oews[oews["O_GROUP"].isin(["broad", "minor"]) | ((oews["O_GROUP"] == "detailed") & oews["OCC_CODE"].str.endswith("0"))]
group_rows = group_rows.assign(rank=group_rows["O_GROUP"].map({"broad": 0, "minor": 0, "detailed": 1})).sort_values("rank").drop_duplicates("OCC_CODE")
groups = {code: emp for code, emp in zip(group_rows["OCC_CODE"], group_rows["emp"])}


def prefix(code):
    major, rest = code.split("-")
    return f"{major}-{rest.rstrip('0')}"


# Own detailed row: its workers split equally among the occupations sharing the SOC code.
sharing = occ.groupby("soc")["soc"].transform("size")
own = occ["soc"].map(detailed)
occ["employment"] = own / sharing
attributed = {soc: detailed[soc] for soc in occ.loc[own.notna(), "soc"].unique()}
mapped = set(occ.loc[occ["soc"].isin(detailed.index), "soc"])

# Otherwise the smallest broader group with employment, by its residual, most specific groups first.
fallback = {}
for soc in occ.loc[own.isna(), "soc"].unique():
    containing = sorted(((prefix(g), g) for g, e in groups.items() if g != soc and soc.startswith(prefix(g)) and pd.notna(e)), reverse=True, key=lambda p: len(p[0]))
    if containing:
        fallback.setdefault(containing[0][1], []).append(soc)
given = []
for group in sorted(fallback, key=lambda g: -len(prefix(g))):
    p = prefix(group)
    residual = max(0.0, groups[group] - sum(e for c, e in attributed.items() if c.startswith(p)))
    inside = detailed[detailed.index.str.startswith(p) & detailed.notna()]
    if len(inside):
        untaken = inside[[not (c in mapped or any(c.startswith(q) for q in given)) for c in inside.index]]
        residual = min(residual, untaken.sum())
    if residual == 0:
        continue
    members = occ["soc"].isin(fallback[group])
    occ.loc[members, "employment"] = residual / members.sum()
    attributed[group] = residual
    given.append(p)

# Workers in occupations at least 10% / 50% exposed, weighted by employment.
covered = occ[occ["employment"] > 0]
total = covered["employment"].sum()
shares = {m: {"atLeast10": covered.loc[covered[m] >= 0.1 - 1e-9, "employment"].sum() / total, "atLeast50": covered.loc[covered[m] >= 0.5 - 1e-9, "employment"].sum() / total} for m in ("alpha", "beta", "zeta")}
print(json.dumps({"occupations": len(occ), "employmentCovered": total, "workersExposed": shares, "beta": (covered["beta"] * covered["employment"]).sum() / total}))
