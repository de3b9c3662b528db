"""Make `docs/funnel.png`, the README's funnel chart, from the synthetic sample.

    python -m tests.make_readme_charts [--out docs]     (or: make screenshots)

The chart is drawn off-screen with the charts' own style, from `data/sample_contacts.csv`'s
applications counted on the day the sample was made, so the picture does not change with the
day it is drawn. Not a test: it writes a tracked file on purpose, when the chart's look changes.
Its one-sentence summary is printed, for the README's alt text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

from workbook.analysis.explore import SAMPLE_AS_OF, sample_contacts
from workbook.analysis.frames import report
from workbook.reports.charts import STYLE, plot_funnel
from workbook.reports.words import funnel_summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs"))
    out = parser.parse_args().out
    figures = report(sample_contacts(), as_of=SAMPLE_AS_OF)
    with mpl.rc_context(STYLE):
        figure = Figure(figsize=(8.0, 3.6), dpi=100, layout="constrained")
        plot_funnel(figures, ax=figure.add_subplot())
        figure.savefig(out / "funnel.png", format="png", metadata={"Software": None})
    print(f"{out / 'funnel.png'}: {funnel_summary(figures)}")


if __name__ == "__main__":
    main()
