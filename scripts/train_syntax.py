#!/usr/bin/env python3
"""Train the syntactic model (tagger, morphologizer, lemmatizer, parser) on UD English EWT.

One command, offline, seeded:

    .venv/bin/python scripts/train_syntax.py                 # or: make model
    .venv/bin/python scripts/train_syntax.py --max-steps 500  # a quick, smaller model

Steps: convert the treebank's CoNLL-U files to spaCy's binary corpus, train with
scripts/syntax/ewt.cfg on one thread, score the best checkpoint on the test file, and install it as
armsledger/data/models/en_ewt/ with its scores (scores.json), the treebank's licence and a README.
Training is never run by `make install` or `make test`: the model is committed.

The learning-rate schedule is fixed in the config (warmup then linear decay over 20,000 steps), so a
run stopped at --max-steps N gives the same model as any other run with the same N.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

# One thread: determinism, and the second core stays free for other work.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "scripts" / "syntax" / "ewt.cfg"
TREEBANK = ROOT.parent / "shared" / "treebank" / "ud-english-ewt"
TARGET = ROOT / "armsledger" / "data" / "models" / "en_ewt"
SENTENCES_PER_DOC = 10  # the parser learns sentence boundaries inside multi-sentence documents
MAX_MODEL_MB = 25


MODEL_README = """# en_ewt: armsledger's syntactic model

Tagger (Penn Treebank tags), morphologizer (UPOS and features), edit-tree lemmatizer and dependency
parser (Universal Dependencies relations), sharing one CNN token encoder. Trained here, offline, by
`scripts/train_syntax.py` with `scripts/syntax/ewt.cfg`, on the UD English Web Treebank v2.15
(train split); test-set scores are in `scores.json`.

Credit and licence: the training data is the Universal Dependencies English Web Treebank
(Silveira et al. 2014; UD release 2.15), licensed CC BY-SA 4.0. This model is derived from it and is
distributed under the same licence, CC BY-SA 4.0: `LICENSE-treebank.txt` beside this file. (The
armsledger code itself is MIT.)
"""


def _run(args: list[str]) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, check=True)


def _convert(treebank: Path, work: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev", "test"):
        source = treebank / f"en_ewt-ud-{split}.conllu"
        if not source.is_file():
            sys.exit(f"train_syntax: {source}: treebank file missing; put UD English EWT there or pass --treebank")
        _run([sys.executable, "-m", "spacy", "convert", str(source), str(corpus), "--converter", "conllu",
              "--n-sents", str(SENTENCES_PER_DOC), "--merge-subtokens"])
        out[split] = corpus / f"en_ewt-ud-{split}.spacy"
    return out


def _evaluate(model: Path, test: Path, work: Path) -> dict[str, float]:
    metrics = work / "test-metrics.json"
    _run([sys.executable, "-m", "spacy", "evaluate", str(model), str(test), "--output", str(metrics)])
    raw = json.loads(metrics.read_text())
    keys = {"token_acc": "tokens", "tag_acc": "xpos", "pos_acc": "upos", "morph_acc": "morph",
            "lemma_acc": "lemma", "dep_uas": "uas", "dep_las": "las", "sents_f": "sentences_f"}
    return {name: round(float(raw[key]), 4) for key, name in keys.items() if raw.get(key) is not None}


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--treebank", type=Path, default=TREEBANK, help="folder with en_ewt-ud-{train,dev,test}.conllu")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "syntax", help="scratch folder")
    parser.add_argument("--max-steps", type=int, default=None, help="training steps (default: the config's)")
    parser.add_argument("--target", type=Path, default=TARGET, help="where the model is installed")
    parser.add_argument("--install-only", action="store_true",
                        help="score and install the best checkpoint of an earlier (or stopped) run in --work")
    args = parser.parse_args()

    started = time.time()
    corpus = _convert(args.treebank, args.work)
    output = args.work / "output"
    if not args.install_only:
        overrides = ["--paths.train", str(corpus["train"]), "--paths.dev", str(corpus["dev"])]
        if args.max_steps is not None:
            overrides += ["--training.max_steps", str(args.max_steps)]
        _run([sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(output), *overrides])
    trained_s = time.time() - started

    best = output / "model-best"
    scores = _evaluate(best, corpus["test"], args.work)
    if args.target.exists():
        shutil.rmtree(args.target)
    shutil.copytree(best, args.target)
    shutil.copy(args.treebank / "LICENSE.txt", args.target / "LICENSE-treebank.txt")
    (args.target / "README.md").write_text(MODEL_README, encoding="utf-8")
    import spacy

    spacy_version = spacy.__version__
    record = {
        "treebank": "UD English EWT v2.15 (CC BY-SA 4.0)",
        "split": "test (en_ewt-ud-test.conllu, 2,077 sentences)",
        "scores": scores,
        "max_steps": args.max_steps,
        "training_seconds": None if args.install_only else round(trained_s),
        "spacy": spacy_version,
        "config": "scripts/syntax/ewt.cfg",
    }
    (args.target / "scores.json").write_text(json.dumps(record, indent=2) + "\n")
    size = _size_mb(args.target)
    print(json.dumps(record, indent=2))
    print(f"installed {args.target} ({size:.1f} MB)")
    if size > MAX_MODEL_MB:
        sys.exit(f"train_syntax: model is {size:.1f} MB, over the {MAX_MODEL_MB} MB the package allows")


if __name__ == "__main__":
    main()
