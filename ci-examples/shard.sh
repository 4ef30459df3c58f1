#!/bin/sh
# One shard of one audience (`disclose build --orgs`), moved to site/shards/<audience>@<ids>/
# for the merge job. Both CI configurations of this folder call it; tests/test_ci_examples.py
# runs their lines. SOURCE_DATE_EPOCH: one value for the whole pipeline (the clock job).
set -eu
audience=$1
orgs=$2
: "${SOURCE_DATE_EPOCH:?set SOURCE_DATE_EPOCH once for the pipeline and pass it to every job}"
disclose=${DISCLOSE:-.venv/bin/disclose}
$disclose build --audience "$audience" --orgs "$orgs"
slug=$(printf '%s' "$audience" | tr : -)
mkdir -p site/shards
for built in site/"$slug"@*; do
  rm -rf "site/shards/${built#site/}"
  mv "$built" site/shards/
done
