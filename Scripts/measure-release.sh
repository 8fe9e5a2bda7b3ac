#!/usr/bin/env bash
# The quality figures of README "Quality" for one or more releases, side by side, on one part of
# the labelled data: the split every figure in the README and DESIGN.md is reported on.
#
#   Scripts/measure-release.sh                                # Taxonomy/2026.1, validation part
#   Scripts/measure-release.sh Taxonomy/2025.1 Taxonomy/2026.1
#   PART=train Scripts/measure-release.sh Taxonomy/2026.1     # the part rules are tuned on
#   SHARED=none Scripts/measure-release.sh                    # the own corpora only (a clone)
#
# The parts: arXiv and CORDIS by FNV-1a 64 of the record's ID modulo 10 (`--buckets`), 0-6 the
# train part and 7-9 the validation part; the own descriptions by file,
# Corpora/projects-{en,nl}-train*.jsonl and Corpora/projects-{en,nl}-validation*.jsonl. arXiv and
# CORDIS come from ../shared/corpora (SHARED=DIR for another folder) when they are there; the
# CORDIS objectives are joined with their hand labels by Scripts/cordis-with-labels.py and read
# with their funding scheme and topics as context columns. Rows:
#   arXiv macro P / R / F1 (the label map's strong and weak rows, energy not scored there), and
#   its macro F1 within the terms' reach (every missed area with a counted term found);
#   CORDIS micro P / R / F1, macro F1 over the areas with at least 3 projects in the part, and the
#   projects labelled with no area that no area was assigned to;
#   own English and Dutch macro P / R / F1 and the harmless descriptions (no area) left unflagged.
# PER_FILE=1 adds the two own rows for each file of the part besides the files joined (the own
# validation files were written at different times and tell different stories).
# BOOTSTRAP=N adds each figure's 95% interval from N resamples of the part's documents
# (`evaluate --bootstrap`): on 75 CORDIS objectives or 70 own descriptions a few points are
# within them; and for each release after the first, its difference to the first with the
# interval of N paired resamples (`evaluate --against`), which says whether a change is one.
# A RELEASE is anything `--taxonomy` takes: a folder, a shipped version, git:REV:PATH.
# DUALSCOPE=PATH uses that binary instead of a release build; KEEP=DIR keeps the reports and
# predictions there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

part="${PART:-validation}"
case "$part" in
  train) buckets=0-6 ;;
  validation) buckets=7-9 ;;
  *) echo "PART must be train or validation, not '$part'" >&2; exit 2 ;;
esac
releases=("$@")
if [ ${#releases[@]} -eq 0 ]; then releases=(Taxonomy/2026.1); fi

shared="${SHARED:-../shared/corpora}"
have_shared=false
if [ "$shared" != none ] && [ -f "$shared/arxiv-dev.jsonl.gz" ] && [ -f "$shared/cordis-dev.jsonl.gz" ] \
  && [ -f "$shared/cordis-dev-labels.jsonl" ]; then
  have_shared=true
elif [ "$shared" != none ]; then
  echo "note: no arXiv and CORDIS development data in '$shared': the own corpora only" >&2
fi

bin="${DUALSCOPE:-}"
if [ -z "$bin" ]; then
  swift build -c release --product dualscope >/dev/null
  bin="$(swift build -c release --show-bin-path)/dualscope"
fi

work="${KEEP:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

# The own descriptions of the part, one file per language: the part's files joined, in byte
# order of their names.
LC_COLLATE=C
for lang in en nl; do
  if [ "$part" = train ]; then
    cat Corpora/projects-"$lang"-train*.jsonl > "$work/own-$lang.jsonl"
  else
    cat Corpora/projects-"$lang"-validation*.jsonl > "$work/own-$lang.jsonl"
  fi
done
if $have_shared; then
  python3 Scripts/cordis-with-labels.py "$shared" "$work/cordis.jsonl" >/dev/null
fi
# With PER_FILE, the part's own files one by one as well, in the same order.
own_files=()
if [ "${PER_FILE:-0}" != 0 ]; then
  for lang in en nl; do
    if [ "$part" = train ]; then
      own_files+=(Corpora/projects-"$lang"-train*.jsonl)
    else
      own_files+=(Corpora/projects-"$lang"-validation*.jsonl)
    fi
  done
fi

# One evaluation: its JSON report and its predictions, named NAME-K for release K; with
# BOOTSTRAP, its decision report with intervals too.
bootstrap="${BOOTSTRAP:-0}"
evaluate() {
  local name=$1
  shift
  local extra=()
  if [ "$bootstrap" != 0 ]; then
    extra=(--bootstrap "$bootstrap" --calibration-report "$work/$name.decisions.json")
    case "$name" in cordis-*) extra+=(--macro-min-support 3) ;; esac
    case "$name" in *-0) ;; *) extra+=(--against "${releases[0]}") ;; esac
  fi
  "$bin" evaluate "$@" "${extra[@]}" --format json --predictions "$work/$name.predictions.jsonl" > "$work/$name.json"
}

for k in "${!releases[@]}"; do
  release=${releases[$k]}
  if $have_shared; then
    evaluate "arxiv-$k" "$shared/arxiv-dev.jsonl.gz" --taxonomy "$release" --id-column arxiv_id \
      --text-columns title,abstract --labels-column categories --label-map Corpora/label-maps/arxiv.yaml \
      --buckets "$buckets"
    evaluate "cordis-$k" "$work/cordis.jsonl" --taxonomy "$release" --text-columns title,objective \
      --context-columns fundingScheme,topics --buckets "$buckets"
  fi
  for lang in en nl; do
    evaluate "own-$lang-$k" "$work/own-$lang.jsonl" --taxonomy "$release" --text-columns title,text
  done
  for i in "${!own_files[@]}"; do
    evaluate "file-$i-$k" "${own_files[$i]}" --taxonomy "$release" --text-columns title,text
  done
done

OWN_FILES="$(printf '%s\n' "${own_files[@]}")" \
python3 - "$work" "$part" "$have_shared" "$bootstrap" "${releases[@]}" <<'PY'
import json, os, sys

work, part, have_shared, bootstrap, releases = sys.argv[1], sys.argv[2], sys.argv[3] == "true", sys.argv[4] != "0", sys.argv[5:]
own_files = [f for f in os.environ.get("OWN_FILES", "").split("\n") if f]


def report(name):
    with open(os.path.join(work, name + ".json"), encoding="utf-8") as f:
        return json.load(f)["report"]


def predictions(name):
    with open(os.path.join(work, name + ".predictions.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def prf(figures):
    return f"{figures['precision']:.3f} / {figures['recall']:.3f} / {figures['f1']:.3f}"


def unflagged(name):
    # Documents labelled with no area, and those of them no area was assigned to.
    docs = [d for d in predictions(name) if not d["gold"]]
    return f"{sum(1 for d in docs if not d['predicted'])} / {len(docs)}"


def reach(name, average):
    # The figure were every missed area with a counted term of its own assigned (`term_reach`):
    # the most scoring can do with the release's terms on these documents.
    figures = report(name).get("term_reach")
    return "-" if figures is None else f"{figures[average]['f1']:.3f}"


def macro_at_least(name, support):
    # Macro F1 over the areas with at least `support` labelled documents in the part: an area
    # with one or two projects moves the average by itself.
    areas = [a for a in report(name)["areas"].values() if a["support"] >= support]
    if not areas:
        return "-"
    return f"{sum(a['f1'] for a in areas) / len(areas):.3f} ({len(areas)} areas)"


rows = []
if have_shared:
    rows += [
        ("arXiv macro P / R / F1", lambda k: prf(report(f"arxiv-{k}")["macro"])),
        ("arXiv macro F1 within the terms' reach", lambda k: reach(f"arxiv-{k}", "macro")),
        ("CORDIS micro P / R / F1", lambda k: prf(report(f"cordis-{k}")["micro"])),
        ("CORDIS macro F1, areas with >= 3", lambda k: macro_at_least(f"cordis-{k}", 3)),
        ("CORDIS no-area projects unflagged", lambda k: unflagged(f"cordis-{k}")),
    ]
for lang, label in (("en", "English"), ("nl", "Dutch")):
    rows += [
        (f"own {label} macro P / R / F1", lambda k, lang=lang: prf(report(f"own-{lang}-{k}")["macro"])),
        (f"own {label} harmless unflagged", lambda k, lang=lang: unflagged(f"own-{lang}-{k}")),
    ]
    for i, path in enumerate(own_files):
        if os.path.basename(path).startswith(f"projects-{lang}-"):
            name = os.path.basename(path)
            rows += [
                (f"  {name} macro P / R / F1", lambda k, i=i: prf(report(f"file-{i}-{k}")["macro"])),
                (f"  {name} harmless unflagged", lambda k, i=i: unflagged(f"file-{i}-{k}")),
            ]

def interval(name, key, percent=False):
    # The 95% interval of one decision figure from `evaluate --bootstrap`.
    with open(os.path.join(work, name + ".decisions.json"), encoding="utf-8") as f:
        figure = json.load(f).get("intervals", {}).get(key)
    if figure is None:
        return "-"
    if percent:
        return f"{100 * figure['low']:.1f}-{100 * figure['high']:.1f}%"
    return f"{figure['low']:.3f}-{figure['high']:.3f}"


def difference(name, key, percent=False):
    # This release minus the first, and the interval of the paired resamples.
    with open(os.path.join(work, name + ".decisions.json"), encoding="utf-8") as f:
        against = json.load(f).get("against")
    if against is None:
        return "-"
    figure = {"micro_f1": lambda d: d["micro"]["f1"], "macro_f1": lambda d: d["macro_f1"],
              "unflagged_share": lambda d: d["unflagged_share"]}[key]
    gap = figure(against["this"]) - figure(against["other"])
    low, high = against["difference"][key]["low"], against["difference"][key]["high"]
    if percent:
        return f"{100 * gap:+.1f} ({100 * low:+.1f} to {100 * high:+.1f})"
    return f"{gap:+.3f} ({low:+.3f} to {high:+.3f})"


if bootstrap:
    # Per figure: its label, the corpus, its key in the decision report and whether a share.
    figures = []
    if have_shared:
        figures += [("arXiv macro F1", "arxiv", "macro_f1", False), ("CORDIS micro F1", "cordis", "micro_f1", False),
                    ("CORDIS macro F1 (>= 3)", "cordis", "macro_f1", False),
                    ("CORDIS unflagged", "cordis", "unflagged_share", True)]
    for lang, label in (("en", "English"), ("nl", "Dutch")):
        figures += [(f"own {label} macro F1", f"own-{lang}", "macro_f1", False),
                    (f"own {label} unflagged", f"own-{lang}", "unflagged_share", True)]
    more = [(f"{label}, 95% interval", lambda k, c=corpus, key=key, p=percent: interval(f"{c}-{k}", key, p))
            for label, corpus, key, percent in figures]
    if len(releases) > 1:
        more += [(f"{label} - first, " + ("points" if percent else "95%"),
                  lambda k, c=corpus, key=key, p=percent: difference(f"{c}-{k}", key, p))
                 for label, corpus, key, percent in figures]
    rows += more

documents = {}
for name in (["arxiv", "cordis"] if have_shared else []) + ["own-en", "own-nl"]:
    documents[name] = report(f"{name}-0")["documents"]
print(f"part: {part} (" + ", ".join(f"{name} {n} documents" for name, n in documents.items()) + ")")
table = [["measure"] + releases] + [[label] + [value(k) for k in range(len(releases))] for label, value in rows]
widths = [max(len(row[c]) for row in table) for c in range(len(table[0]))]
for row in table:
    print("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip())
PY
