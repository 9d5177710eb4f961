#!/usr/bin/env python3
"""Writes Registre's copy of Fides's sample dataset: the file unchanged, plus the two additions
`registre datasets check` asks for before it erases anything (Fides's file passes neither):
visit's primary key, (email, last_visit), which the dataset does not declare, and, since that
key holds the e-mail, erasure of visit by deleting its rows rather than overwriting a key in place.
Usage: registre-dataset.py FIDES_DATASET.yml OUT.yml
"""
import sys

text = open(sys.argv[1], encoding="utf-8").read()
visit = """      - name: visit
        fields:
          - name: email
            data_categories: [user.contact.email]
            fides_meta:
              identity: email
              data_type: string
          - name: last_visit
            data_categories: [system.operations]
"""
if visit not in text:
    sys.exit("registre-dataset.py: the visit collection is not where it was in ethyca-fides 2.86.2's sample")
text = text.replace(visit, """      - name: visit
        fides_meta:
          masking_strategy_override: {strategy: delete}
        fields:
          - name: email
            data_categories: [user.contact.email]
            fides_meta:
              identity: email
              data_type: string
              primary_key: true
          - name: last_visit
            data_categories: [system.operations]
            fides_meta:
              primary_key: true
""")
open(sys.argv[2], "w", encoding="utf-8").write(text)
