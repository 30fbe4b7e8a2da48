# ruff: noqa: E501  (paragraphs of fixture text are kept on one line each)
"""Fictional texts for the trace tests: an original report and a rewritten copy of it."""

from __future__ import annotations

ORIGINAL_TITLE = "Harbour town council approves new flood barrier after two-year debate"
ORIGINAL_URL = "https://example-gazette.test/2025/03/harbour-flood-barrier"
ORIGINAL_DATE = "2025-03-14"
ORIGINAL_PUBLISHER = "The Example Gazette"

ORIGINAL = """The council of the harbour town of Westmere voted on Thursday to build a movable flood barrier across the mouth of the old harbour, ending a debate that has divided the town for two years.

The barrier, a set of steel gates that can be raised during storm surges, is expected to cost 48 million euros and to take four years to build. Most of the money will come from a regional climate fund, with the town paying about a fifth of the total.

"We cannot keep sandbagging the high street every winter and hoping for the best," said Mayor Ilse Brandt after the vote, which passed by nine votes to four.

Opponents had argued that the gates would harm the fishing fleet, which uses the harbour mouth at all hours, and that the town's share of the cost would have to be paid for with higher property taxes. The harbour master told the council that the gates would stay open except during storm warnings.

Engineers from the regional water authority said the barrier would protect about 1,200 homes and the town's main shopping street, which flooded three times in the past decade. Construction is due to begin next spring, once the final designs have been approved by the authority.
"""

COPY_TITLE = "Globalist council forces ruinous flood scheme on helpless town"
COPY_URL = "https://truth-patriot-news.test/westmere-scheme"
COPY_DATE = "2025-03-16"
COPY_PUBLISHER = "Truth Patriot News"

FRAMING = (
    "What the mainstream media won't tell you is that this so-called barrier is just the "
    "latest scheme by unelected bureaucrats to seize control of our coasts and bankrupt "
    "ordinary families, and the people of Westmere never got a real say."
)

COPY = (
    FRAMING
    + """

The council of the harbour town of Westmere voted on Thursday to build a movable flood barrier across the mouth of the old harbour, ending a fight that has divided the town for two years.

The barrier, a set of steel gates that can be raised during storm surges, is expected to cost a staggering 48 million euros and to take four years to build. Most of the money will come from a regional climate fund, with the town paying about a fifth of the total.

"We cannot keep sandbagging the high street every winter and hoping for the best," said Mayor Ilse Brandt after the vote, which passed by nine votes to four.

Opponents had warned that the gates would destroy the fishing fleet, which uses the harbour mouth at all hours, and that the town's share of the cost would have to be paid for with higher property taxes. The harbour master told the council that the gates would stay open except during storm warnings.
"""
)

UNRELATED = """The annual cheese market in the village of Alvern drew a record crowd on Saturday, with more than three hundred stalls selling hard and soft cheeses from across the valley.

Organisers said the warm weather helped, and that next year the market may spread into the field behind the church, where a brass band played through the afternoon.
"""

QUOTE = "We cannot keep sandbagging the high street every winter and hoping for the best"
