"""Natasha (slovnet NER + name normalisation) as a yardstick for `npm run eval -- --natasha PYTHON`.

Never a dependency of the project: install it into a throw-away venv (`python3 -m venv /tmp/natasha &&
/tmp/natasha/bin/pip install natasha`). Reads a JSON list of texts on stdin, writes a JSON object
{"names": [[name, ...] per text], "seconds": time spent on the texts (models loaded before)}.
Each PER span becomes `first last` from Natasha's name fact, else its normalised text (patronymic
dropped); a one-part name
takes the full name of the same text whose last (or first) name it is, as the indexer does.
"""

import json
import sys
import time

from natasha import (
    Doc,
    MorphVocab,
    NamesExtractor,
    NewsEmbedding,
    NewsMorphTagger,
    NewsNERTagger,
    Segmenter,
)

segmenter = Segmenter()
morph_vocab = MorphVocab()
embedding = NewsEmbedding()
morph_tagger = NewsMorphTagger(embedding)
ner_tagger = NewsNERTagger(embedding)
names_extractor = NamesExtractor(morph_vocab)


def persons(text):
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph_tagger)
    doc.tag_ner(ner_tagger)
    found = []
    for span in doc.spans:
        if span.type != "PER":
            continue
        span.normalize(morph_vocab)
        span.extract_fact(names_extractor)
        fact = span.fact.as_dict if span.fact else {}
        first, last = fact.get("first"), fact.get("last")
        words = [w for w in span.normal.split() if w != fact.get("middle")]
        if not (first and last) and len(words) >= 2:  # a fact the extractor missed: Касым-Жомарт Токаев
            first, last = words[0], " ".join(words[1:])
        found.append((first, last, span.normal))
    full = {(f, l) for f, l, _ in found if f and l}
    out = set()
    for first, last, normal in found:
        if first and last:
            out.add(f"{first} {last}")
            continue
        part = last or first
        fuller = [f"{f} {l}" for f, l in full if part in (f, l)]
        out.add(fuller[0] if len(fuller) == 1 else (part or normal))
    return sorted(out)


texts = json.load(sys.stdin)
started = time.perf_counter()
names = [persons(t) for t in texts]
json.dump({"names": names, "seconds": time.perf_counter() - started}, sys.stdout, ensure_ascii=False)
