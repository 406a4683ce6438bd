#!/usr/bin/env python3
"""Independent reference for the "areas" roll-up of the Heerlen buurten (CBS 2020).

Sums CBS buurten of Heerlen to wijken, stadsdelen, programma areas and the gemeente.

Reads  sample-data/heerlen/kwb_heerlen_2020.csv        (CBS Kerncijfers wijken en buurten 2020)
       sample-data/heerlen/areas/heerlen_wijken.csv    (wijkcode -> stadsdeel, programma)
Writes tests/data/areas/heerlen_2020_reference.csv

Standard library only. Run from anywhere:
    python3 tests/data/areas/make_reference.py [--kwb PATH] [--lookup PATH] [--out PATH]

For every area (level = gemeente, programma, stadsdeel or wijk) and every count column
<name> below the output has
    sum_<name>        sum over the area's buurt rows (soort_regio = Buurt; BU0917wwbb
                      belongs to WK0917ww) of the values that are present; empty when the
                      value is missing in every buurt of the area
    n_missing_<name>  number of the area's buurten whose value is empty (missing)
    cbs_<name>        the value of the CBS's own row for the area (the Wijk row for a wijk,
                      the Gemeente row for the gemeente); empty where the CBS publishes no
                      row (stadsdeel, programma) or the value is empty
and further
    n_buurten                     buurt rows in the area
    bijstand_per_1000_inwoners    1000 * sum(Bijstand) / sum(Aantal_inwoners), both sums taken
                                  over the buurten where both values are present; empty if
                                  that denominator is 0 or no buurt has both
    n_buurten_rate                buurten used for that rate
Rates are written with 6 decimals. Rows: gemeente, programma (by name), stadsdeel (in order of
their first wijk code), wijken (by code).

It also prints to stdout, per column, the largest |sum_ - cbs_| over the wijk rows and the
gemeente row where both are present and no buurt is missing: CBS rounds counts of buurten
and wijken to multiples of 5 independently, so small differences are expected.
"""

import argparse
import csv
import os
import sys

COLUMNS = [
    "Bevolking_Aantal_inwoners",
    "Bevolking_Particuliere_huishoudens_Huishoudens_totaal",
    "Sociale_zekerheid_Personen_per_soort_uitkering_Bijstand",
    "Sociale_zekerheid_Personen_per_soort_uitkering_WW",
]
NUMERATOR = "Sociale_zekerheid_Personen_per_soort_uitkering_Bijstand"
DENOMINATOR = "Bevolking_Aantal_inwoners"
GEMEENTE = "GM0917"

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))


def parse_count(text, where):
    """Empty (after stripping) is missing -> None; otherwise an integer count."""
    text = text.strip()
    if text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        sys.exit(f"{where}: not a number: {text!r}")
    if value != int(value):
        sys.exit(f"{where}: not a whole count: {text!r}")
    return int(value)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kwb", default=os.path.join(REPO, "sample-data/heerlen/kwb_heerlen_2020.csv"))
    ap.add_argument("--lookup", default=os.path.join(REPO, "sample-data/heerlen/areas/heerlen_wijken.csv"))
    ap.add_argument("--out", default=os.path.join(REPO, "tests/data/areas/heerlen_2020_reference.csv"))
    args = ap.parse_args()

    kwb = read_csv(args.kwb)
    for c in ["code", "soort_regio", "naam"] + COLUMNS:
        if c not in kwb[0]:
            sys.exit(f"{args.kwb}: no column {c}")
    lookup = {r["wijkcode"].strip(): r for r in read_csv(args.lookup)}

    gemeente_row = None
    wijk_rows = {}
    buurten = {}  # wijkcode -> list of buurt rows
    for i, r in enumerate(kwb, start=2):
        code = r["code"].strip()
        kind = r["soort_regio"].strip()
        if kind == "Gemeente":
            if code != GEMEENTE:
                sys.exit(f"{args.kwb}:{i}: unexpected gemeente {code}")
            gemeente_row = r
        elif kind == "Wijk":
            if not (len(code) == 8 and code.startswith("WK0917")):
                sys.exit(f"{args.kwb}:{i}: bad wijk code {code}")
            wijk_rows[code] = r
        elif kind == "Buurt":
            if not (len(code) == 10 and code.startswith("BU0917")):
                sys.exit(f"{args.kwb}:{i}: bad buurt code {code}")
            buurten.setdefault("WK0917" + code[6:8], []).append((i, r))
        else:
            sys.exit(f"{args.kwb}:{i}: unknown soort_regio {kind!r}")
    if gemeente_row is None:
        sys.exit(f"{args.kwb}: no Gemeente row")

    wijken = sorted(set(wijk_rows) | set(buurten))
    for w in wijken:
        if w not in lookup:
            sys.exit(f"{args.lookup}: wijk {w} of {args.kwb} is not in the lookup")
        if w not in buurten:
            sys.exit(f"{args.kwb}: wijk {w} has no buurten")
        if w not in wijk_rows:
            sys.exit(f"{args.kwb}: buurten of {w} but no Wijk row")
    for w in lookup:
        if w not in wijk_rows:
            sys.exit(f"{args.lookup}: wijk {w} is not in {args.kwb}")

    # Areas: (level, code, naam, wijkcodes, cbs row or None)
    areas = [("gemeente", GEMEENTE, gemeente_row["naam"].strip(), wijken, gemeente_row)]
    for prog in sorted({lookup[w]["programma"].strip() for w in wijken}):
        ws = [w for w in wijken if lookup[w]["programma"].strip() == prog]
        areas.append(("programma", prog, prog, ws, None))
    stadsdelen = []
    for w in wijken:
        s = lookup[w]["stadsdeel"].strip()
        if s not in stadsdelen:
            stadsdelen.append(s)
    for s in stadsdelen:
        ws = [w for w in wijken if lookup[w]["stadsdeel"].strip() == s]
        areas.append(("stadsdeel", s, s, ws, None))
    for w in wijken:
        areas.append(("wijk", w, wijk_rows[w]["naam"].strip(), [w], wijk_rows[w]))

    header = ["level", "code", "naam", "n_buurten"]
    for c in COLUMNS:
        header += [f"sum_{c}", f"n_missing_{c}", f"cbs_{c}"]
    header += ["bijstand_per_1000_inwoners", "n_buurten_rate"]

    out_rows = []
    for level, code, naam, ws, cbs in areas:
        brows = [(i, r) for w in ws for (i, r) in buurten[w]]
        row = [level, code, naam, str(len(brows))]
        for c in COLUMNS:
            vals = [parse_count(r[c], f"{args.kwb}:{i} {c}") for i, r in brows]
            present = [v for v in vals if v is not None]
            missing = len(vals) - len(present)
            s = sum(present) if present else None
            cv = parse_count(cbs[c], f"{args.kwb} {code} {c}") if cbs is not None else None
            row += ["" if s is None else str(s), str(missing), "" if cv is None else str(cv)]
        num = den = n = 0
        for i, r in brows:
            a = parse_count(r[NUMERATOR], f"{args.kwb}:{i}")
            b = parse_count(r[DENOMINATOR], f"{args.kwb}:{i}")
            if a is not None and b is not None:
                num += a
                den += b
                n += 1
        row += ["" if den == 0 else f"{1000.0 * num / den:.6f}", str(n)]
        out_rows.append(row)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(header)
        wr.writerows(out_rows)
    print(f"wrote {len(out_rows)} rows to {args.out}")

    # Consistency report: summed buurten vs the CBS's own wijk / gemeente rows.
    for level in ("wijk", "gemeente"):
        for c in COLUMNS:
            j = header.index(f"sum_{c}")
            diffs = [(abs(int(r[j]) - int(r[j + 2])), r[1]) for r in out_rows
                     if r[0] == level and r[j] and r[j + 2] and r[j + 1] == "0"]
            if diffs:
                d, where = max(diffs)
                print(f"{level:8s} {c}: max |sum - cbs| = {d} ({where}), over {len(diffs)} rows")


if __name__ == "__main__":
    main()
