#!/usr/bin/env python3
"""The Presidio side of the scanner benchmark: runs Microsoft Presidio's analyzer
(presidio-analyzer 2.2.366) over a UTF-8 text file, offline and on one thread, and
prints one JSON object on stdout: the size of the file, the seconds spent analyzing,
the throughput, and how many findings of each entity type Presidio reported.

Presidio runs offline as its documentation allows: its no_op NLP engine
(no spaCy model to download) and its pattern recognizers only (e-mail, IBAN, card,
IP address, phone), with tldextract kept from fetching the public suffix list. The
file is cut into blocks of about --block-bytes at line boundaries (a longer line is
a block of its own), and only the analysis of the blocks is timed: not the set-up
of the analyzer, not the reading of the file, not the writing of the findings.

With --findings OUT.jsonl, each finding is also written as one JSON line
{"type", "offset", "length", "score"}, where offset and length count UTF-8 bytes
of the whole file (Presidio reports offsets in characters of the block).

Usage: "$(Scripts/presidio-venv)" Scripts/presidio-scan.py FILE
           [--entities EMAIL_ADDRESS,IBAN_CODE,CREDIT_CARD,IP_ADDRESS,PHONE_NUMBER]
           [--language fr] [--block-bytes 4096] [--findings OUT.jsonl]
"""
import argparse
import importlib.metadata
import json
import sys
import time

DEFAULT_ENTITIES = "EMAIL_ADDRESS,IBAN_CODE,CREDIT_CARD,IP_ADDRESS,PHONE_NUMBER"


def parse_arguments():
    parser = argparse.ArgumentParser(description="Times Presidio's analyzer on a UTF-8 text file.")
    parser.add_argument("file", help="UTF-8 text file to analyze")
    parser.add_argument("--entities", default=DEFAULT_ENTITIES,
                        help="comma-separated Presidio entity types (default: %(default)s)")
    parser.add_argument("--language", default="fr", help="language code given to Presidio (default: fr)")
    parser.add_argument("--block-bytes", type=int, default=4096,
                        help="about how many bytes to analyze at a time, cut at line ends (default: 4096)")
    parser.add_argument("--findings", metavar="OUT.jsonl",
                        help="also write each finding as a JSON line with UTF-8 byte offsets")
    arguments = parser.parse_args()
    arguments.entities = [e.strip() for e in arguments.entities.split(",") if e.strip()]
    if not arguments.entities:
        parser.error("--entities is empty")
    if arguments.block_bytes < 1:
        parser.error("--block-bytes must be positive")
    return arguments


def build_analyzer(language):
    # Before presidio_analyzer is imported: its e-mail recognizer calls tldextract.extract,
    # whose default extractor downloads the public suffix list; with no URLs it uses the
    # snapshot bundled with tldextract.
    try:
        import tldextract
    except ImportError:
        sys.exit('presidio-analyzer is not installed here: run this with "$(Scripts/presidio-venv)"')
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())

    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer, EmailRecognizer, IbanRecognizer, IpRecognizer, PhoneRecognizer)

    nlp_engine = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "no_op",
        "models": [{"lang_code": language, "model_name": "no_op"}],
    }).create_engine()
    registry = RecognizerRegistry(supported_languages=[language])
    for recognizer in (EmailRecognizer, IbanRecognizer, CreditCardRecognizer, IpRecognizer, PhoneRecognizer):
        registry.add_recognizer(recognizer(supported_language=language))
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=[language])


def blocks_of(data, block_bytes):
    """Cuts the bytes of the file into (byte offset, text) blocks of about block_bytes, at line
    ends, so that no block splits a UTF-8 sequence; a line longer than block_bytes is its own block."""
    blocks = []
    start = 0
    end = 0
    size = len(data)
    while end < size:
        newline = data.find(b"\n", end)
        line_end = size if newline < 0 else newline + 1
        if end > start and line_end - start > block_bytes:
            blocks.append((start, data[start:end].decode("utf-8")))
            start = end
        end = line_end
    if end > start:
        blocks.append((start, data[start:end].decode("utf-8")))
    return blocks


def byte_offsets(text):
    """For each character index i of text (and len(text)), the UTF-8 byte offset of that index."""
    offsets = [0] * (len(text) + 1)
    total = 0
    for i, character in enumerate(text):
        offsets[i] = total
        code = ord(character)
        total += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    offsets[len(text)] = total
    return offsets


def main():
    arguments = parse_arguments()
    analyzer = build_analyzer(arguments.language)
    with open(arguments.file, "rb") as file:
        data = file.read()
    blocks = blocks_of(data, arguments.block_bytes)
    characters = sum(len(text) for _, text in blocks)

    # One small analysis first, so that lazy set-up (regular expressions compiled on first
    # use, phone number metadata loaded per region) is not counted in the timing.
    analyzer.analyze(text="Contact : jean.dupont@example.fr, 06 12 34 56 78, 192.168.1.10.",
                     language=arguments.language, entities=arguments.entities)

    results = []
    started = time.perf_counter()
    for _, text in blocks:
        results.append(analyzer.analyze(text=text, language=arguments.language, entities=arguments.entities))
    seconds = time.perf_counter() - started

    counts = {entity: 0 for entity in arguments.entities}
    findings = []
    for (block_offset, text), block_results in zip(blocks, results):
        offsets = None
        ascii_only = text.isascii()
        for result in block_results:
            counts[result.entity_type] = counts.get(result.entity_type, 0) + 1
            if arguments.findings is None:
                continue
            if ascii_only:
                start, end = result.start, result.end
            else:
                if offsets is None:
                    offsets = byte_offsets(text)
                start, end = offsets[result.start], offsets[result.end]
            findings.append((block_offset + start, end - start, result.entity_type, result.score))

    if arguments.findings is not None:
        findings.sort(key=lambda f: (f[0], f[1], f[2]))
        with open(arguments.findings, "w", encoding="utf-8") as out:
            for offset, length, entity, score in findings:
                out.write(json.dumps({"type": entity, "offset": offset, "length": length,
                                      "score": round(score, 4)}) + "\n")

    print(json.dumps({
        "bytes": len(data),
        "characters": characters,
        "seconds": round(seconds, 6),
        "mb_per_second": round(len(data) / 1e6 / seconds, 4) if seconds > 0 else None,
        "findings": counts,
        "presidio": importlib.metadata.version("presidio-analyzer"),
    }))


if __name__ == "__main__":
    sys.exit(main())
