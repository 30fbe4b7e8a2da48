"""Hand-written news-style claim-passage pairs: a quick look at contradictions.

    .venv/bin/python -m training.stance.news_examples [MODEL_DIR]

Not a benchmark (17 pairs written by one engineer); it shows where the packaged model (or
the one in MODEL_DIR) still calls a contradiction "supports".
"""

from __future__ import annotations

import sys
from pathlib import Path

from factsift.stance.predictor import StanceModel, default_model

R, S, N = "refutes", "supports", "not enough info"
DAM = "The Riverton dam was completed in 2004, six years behind schedule, officials said."
JOBS = "The unemployment rate rose to 6.1 percent in March, the Labor Department reported."
VETO = "The mayor vetoed the budget bill on Tuesday, saying it spent too much."
BRIDGE = (
    "The bridge, which opened in June, cost $112 million, nearly three times the original estimate."
)
CRIME = "Violent and property crime in the city dropped 12 percent last year, police data show."
FESTIVAL = "Organisers said the festival drew about 4,000 visitors, far fewer than expected."
PAIRS = [
    ("The Riverton dam was completed in 1998.", DAM, R),
    ("Unemployment fell to 3 percent in March.", JOBS, R),
    (
        "The company hired 500 new workers last year.",
        "The company laid off 500 workers last year, according to its annual report.",
        R,
    ),
    ("The mayor signed the budget bill on Tuesday.", VETO, R),
    ("The new bridge cost $40 million.", BRIDGE, R),
    ("Crime in the city rose last year.", CRIME, R),
    (
        "The senator voted for the infrastructure bill.",
        "The senator did not vote for the infrastructure bill, records show; she was absent.",
        R,
    ),
    ("The festival drew 20,000 visitors.", FESTIVAL, R),
    ("The Riverton dam was completed in 2004.", DAM, S),
    ("Unemployment rose to 6.1 percent in March.", JOBS, S),
    ("The mayor vetoed the budget bill.", VETO, S),
    ("The bridge cost more than $100 million.", BRIDGE, S),
    ("Crime in the city fell last year.", CRIME, S),
    ("The festival drew about 4,000 visitors.", FESTIVAL, S),
    (
        "The Riverton dam was completed in 1998.",
        "The city council met on Monday to discuss the new library hours.",
        N,
    ),
    (
        "Unemployment fell to 3 percent in March.",
        "Economists expect the central bank to hold interest rates steady next month.",
        N,
    ),
    (
        "The mayor signed the budget bill on Tuesday.",
        "The mayor spoke at a school opening on Tuesday morning.",
        N,
    ),
]


def main() -> None:
    model = StanceModel(Path(sys.argv[1])) if len(sys.argv) > 1 else default_model()
    results = model.predict([c for c, _, _ in PAIRS], [p for _, p, _ in PAIRS])
    right = 0
    for (claim, passage, expected), result in zip(PAIRS, results, strict=True):
        right += result.label == expected
        probs = " ".join(f"{k[:3]}={v:.2f}" for k, v in result.probabilities.items())
        mark = "ok " if result.label == expected else "BAD"
        print(f"{mark} want={expected:15} got={result.label:15} {probs} | {claim} | {passage}")
    print(f"{right}/{len(PAIRS)} as expected")


if __name__ == "__main__":
    main()
