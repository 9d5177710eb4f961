#!/usr/bin/env python3
"""Presidio's accuracy on Registre's labelled corpus, beside `registre corpus evaluate`:
precision and recall per entity type (a finding counts when it overlaps a label of its type), how
many SIRETs it reports as cards, and what its false alarms lie over. Presidio 2.2.366 runs offline
with its no_op NLP engine and its five pattern recognizers (e-mail, IBAN, card, IP, phone).

Usage: "$(Scripts/presidio-venv)" Scripts/presidio-accuracy.py CORPUS.jsonl [DOCUMENTS]
       (CORPUS.jsonl from `registre corpus generate`)
"""
import json, sys
import tldextract
tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_analyzer.predefined_recognizers import EmailRecognizer, IbanRecognizer, CreditCardRecognizer, IpRecognizer, PhoneRecognizer
nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "no_op", "models": [{"lang_code": "fr", "model_name": "no_op"}]}).create_engine()
reg = RecognizerRegistry(supported_languages=["fr"])
for R in (EmailRecognizer, IbanRecognizer, CreditCardRecognizer, IpRecognizer, PhoneRecognizer):
    reg.add_recognizer(R(supported_language="fr"))
an = AnalyzerEngine(nlp_engine=nlp, registry=reg, supported_languages=["fr"])
mapping = {"EMAIL_ADDRESS": {"email"}, "PHONE_NUMBER": {"phone"}, "IBAN_CODE": {"iban"}, "CREDIT_CARD": {"payment_card"}, "IP_ADDRESS": {"ipv4", "ipv6"}}
stats = {k: [0, 0, 0] for k in mapping}  # tp fp fn
siret_as_card = 0; near_miss_reported = 0; other_fp = {}
docs = [json.loads(l) for l in open(sys.argv[1])][: int(sys.argv[2]) if len(sys.argv) > 2 else None]
for d in docs:
    text = d["text"]; b = text.encode()
    def char(off): return len(b[:off].decode("utf-8"))
    labels = [(l["type"], char(l["offset"]), char(l["offset"] + l["length"])) for l in d["labels"]]
    misses = [(l["type"], char(l["offset"]), char(l["offset"] + l["length"])) for l in d["near_misses"]]
    res = an.analyze(text=text, language="fr", entities=list(mapping))
    matched = set()
    for r in res:
        types = mapping[r.entity_type]
        hit = [i for i, (t, s, e) in enumerate(labels) if t in types and r.start < e and s < r.end]
        if hit: stats[r.entity_type][0] += 1; matched.update(hit)
        else:
            stats[r.entity_type][1] += 1
            over = [t for (t, s, e) in labels if r.start < e and s < r.end]
            key = r.entity_type + " over " + (over[0] if over else "nothing")
            other_fp[key] = other_fp.get(key, 0) + 1
        if r.entity_type == "CREDIT_CARD" and any(t == "siret" and r.start < e and s < r.end for (t, s, e) in labels): siret_as_card += 1
        if any(t in types and r.start < e and s < r.end for (t, s, e) in misses): near_miss_reported += 1
    for i, (t, s, e) in enumerate(labels):
        for k, types in mapping.items():
            if t in types and i not in matched: stats[k][2] += 1
out = {}
for k, (tp, fp, fn) in stats.items():
    out[k] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(tp / max(1, tp + fp), 4), "recall": round(tp / max(1, tp + fn), 4)}
print(json.dumps({"documents": len(docs), "per_type": out, "siret_as_card": siret_as_card, "near_misses_reported": near_miss_reported, "false_alarms_over": other_fp}, indent=1))
