#!/bin/sh
# The shards of one audience (site/shards/<audience>@*/, the shard jobs' artifacts) joined
# into site/<audience>/ by `disclose merge`: same commit and clock checked, one sitemap, one
# search index, the output audit over the union, published atomically (docs/scaling.md).
set -eu
audience=$1
: "${SOURCE_DATE_EPOCH:?set SOURCE_DATE_EPOCH once for the pipeline and pass it to every job}"
disclose=${DISCLOSE:-.venv/bin/disclose}
slug=$(printf '%s' "$audience" | tr : -)
$disclose merge "site/$slug" site/shards/"$slug"@*
