#!/usr/bin/env python3
"""Masks standard input to standard output, line by line, with Microsoft Presidio, for
benchmarks/compare.sh.

Only Presidio's recognizers for the five types piimask masks run: PhoneRecognizer (the
`phonenumbers` library), EmailRecognizer, CreditCardRecognizer (with its Luhn check),
IbanRecognizer (with mod-97) and UsSsnRecognizer. No spaCy model can be downloaded here, so
the NLP engine is spaCy's *blank* English pipeline (a tokenizer and nothing else), saved to
MODEL_DIR and loaded from that path: Presidio's SpacyNlpEngine accepts a path as model name
and downloads nothing when the path exists. A real model (en_core_web_lg) would add NER on
every line and make Presidio slower still, so these figures are an upper bound.

Each match is replaced by '*' for every character but the last four (like piimask's mask).
Prints `seconds=S` and `cpu_seconds=S` to standard error: the wall and CPU time spent
masking, without start-up and without loading the engine (reported as `load_seconds=S`). Nothing is fetched from the network:
tldextract, which EmailRecognizer uses, is held to its bundled Public Suffix List.

usage: presidio_mask.py MODEL_DIR < input > output
"""
import os
import sys
import time

load_start = time.perf_counter()
import spacy  # noqa: E402
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry  # noqa: E402
from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: E402
from presidio_analyzer.predefined_recognizers import (  # noqa: E402
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    PhoneRecognizer,
    UsSsnRecognizer,
)
from presidio_anonymizer import AnonymizerEngine  # noqa: E402
from presidio_anonymizer.entities import OperatorConfig  # noqa: E402
import tldextract  # noqa: E402

# EmailRecognizer checks the domain with tldextract, which fetches the Public Suffix List
# from the internet on first use (and prints a traceback per failed URL when offline). Use
# the snapshot bundled with tldextract instead, and no cache folder.
tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def keep_last_four(value: str) -> str:
    return "*" * max(len(value) - 4, 0) + value[-4:]


def build_engines(model_dir: str):
    """Presidio's analyzer (the five recognizers) and anonymizer, with the keep-last-four
    operator and the entity list: (analyzer, anonymizer, operators, entities)."""
    if not os.path.exists(model_dir):
        spacy.blank("en").to_disk(model_dir)
    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model_dir}])
    registry = RecognizerRegistry(supported_languages=["en"])
    # Regions for the chat corpus: Dutch, Belgian, British, US, German and French numbers.
    registry.add_recognizer(PhoneRecognizer(supported_regions=("NL", "BE", "GB", "US", "DE", "FR")))
    for recognizer in (EmailRecognizer(), CreditCardRecognizer(), IbanRecognizer(), UsSsnRecognizer()):
        registry.add_recognizer(recognizer)
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])
    anonymizer = AnonymizerEngine()
    operators = {"DEFAULT": OperatorConfig("custom", {"lambda": keep_last_four})}
    entities = ["PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "US_SSN"]
    return analyzer, anonymizer, operators, entities


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    analyzer, anonymizer, operators, entities = build_engines(sys.argv[1])
    print(f"load_seconds={time.perf_counter() - load_start:.3f}", file=sys.stderr)

    data = sys.stdin.buffer.read()
    out = sys.stdout.buffer
    start = time.perf_counter()
    cpu_start = time.process_time()
    for raw in data.split(b"\n"):
        text = raw.decode("utf-8", "surrogateescape")
        results = analyzer.analyze(text=text, language="en", entities=entities) if text else []
        if results:
            text = anonymizer.anonymize(text=text, analyzer_results=results, operators=operators).text
        out.write(text.encode("utf-8", "surrogateescape"))
        out.write(b"\n")
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    out.flush()
    print(f"seconds={elapsed:.3f}", file=sys.stderr)
    print(f"cpu_seconds={cpu:.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
