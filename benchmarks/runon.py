"""Time extraction of over-long sentences: one run-on sentence, a name repeated, commas, one token.

    python benchmarks/runon.py [--sizes 10000,100000,1000000,4000000] [--shapes runon,name,...]

Prints, for each shape and size, the seconds to clean, detect and extract one article made of a
single sentence of that many characters (no full stop anywhere). The work per sentence is bounded
(`armsledger.clean.sentences.MAX_READ_CHARS`), so the time should grow no faster than the text.
"""
from __future__ import annotations

import argparse
import time

import armsledger
from armsledger.models import Article
from armsledger.syntax import parse

SHAPES = {
    "runon": "on 5 March 2021 the Indian Air Force said it had ordered 12 Su-30MKI fighters from Russia "
             "for $1.2 billion and 5,000 rounds, while Egypt signed for 24 Rafale jets worth EUR 3.75 bn "
             "and Turkey received S-400 batteries from Rosoboronexport, ",
    "name": "S-400 ",
    "commas": ",",
    "token": "x",
    "numbers": "5,000,000,000,000 ",
}
"""One unit of each shape, repeated to the size wanted."""


def main() -> None:
    """Time each shape at each size and print one line per run."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", default="10000,100000,1000000,4000000")
    options.add_argument("--shapes", default=",".join(SHAPES))
    args = options.parse_args()
    gazetteers = armsledger.load_gazetteers()
    parse(["Russia sold tanks to India."])  # load the model before timing
    print(f"{'shape':8} {'chars':>9} {'seconds':>8} {'claims':>6}")
    for shape in args.shapes.split(","):
        for size in map(int, args.sizes.split(",")):
            unit = SHAPES[shape]
            text = (unit * (size // len(unit) + 1))[:size]
            started = time.perf_counter()
            claims = armsledger.extract(Article(id=f"{shape}-{size}", text=text), gazetteers=gazetteers)
            print(f"{shape:8} {size:9d} {time.perf_counter() - started:8.2f} {len(claims):6d}", flush=True)


if __name__ == "__main__":
    main()
