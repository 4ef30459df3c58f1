# Not collected by pytest (no test_ prefix): the black-box review of issue 10, with findings still open —
# see docs/decisions.md "Open findings". Run it with: .venv/bin/python -m pytest tests/blackbox_attacks_open.py
# ruff: noqa
"""Black-box attacks on the publisher's one promise, written without reading site_plugins/ or
the other tests: a public build never contains anything of a non-public item, bad input stops
`disclose check`/`disclose build` with `file:line: what is wrong — how to fix it`, and no
editor-supplied text or file runs script.

The product is used only through its CLI (`python -m site_plugins.cli`), plain `mkdocs build`,
the files it writes and Chromium. Most attacks share a few builds: every attack gets its own
hidden target (a party item `zzqhNNN`, titled `zzqtNNN`, with attachment `zzqaNNN.pdf`), so a
canary found in the output names the attack that leaked it. An attack that check or build names
(by its file) counts as stopped and is taken out; the rest are built together and every output
file (gzip opened, names included, entities/percent-encoding/tags/invisible characters undone,
NFKC) is searched for every canary.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import gzip
import hashlib
import html
import io
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import urllib.parse

import pytest
from sitegen import ENGINE_COMMAND

REPO = pathlib.Path(__file__).resolve().parents[1]
EPOCH = "1795000000"  # 2026-11-18 (China time)
ZW = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
CANARY = re.compile(r"zzq[htap]\d{3}")


# --------------------------------------------------------------------------- helpers


def copy_sample(dst: pathlib.Path) -> pathlib.Path:
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    for name in ("content", "catalogs", "theme"):
        shutil.copytree(REPO / name, dst / name, symlinks=True)
    shutil.copy(REPO / "mkdocs.yml", dst / "mkdocs.yml")
    return dst


def env(**extra):
    e = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, DISCLOSE_CACHE="off", NO_MKDOCS_2_WARNING="1")
    e.pop("DISCLOSE_AUDIENCE", None)
    e.update(extra)
    return e


def cli(root, *args, timeout=240, **extra):
    return subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        cwd=str(REPO),
        env=env(**extra),
        timeout=timeout,
    )


def mkdocs(root, *args, timeout=240, **extra):
    return subprocess.run(
        [*ENGINE_COMMAND, "build", *args],
        capture_output=True,
        text=True,
        cwd=str(root),
        env=env(**extra),
        timeout=timeout,
    )


def item(
    title="公开事项",
    scope="public",
    body="正文",
    org="nmg-dw",
    catalog="juece-bushu",
    date="2026-10-16",
    status="approved",
    audience=None,
    level="routine",
    extra="",
    approval_extra="",
    proposed_by="办公厅 李某某",
    approved_by="周某某",
):
    lines = ["---", f"title: {title}", f"org: {org}"]
    if catalog:
        lines.append(f"catalog: {catalog}")
    lines.append(f"scope: {scope}")
    if audience:
        lines.append(f"audience: [{audience}]")
    lines += ["timing: immediate", f"level: {level}", f"status: {status}", f"date: {date}"]
    text = "\n".join(lines) + "\n" + extra
    text += (
        "approval:\n"
        f"  proposed_by: {proposed_by}\n"
        "  reviewed_by: 办公厅 赵某某\n"
        "  reviewed_on: 2026-10-09\n"
        "  secrecy_review: passed\n"
        f"  approved_by: {approved_by}\n"
        "  approved_on: 2026-10-12\n" + approval_extra + "---\n\n" + body + "\n"
    )
    return text


def page(title="页面", scope="public", body="页面正文", extra=""):
    return f"---\ntype: page\nscope: {scope}\ntitle: {title}\n{extra}---\n\n{body}\n"


def yq(s):
    return "'" + s.replace("'", "''") + "'"


def output_files(d: pathlib.Path):
    for p in sorted(d.rglob("*")):
        if p.is_file():
            yield p


def variants(text: str):
    u = html.unescape(text)
    untagged = re.sub(r"<[^>]*>", "", u)
    out = [
        text,
        u,
        urllib.parse.unquote(urllib.parse.unquote(u)),
        u.translate(ZW),
        untagged,
        untagged.translate(ZW),
        unicodedata.normalize("NFKC", untagged).translate(ZW),
    ]
    return [v.lower() for v in out]


def canaries_in(d: pathlib.Path, pattern=CANARY):
    """{canary: sorted output files (relative) holding it in any representation}."""
    found: dict[str, set] = {}
    for p in output_files(d):
        rel = str(p.relative_to(d))
        data = p.read_bytes()
        if data[:2] == b"\x1f\x8b":
            try:
                data = gzip.decompress(data)
            except OSError:
                pass
        text = data.decode("utf-8", "replace")
        for v in variants(rel) + variants(text):
            for m in pattern.findall(v):
                found.setdefault(m, set()).add(rel)
    return {k: sorted(v) for k, v in found.items()}


OK_SCRIPT_SRC = re.compile(r"(^|/)assets/javascripts/(bundle\.[0-9a-f]+\.min\.js|disclosure\.js|search\.js)$")
OK_INLINE = ("__md_scope=new URL(", "var target=document.getElementById(location.hash.slice(1))", '{"annotate": null')
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.I)


def script_findings(d: pathlib.Path):
    """Everything in the built HTML/SVG/XML that could run script, read with a real HTML parser."""
    from selectolax.lexbor import LexborHTMLParser

    out = []
    for p in output_files(d):
        if p.suffix.lower() not in (".html", ".htm", ".svg", ".xhtml", ".xml", ".shtml"):
            continue
        rel = str(p.relative_to(d))
        text = p.read_text("utf-8", "replace")
        if p.suffix == ".xml":
            if re.search(r"<script|type=.x?html", text, re.I):
                out.append((rel, "feed with markup"))
            continue
        tree = LexborHTMLParser(text)
        if tree.root is None:
            continue
        for n in tree.root.traverse(include_text=False):
            attrs = n.attributes or {}
            for a, v in attrs.items():
                al = a.lower()
                if al.startswith("on"):
                    out.append((rel, f"<{n.tag} {a}=…> handler"))
                vv = re.sub(r"[\x00-\x20]", "", html.unescape(v or ""))
                if (
                    (
                        al
                        in (
                            "href",
                            "src",
                            "action",
                            "formaction",
                            "data",
                            "poster",
                            "srcset",
                            "xlink:href",
                            "background",
                            "cite",
                            "ping",
                        )
                        or al.endswith("href")
                    )
                    and BAD_SCHEME.match(vv)
                    and not vv.lower().startswith("data:image/png")
                ):
                    out.append((rel, f"<{n.tag} {a}={v!r}>"))
                if al == "style" and re.search(r"expression\s*\(|javascript:", v or "", re.I):
                    out.append((rel, f"style {v!r}"))
                if al == "http-equiv" and (v or "").lower() == "refresh":
                    out.append((rel, "meta refresh"))
            if n.tag == "script":
                src = attrs.get("src")
                body = (n.text() or "").strip()
                if src and not OK_SCRIPT_SRC.search(src):
                    out.append((rel, f"<script src={src!r}>"))
                if not src and not body.startswith(OK_INLINE):
                    out.append((rel, f"<script>{body[:60]}"))
            if n.tag in ("iframe", "object", "embed", "base", "frame", "applet", "portal"):
                out.append((rel, f"<{n.tag}>"))
            if n.tag in ("animate", "set") and (
                attrs.get("attributename") or attrs.get("attributeName") or ""
            ).lower().endswith("href"):
                out.append((rel, f"svg <{n.tag}> on href"))
    return out


PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:][^:\n]*?)(?::(?P<line>\d+))?: (?P<msg>.+)$")


# --------------------------------------------------------------------------- attack sites


@dataclasses.dataclass
class Attack:
    name: str
    group: str
    files: dict = dataclasses.field(default_factory=dict)  # rel path -> str | bytes
    edits: list = dataclasses.field(default_factory=list)  # (rel path, regex, replacement)
    symlinks: dict = dataclasses.field(default_factory=dict)  # rel path -> target
    canaries: tuple = ()

    def paths(self):
        ps = set(self.files) | {e[0] for e in self.edits} | set(self.symlinks)
        # an attachment is named by its output path in the output check
        ps |= {p[len("content/") :] for p in ps if p.startswith("content/")}
        # names with control characters or undecodable bytes are reported escaped
        return (
            ps
            | {p.encode("unicode_escape", "backslashreplace").decode() for p in ps}
            | {p.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") for p in ps}
        )


class Site:
    """One copy of the sample with many attacks; check and build until what is left builds."""

    def __init__(self, root: pathlib.Path, attacks: list[Attack], audiences=("public",)):
        self.root = copy_sample(root)
        self.attacks = {a.name: a for a in attacks}
        assert len(self.attacks) == len(attacks), "duplicate attack names"
        self.original = {}
        for a in attacks:
            for path, _, _ in a.edits:
                self.original.setdefault(path, (self.root / path).read_text())
        self.active = set(self.attacks)
        self.stopped: dict[str, str] = {}  # attack -> the problem line that names it
        self.problem_lines: list[tuple[str, str]] = []  # (stage, line)
        self.tracebacks: list[str] = []
        self.unattributed: list[str] = []
        self.built = {}
        self._write()
        self._converge(audiences)

    def _write(self):
        for path, text in self.original.items():
            for a in self.attacks.values():
                if a.name in self.active:
                    for p, rx, rep in a.edits:
                        if p == path:
                            new = re.sub(rx, lambda m: rep, text, count=1)
                            assert new != text, (a.name, rx)
                            text = new
            (self.root / path).write_text(text)
        for a in self.attacks.values():
            on = a.name in self.active
            for rel, data in a.files.items():
                f = self.root / rel
                if on:
                    f.parent.mkdir(parents=True, exist_ok=True)
                    (f.write_bytes if isinstance(data, bytes) else f.write_text)(data)
                elif f.exists() or f.is_symlink():
                    f.unlink()
            for rel, target in a.symlinks.items():
                f = self.root / rel
                if on and not f.is_symlink():
                    os.symlink(target, f)
                elif not on and f.is_symlink():
                    f.unlink()

    def _attribute(self, stage, out):
        if "Traceback" in out:
            self.tracebacks.append(out[-2000:])
        hit = False
        for line in out.splitlines():
            m = PROBLEM_LINE.match(line.strip())
            if not m:
                continue
            path = m.group("path")
            owners = [a for a in self.active if path in self.attacks[a].paths()]
            if owners or path.startswith(("content/", "catalogs/")):
                self.problem_lines.append((stage, line.strip()))
            for a in owners:
                self.stopped.setdefault(a, f"{stage}: {line.strip()}")
                hit = True
        return hit

    def _converge(self, audiences):
        p = cli(self.root, "check")
        if p.returncode:
            self._attribute("check", p.stdout + p.stderr)
        for _ in range(8):
            self.active -= set(self.stopped)
            self._write()
            results = {}
            for aud in audiences:
                results[aud] = cli(self.root, "build", "--audience", aud)
            failed = {a: r for a, r in results.items() if r.returncode}
            if not failed:
                self.built = {a: self.root / "site" / a.replace(":", "-") for a in audiences}
                return
            progress = False
            for aud, r in failed.items():
                progress |= self._attribute(f"build {aud}", r.stdout + r.stderr)
            if not progress:
                self.unattributed.append("\n".join((r.stdout + r.stderr)[-1500:] for r in failed.values()))
                return
        raise AssertionError("the build did not converge")

    # -- what the tests ask
    def leaks(self, group, audience="public"):
        assert audience in self.built, f"no {audience} build: {self.unattributed}"
        found = canaries_in(self.built[audience])
        bad = {}
        for a in self.attacks.values():
            if a.group != group or a.name in self.stopped:
                continue
            hits = {c: found[c] for c in a.canaries if c in found}
            if hits:
                bad[a.name] = hits
        return bad

    def group_stopped(self, group):
        return {n: s for n, s in self.stopped.items() if self.attacks[n].group == group}


def hidden(n: int, kind="party", with_attachment=True):
    """A hidden target: content/nmg-dw/2026/zzqhNNN.md titled zzqtNNN, attachment zzqaNNN.pdf."""
    s, t, a, b = f"zzqh{n:03d}", f"zzqt{n:03d}", f"zzqa{n:03d}.pdf", f"zzqp{n:03d}"
    kw = dict(title=f"党内 {t}", body=f"{b} 正文")
    if kind == "party":
        kw["scope"] = "party"
    elif kind == "unit":
        kw["scope"] = "unit"
    elif kind == "specific":
        kw.update(scope="specific", audience="xlgl-mw", catalog="xunshi-fankui")
    elif kind == "draft":
        kw["status"] = "draft"
    elif kind == "withdrawn":
        kw["status"] = "withdrawn"
    elif kind == "future":
        kw["date"] = "2027-03-01"
    files = {}
    if with_attachment:
        kw["extra"] = f"attachments: [{a}]\n"
        files[f"content/nmg-dw/2026/{a}"] = f"%PDF-1.4 {b}\n".encode()
    files[f"content/nmg-dw/2026/{s}.md"] = item(**kw)
    return files, (s, t, a.split(".")[0], b)


def pct(s, i=2):
    return s[:i] + "%%%02X" % ord(s[i]) + s[i + 1 :]


def link_forms(S, A):
    """Every way I could think of to point a public body at a hidden page S or attachment A."""
    P = f"/nmg-dw/2026/{S}/"
    H1, H2 = "https://dwgk.example.gov.cn", "http://dwgk.dj.nmg"
    FAV = "../../../assets/images/favicon.png"
    # the character encoded is followed by a letter, so a reference without ';' ends there
    ent = S[:2] + "&#x%x;" % ord(S[2]) + S[3:]
    ent_nosemi = S[:2] + "&#%d" % ord(S[2]) + S[3:]
    return {
        "md_rel_md": f"[x]({S}.md)",
        "md_rel_dot": f"[x](./{S}.md)",
        "md_rel_dir": f"[x]({S}/)",
        "md_up_dir": f"[x](../{S}/)",
        "md_up_md": f"[x](../2026/{S}.md)",
        "md_up2": f"[x](../../nmg-dw/2026/{S}.md)",
        "md_root": f"[x]({P})",
        "md_root_md": f"[x](/nmg-dw/2026/{S}.md)",
        "md_abs_site": f"[x]({H1}{P})",
        "md_abs_intranet": f"[x]({H2}{P})",
        "md_intranet_home": f"[x]({H2}/)",
        "md_proto_rel": f"[x](//dwgk.example.gov.cn{P})",
        "md_abs_upper": f"[x]({H1.upper()}{P.upper()})",
        "md_case": f"[x]({S.upper()}.md)",
        "md_query": f"[x]({S}.md?a=1)",
        "md_frag": f"[x]({S}.md#top)",
        "md_pct": f"[x]({pct(S)}.md)",
        "md_pct2": f"[x]({pct(S).replace('%', '%25')}.md)",
        "md_pct_slash": f"[x](..%2f{S}%2f)",
        "md_backslash": f"[x](..\\{S}\\)",
        "md_entity": f"[x]({ent}.md)",
        "md_entity_nosemi": f"[x]({ent_nosemi}.md)",
        "md_angle": f"[x](<{S}.md>)",
        "md_titled": f'[x]({S}.md "t")',
        "md_ref": f"[x][r]\n\n[r]: {S}.md",
        "md_ref_abs": f"[x][r]\n\n[r]: {H1}{P}",
        "md_ref_unused": f"hello\n\n[r]: {S}.md",
        "md_autolink": f"<{H1}{P}>",
        "md_autolink_intranet": f"<{H2}{P}>",
        "md_image_att": f"![x]({A})",
        "md_image_page": f"![x]({S}.md)",
        "md_att": f"[x]({A})",
        "md_att_up": f"[x](../2026/{A})",
        "md_att_root": f"[x](/nmg-dw/2026/{A})",
        "md_att_abs": f"[x]({H1}/nmg-dw/2026/{A})",
        "md_code": f"`[x]({S}.md)`",
        "md_fence": f'```\n<a href="{S}.md">x</a>\n```',
        "md_attr_list": f'[x](../../index.md){{: href="{S}.md" }}',
        "md_attr_data": f'para\n{{: data-x="{S}" }}',
        "md_footnote": f"x[^{S}]\n\n[^{S}]: y",
        "md_heading": f"## {S}",
        "md_heading_id": f"## 标题 {{#{S}}}",
        "md_link_text": f"[{S}](../../index.md)",
        "md_in_html": f'<div markdown="1">[x]({S}.md)</div>',
        "html_a": f'<a href="{S}.md">x</a>',
        "html_a_dir": f'<a href="../{S}/">x</a>',
        "html_a_root": f'<a href="{P}">x</a>',
        "html_a_unquoted": f"<a href={P}>x</a>",
        "html_a_single": f"<a href='{P}'>x</a>",
        "html_A_upper": f'<A HREF="{P}">x</A>',
        "html_a_entity": f'<a href="/nmg-dw/2026/{ent}/">x</a>',
        "html_a_entity_nosemi": f'<a href="/nmg-dw/2026/{ent_nosemi}/">x</a>',
        "html_a_named_entities": f'<a href="&sol;nmg-dw&sol;2026&sol;{S}&sol;">x</a>',
        "html_a_colon_entity": f'<a href="https&colon;//dwgk.example.gov.cn{P}">x</a>',
        "html_a_newline": f'<a href="/nmg-dw/2026/{S[:3]}\n{S[3:]}/">x</a>',
        "html_a_tab": f'<a href="/nmg-dw/2026/{S[:3]}\t{S[3:]}/">x</a>',
        "html_a_zwsp": f'<a href="/nmg-dw/2026/{S[:3]}\u200b{S[3:]}/">x</a>',
        "html_a_newline_in_host": f'<a href="https://dwgk.example.\ngov.cn{P}">x</a>',
        "html_a_pct": f'<a href="/nmg-dw/2026/{pct(S)}/">x</a>',
        "html_a_fullwidth_slash": f'<a href="／nmg-dw／2026／{S}／">x</a>',
        "html_a_fullwidth_host": f'<a href="https://ｄｗｇｋ.example.gov.cn{P}">x</a>',
        "html_a_trailing_dot_host": f'<a href="https://dwgk.example.gov.cn.{P}">x</a>',
        "html_a_userinfo": f'<a href="https://u@dwgk.example.gov.cn{P}">x</a>',
        "html_a_port": f'<a href="https://dwgk.example.gov.cn:443{P}">x</a>',
        "html_a_backslashes": f'<a href="\\nmg-dw\\2026\\{S}\\">x</a>',
        "html_a_dot_segments": f'<a href="/nmg-dw/./2026/x/../{S}/">x</a>',
        "html_a_spaces": f'<a href=" {P} ">x</a>',
        "html_a_ping": f'<a href="../../" ping="{P}">x</a>',
        "html_a_dup_href": f'<a href="../../" href="{P}">x</a>',
        "html_img": f'<img src="{A}">',
        "html_img_root": f'<img src="/nmg-dw/2026/{A}">',
        "html_srcset": f'<img src="{FAV}" srcset="/nmg-dw/2026/{A} 2x">',
        "html_srcset_second": f'<img src="{FAV}" srcset="{FAV} 1x,/nmg-dw/2026/{A} 2x">',
        "html_longdesc": f'<img src="{FAV}" longdesc="{P}">',
        "html_picture": f'<picture><source srcset="/nmg-dw/2026/{A}"><img src="{FAV}"></picture>',
        "html_object": f'<object data="/nmg-dw/2026/{A}"></object>',
        "html_embed": f'<embed src="/nmg-dw/2026/{A}">',
        "html_iframe": f'<iframe src="{P}"></iframe>',
        "html_video_poster": f'<video poster="/nmg-dw/2026/{A}" src="{P}"></video>',
        "html_audio": f'<audio src="{P}"></audio>',
        "html_source": f'<video><source src="{P}"></video>',
        "html_track": f'<video><track src="{P}"></video>',
        "html_form": f'<form action="{P}"><input type="submit"></form>',
        "html_button": f'<button formaction="{P}">x</button>',
        "html_base": f'<base href="{H2}{P}">',
        "html_link": f'<link rel="prefetch" href="{P}">',
        "html_area": f'<map name="m"><area href="{P}"></map>',
        "html_meta_refresh": f'<meta http-equiv="refresh" content="0;url={P}">',
        "html_svg_xlink": f'<svg><a xlink:href="{P}"><text>x</text></a></svg>',
        "html_svg_image": f'<svg><image href="/nmg-dw/2026/{A}"/></svg>',
        "html_svg_use": f'<svg><use href="/nmg-dw/2026/{A}#x"/></svg>',
        "html_style_tag": f"<style>body{{background:url({P})}}</style>",
        "html_style_attr": f'<p style="background:url({P})">x</p>',
        "html_style_entity": f'<p style="background:u&#114;l(/nmg-dw/2026/{A})">x</p>',
        "html_cite": f'<blockquote cite="{P}">x</blockquote><q cite="{P}">y</q>',
        "html_data_attr": f'<p data-href="{P}">x</p>',
        "html_title_attr": f'<p title="{P}">x</p>',
        "html_alt": f'<img src="{FAV}" alt="{S}">',
        "html_id": f'<p id="{S}">x</p>',
        "html_class": f'<p class="{S}">x</p>',
        "html_fragment": f'<a href="#{S}">x</a>',
        "comment": f"<!-- {P} -->",
        "comment_unclosed": f"<!-- {P}",
        "comment_nested": f"<!-- a <!-- {P} --> b -->",
        "comment_conditional": f'<!--[if IE]><a href="{P}">x</a><![endif]-->',
        "comment_downlevel": f'<!--[if !IE]>--><a href="{P}">x</a><!--<![endif]-->',
        "comment_bogus": f"<! {P} >",
        "comment_pi": f"<?php {P} ?>",
        "comment_abrupt": f"<!--> {P} -->",
        "comment_bang": f"<!-- {P} --!>",
        "cdata": f"<![CDATA[ {P} ]]>",
        "svg_cdata": f"<svg><![CDATA[ {P} ]]></svg>",
        "template": f'<template><a href="{P}">x</a></template>',
        "noscript": f'<noscript><a href="{P}">x</a></noscript>',
        "textarea": f'<textarea><a href="{P}">x</a></textarea>',
        "xmp": f'<xmp><a href="{P}">x</a></xmp>',
        "plaintext": f'<plaintext><a href="{P}">x</a>',
        "noembed": f'<noembed><a href="{P}">x</a></noembed>',
        "noframes": f'<noframes><a href="{P}">x</a></noframes>',
        "title_tag": f"<title>{S}</title>",
        "math": f'<math><mi xlink:href="{P}">x</mi></math>',
        "details": f'<details><summary>s</summary><a href="{P}">x</a></details>',
        "text_slug": f"参见 {S} 一文。",
        "text_url": f"参见 {H1}{P} 一文。",
        "text_att": f"附件 {A}",
        "text_upper": S.upper(),
        "text_entity": f"{ent}",
        "text_entity_nosemi": ent_nosemi,
        "text_pct": pct(S),
        "text_combining": S + "\u0301",
    }


# Markup or invisible characters inside the slug: the reader (and the search index) sees the slug.
def split_forms(S):
    a, b = S[:3], S[3:]
    return {
        "split_comment": f"{a}<!-- -->{b}",
        "split_wbr": f"{a}<wbr>{b}",
        "split_b": f"{a}<b></b>{b}",
        "split_span": f"{a}<span>{b[:2]}</span>{b[2:]}",
        "split_strong_md": f"{a}**{b[:2]}**{b[2:]}",
        "split_zwsp": f"{a}\u200b{b}",
        "split_zwsp_entity": f"{a}&#8203;{b}",
        "split_shy": f"{a}&shy;{b}",
        "split_zwj": f"{a}\u200d{b}",
        "split_word_joiner": f"{a}\u2060{b}",
        "split_bom": f"{a}\ufeff{b}",
        "split_fullwidth": unicodedata.normalize("NFKC", S).translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}),
        "split_em_md": f"{a}*{b[:1]}*{b[1:]}",
        "split_code_md": f"{a}`{b[:1]}`{b[1:]}",
    }


def body_attack(n, group, name, body, kind="party", with_attachment=True):
    files, (s, t, a, b) = hidden(n, kind, with_attachment)
    S, A = s, f"{a}.pdf"
    files[f"content/nmg-dw/2026/atk{n:03d}.md"] = item(f"攻击{n}", body=f"正文\n\n{body}\n\n结尾")
    return Attack(f"{group}:{name}", group, files=files, canaries=(s, t, a, b))


XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>"\'><svg onload=alert(3)>{{ "zzqj"*3 }}'
FAV = "../../../assets/images/favicon.png"
XSS_BODIES = {
    "script": "<script>alert(1)</script>",
    "img_onerror": f'<img src="{FAV}" onerror=alert(1)>',
    "img_slash": f"<img/src={FAV}\x20/onerror=alert(1)>",
    "svg_onload": "<svg onload=alert(1)>",
    "svg_script": "<svg><script>alert(1)</script></svg>",
    "md_js": "[x](javascript:alert(1))",
    "md_js_case": "[x](JaVaScRiPt:alert(1))",
    "md_js_angle": "[x](<javascript:alert(1)>)",
    "md_js_ref": "[x][r]\n\n[r]: javascript:alert(1)",
    "autolink_js": "<javascript:alert(1)>",
    "js_entity": '<a href="jav&#x61;script:alert(1)">x</a>',
    "js_entity_nosemi": '<a href="jav&#x61script&#58alert(1)">x</a>',
    "js_newline": '<a href="java\nscript:alert(1)">x</a>',
    "js_space": '<a href=" javascript:alert(1)">x</a>',
    "js_colon_entity": '<a href="javascript&colon;alert(1)">x</a>',
    "md_js_entity": "[x](javascript&#58;alert(1))",
    "data_html": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "md_title_break": '[x](../../index.md "t\\" onmouseover=\\"alert(1)")',
    "attr_list_onclick": 'para\n{: onclick="alert(1)" }',
    "attr_list_href": '[x](../../index.md){: href="javascript:alert(1)" }',
    "attr_list_style": 'para\n{: style="background:url(javascript:alert(1))" }',
    "md_in_html_onclick": '<div markdown="1" onclick="alert(1)">**x**</div>',
    "iframe_srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object_js": '<object data="javascript:alert(1)"></object>',
    "embed_js": '<embed src="javascript:alert(1)">',
    "form_js": '<form action="javascript:alert(1)"><button>x</button></form>',
    "button_formaction": '<button formaction="javascript:alert(1)">x</button>',
    "details_ontoggle": "<details open ontoggle=alert(1)>x</details>",
    "input_onfocus": "<input autofocus onfocus=alert(1)>",
    "style_tag": "<style>*{background:url(javascript:alert(1))}</style>",
    "style_attr": '<p style="background:url(javascript:alert(1))">x</p>',
    "svg_animate": "<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>x</text></a></svg>",
    "svg_set": '<svg><a><set attributeName="xlink:href" to="javascript:alert(1)"/><text>x</text></a></svg>',
    "mxss_noscript": f'<noscript><p title="</noscript><img src={FAV} onerror=alert(1)>">',
    "mxss_math": f"<math><mtext><table><mglyph><style><img src={FAV} onerror=alert(1)>",
    "mxss_svg_style": f'<svg></p><style><a id="</style><img src={FAV} onerror=alert(1)>">',
    "nested_script": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "comment_break": f"<!--><img src={FAV} onerror=alert(1)>-->",
    "cdata_break": f"<![CDATA[><img src={FAV} onerror=alert(1)>]]>",
    "base_js": '<base href="javascript:alert(1)//">',
    "meta_refresh_js": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "link_import": '<link rel="import" href="data:text/html,<script>alert(1)</script>">',
    "textarea_break": f"<textarea></textarea><img src={FAV} onerror=alert(1)></textarea>",
    "template": f"<template><img src={FAV} onerror=alert(1)></template>",
    "svg_xlink_js": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "img_data_svg": '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "md_img_js": "![x](javascript:alert(1))",
    "md_img_data": "![x](data:text/html,alert)",
    "table_cell": f"| a |\n|---|\n| <img src={FAV} onerror=alert(1)> |",
    "jinja": '{{ "zzqj"*3 }} {% raw %}x{% endraw %} {% include "main.html" %}',
}


def leak_site_attacks():
    attacks, n = [], 0

    def nxt():
        nonlocal n
        n += 1
        return n

    # 1. links and mentions of hidden items in public bodies
    for kind in ("party", "unit", "specific", "draft", "withdrawn", "future"):
        for name, body in link_forms("zzqh%03d" % (n + 1), "zzqa%03d.pdf" % (n + 1)).items():
            if kind != "party" and not name.startswith(("md_rel_md", "html_a_root", "md_att", "text_slug")):
                continue
            k = nxt()
            S, A = f"zzqh{k:03d}", f"zzqa{k:03d}.pdf"
            attacks.append(body_attack(k, "links", f"{kind}:{name}", link_forms(S, A)[name], kind))
    # 2. the slug split by markup or invisible characters
    for name in split_forms("zzqh000"):
        k = nxt()
        attacks.append(body_attack(k, "split", name, split_forms(f"zzqh{k:03d}")[name]))
    # 3. the hidden title copied into a public body
    k = nxt()
    attacks.append(body_attack(k, "title_copy", "title_in_body", f"参见《党内 zzqt{k:03d}》。"))

    # 4. a hidden slug in the structured fields of public items, pages, catalogs and the registry
    def fields(name, **kw):
        k = nxt()
        files, (s, t, a, b) = hidden(k, with_attachment=False)
        S = s
        if "item" in kw:
            files[f"content/nmg-dw/2026/fld{k:03d}.md"] = kw["item"](S)
        attacks.append(
            Attack(
                f"fields:{name}",
                "fields",
                files=files,
                edits=[(p, rx, rep(S)) for p, rx, rep in kw.get("edits", [])],
                canaries=(s,),
            )
        )

    fields("item_title", item=lambda S: item(f"关于 {S} 的说明"))
    fields("description", item=lambda S: item("说明", extra=f"description: 参见 {S}\n"))
    fields(
        "consultation_channel",
        item=lambda S: item("征求意见", extra=f'consultation: {{until: 2026-12-31, channel: "见 {S}"}}\n'),
    )
    fields(
        "approval_decision",
        item=lambda S: item("重要", level="important", approval_extra=f"  decision: 会议 {S}\n  risk_assessment: 低\n"),
    )
    fields("index_number_id", item=lambda S: item("索引号", extra=f"id: {S}\n"))
    fields(
        "org_name",
        edits=[("catalogs/organizations.yml", r"name: 中共正蓝旗委员会", lambda S: f"name: 中共正蓝旗委员会 {S}")],
    )
    fields(
        "catalog_entry_title",
        edits=[
            (
                "catalogs/nmg-dw.yml",
                r"title: 重要党内法规和规范性文件立改废释情况",
                lambda S: f"title: 重要党内法规 {S}",
            )
        ],
    )
    fields(
        "catalog_entry_basis",
        edits=[("catalogs/nmg-jw.yml", r"basis: 第十二条（三）", lambda S: f"basis: 第十二条（三）{S}")],
    )
    fields(
        "catalog_entry_department",
        edits=[("catalogs/nmg-zzb.yml", r"department: 干部一处", lambda S: f"department: 干部一处 {S}")],
    )
    fields("page_title", edits=[("content/index.md", r"title: 党务公开", lambda S: f"title: 党务公开 {S}")])

    # 5. front-matter references and attachment lists
    def fm(name, extra):
        k = nxt()
        files, (s, t, a, b) = hidden(k)
        files[f"content/nmg-dw/2026/fm{k:03d}.md"] = item("引用", extra=extra(s, a + ".pdf"))
        attacks.append(Attack(f"refs:{name}", "refs", files=files, canaries=(s, t, a, b)))

    fm("interprets", lambda s, a: f"interprets: nmg-dw/2026/{s}\n")
    fm("corrects", lambda s, a: f"corrects: nmg-dw/2026/{s}\n")
    fm("shared_attachment", lambda s, a: f"attachments: [{a}]\n")
    fm("attachment_md", lambda s, a: f"attachments: [{s}.md]\n")
    fm("attachment_up", lambda s, a: f"attachments: [../2026/{a}]\n")
    fm("attachment_case", lambda s, a: f"attachments: [{a.upper()}]\n")
    fm("id_collision", lambda s, a: f"id: nmg-dw/2026/{s}\n")

    # 6. attachments whose contents point at hidden items
    def att(name, fname, content, body=""):
        k = nxt()
        files, (s, t, a, b) = hidden(k)
        files[f"content/nmg-dw/2026/att{k:03d}-{fname}"] = content(s, t, a + ".pdf")
        files[f"content/nmg-dw/2026/att{k:03d}.md"] = item(
            "附件", extra=f"attachments: [att{k:03d}-{fname}]\n", body=body or "见附件"
        )
        attacks.append(Attack(f"attachment_content:{name}", "attachment_content", files=files, canaries=(s, t, a, b)))

    att("html_link", "note.html", lambda s, t, a: f'<a href="/nmg-dw/2026/{s}/">原文</a>')
    att(
        "svg_text",
        "pic.svg",
        lambda s, t, a: (
            f'<svg xmlns="http://www.w3.org/2000/svg"><a href="/nmg-dw/2026/{a}"><text>{t}</text></a></svg>'
        ),
    )
    att("txt_mention", "note.txt", lambda s, t, a: f"参见 /nmg-dw/2026/{s}/")
    att("csv_mention", "list.csv", lambda s, t, a: f"id,title\n{s},{t}\n")

    # 7. public file names that reuse a hidden slug or attachment name
    def names(name, rel, content):
        k = nxt()
        files, (s, t, a, b) = hidden(k)
        files.update(
            {r.format(s=s, a=a): c.format(s=s, a=a) for r, c in [(rel, content)]}
            if isinstance(content, str)
            else content(s, a)
        )
        attacks.append(Attack(f"names:{name}", "names", files=files, canaries=(s, a)))

    names("slug_prefix", "content/nmg-dw/2026/{s}-gongkai.md", item("公开 前缀"))
    names("same_slug_other_org", "content/xlgl-mw/2026/{s}.md", item("同名公开", org="xlgl-mw", catalog="renshi"))
    names(
        "same_attachment_name_other_org",
        None,
        lambda s, a: {
            f"content/xlgl-mw/2026/{a}.pdf": b"%PDF-1.4 public copy\n",
            f"content/xlgl-mw/2026/pub-{s[4:]}.md": item(
                "公开副本", org="xlgl-mw", catalog="renshi", extra=f"attachments: [{a}.pdf]\n"
            ),
        },
    )

    # 8. script: editor text in every field, and bodies
    def xss(name, **kw):
        k = nxt()
        files = {}
        if "item" in kw:
            files[f"content/nmg-dw/2026/xss{k:03d}.md"] = kw["item"]
        attacks.append(Attack(f"xss:{name}", "xss", files=files, edits=kw.get("edits", [])))

    for i, t in enumerate(
        [
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "'><svg/onload=alert(1)>",
            "</title><script>alert(1)</script>",
            '{{ "zzqj"*3 }}',
            "{% raw %}x{% endraw %}",
            "javascript:alert(1)",
            "]]></title><script>alert(1)</script>",
            "&lt;script&gt;alert(1)",
        ]
    ):
        xss(f"title{i}", item=item(yq(t)))
    for name, body in XSS_BODIES.items():
        xss(f"body:{name}", item=item(f"正文攻击 {name}", body=f"正文\n\n{body}\n\n结尾"))
    xss("description", item=item("描述", extra=f"description: {yq(XSS)}\n"))
    xss("channel", item=item("征求", extra=f"consultation: {{until: 2026-12-31, channel: {yq(XSS)}}}\n"))
    xss("channel_js", item=item("征求2", extra="consultation: {until: 2026-12-31, channel: 'javascript:alert(1)'}\n"))
    xss("approval_names", item=item("审批", scope="party", proposed_by=yq(XSS), approved_by=yq(XSS)))
    xss(
        "approval_decision",
        item=item("决定", level="important", approval_extra=f"  decision: {yq(XSS)}\n  risk_assessment: {yq(XSS)}\n"),
    )
    xss(
        "org_name",
        edits=[("catalogs/organizations.yml", r"name: 中共内蒙古电力（集团）有限责任公司委员会", "name: " + yq(XSS))],
    )
    xss(
        "catalog_title",
        edits=[
            (
                "catalogs/templates/jiceng.yml",
                r"title: 党组织基本情况，领导班子成员工作分工、主要职责",
                "title: " + yq(XSS),
            )
        ],
    )
    xss("catalog_basis", edits=[("catalogs/templates/gacha-cun.yml", r"basis: 第十一条（一）", "basis: " + yq(XSS))])
    xss("catalog_department", edits=[("catalogs/nmdl-dw.yml", r"department: 党委办公室", "department: " + yq(XSS))])
    xss("catalog_filed_with", edits=[("catalogs/zlq-ry-dzb.yml", r"filed_with: zlq-qw", "filed_with: " + yq(XSS))])
    xss("page_title", edits=[("content/about.md", r"title: 关于本站", "title: " + yq(XSS))])
    # 9. script in attachments (opened from the public host, they run on its origin)
    for name, fname, content in [
        ("html", "evil.html", "<html><body><script>alert(1)</script></body></html>"),
        (
            "svg",
            "evil.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
        ),
        ("xhtml", "evil.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'),
        ("htm_index", "index.html", "<script>alert(1)</script>"),
    ]:
        k = nxt()
        folder = f"content/nmg-dw/2026/sx{k:03d}"
        attacks.append(
            Attack(
                f"attachment_script:{name}",
                "attachment_script",
                files={
                    f"{folder}/{fname}": content,
                    f"{folder}/p{k:03d}.md": item("附件脚本", extra=f"attachments: [{fname}]\n"),
                },
            )
        )
    return attacks


@pytest.fixture(scope="module")
def leak_site(tmp_path_factory):
    return Site(tmp_path_factory.mktemp("bb") / "leak", leak_site_attacks(), audiences=("public", "party"))


def describe(bad):
    return "\n".join(f"  {k}: {v}" for k, v in sorted(bad.items()))


# --------------------------------------------------------------------------- tests: leaks


def test_the_attack_site_builds_and_the_hidden_targets_are_in_party(leak_site):
    assert not leak_site.tracebacks, leak_site.tracebacks[0]
    assert not leak_site.unattributed, "a build failed naming no attack file:\n" + leak_site.unattributed[0]
    party = canaries_in(leak_site.built["party"])
    built = [a for a in leak_site.attacks.values() if a.canaries and a.name not in leak_site.stopped]
    assert built, "every attack was stopped: nothing left to look for"
    missing = [a.name for a in built if a.canaries[0] not in party]
    assert not missing, f"the party build should show the hidden targets of {missing[:5]}"


def test_links_and_mentions_of_hidden_items_never_reach_public(leak_site):
    bad = leak_site.leaks("links")
    assert not bad, "hidden slug/attachment reached site/public through:\n" + describe(bad)


def test_slug_split_by_markup_or_invisible_characters_is_caught(leak_site):
    # e.g. 'zzq<!-- -->h001' or 'zzq<wbr>h001' is published as the exact slug 'zzqh001';
    # 'zzq<b></b>h001', ZWSP/soft hyphen inside, **bold** halves: the search index holds the slug
    bad = leak_site.leaks("split")
    assert not bad, "hidden slug reached site/public:\n" + describe(bad)


def test_hidden_title_copied_into_a_public_body_is_caught(leak_site):
    bad = leak_site.leaks("title_copy")
    assert not bad, "hidden title reached site/public:\n" + describe(bad)


def test_hidden_slug_in_structured_fields_is_caught(leak_site):
    # the mention check covers bodies; titles, description, consultation channel, decision,
    # id, organization names, catalog fields and page titles are published unchecked
    bad = leak_site.leaks("fields")
    assert not bad, "hidden slug reached site/public through a field:\n" + describe(bad)


def test_front_matter_references_to_hidden_items_are_refused(leak_site):
    bad = leak_site.leaks("refs")
    assert not bad, describe(bad)
    assert set(leak_site.group_stopped("refs")) == {a for a in leak_site.attacks if a.startswith("refs:")}


def test_attachment_contents_do_not_point_at_hidden_items(leak_site):
    bad = leak_site.leaks("attachment_content")
    assert not bad, "a public attachment carries a hidden slug/title/attachment name:\n" + describe(bad)


def test_public_file_names_do_not_reuse_hidden_slugs_or_attachment_names(leak_site):
    bad = leak_site.leaks("names")
    assert not bad, "a public address or file name carries a hidden slug or attachment name:\n" + describe(bad)


# --------------------------------------------------------------------------- tests: script


@pytest.mark.parametrize("audience", ["public", "party"])
def test_no_script_from_editor_text(leak_site, audience):
    # attachments are the next test's subject
    found = [f for f in script_findings(leak_site.built[audience]) if not re.match(r"nmg-dw/2026/sx\d{3}/", f[0])]
    assert not found, found[:20]
    jinja = [str(p) for p in output_files(leak_site.built[audience]) if b"zzqjzzqj" in p.read_bytes()]
    assert not jinja, f"Jinja in editor text was evaluated: {jinja[:5]}"


def test_attachments_do_not_publish_script(leak_site):
    built = leak_site.built["public"]
    stopped = leak_site.group_stopped("attachment_script")
    found = [f for f in script_findings(built) if re.match(r"nmg-dw/2026/sx\d{3}/", f[0])]
    assert not found, (
        "an editor's attachment runs script on the public site's origin "
        f"(stopped: {sorted(stopped)}):\n" + "\n".join(map(str, found))
    )


def test_search_results_and_query_do_not_run_script(leak_site):
    import playwright.sync_api as playwright

    assert os.path.exists("/usr/bin/chromium"), "the browser tests need Debian's chromium (make browser)"
    import functools
    import http.server
    import socketserver
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    srv = socketserver.TCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(leak_site.built["public"])))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    dialogs = []
    try:
        with playwright.sync_playwright() as pw:
            b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            pg = b.new_page()
            pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for q in [
                "alert",
                "onerror",
                "script",
                "正文攻击",
                "<img src=x onerror=alert(9)>",
                '"><svg onload=alert(9)>',
            ]:
                pg.goto(f"{base}/search/?q={urllib.parse.quote(q)}")
                pg.wait_for_timeout(1200)
            for path in ["/", "/orgs/", "/orgs/nmg-dw/", "/orgs/nmdl-dw/", "/about/"]:
                pg.goto(base + path)
                pg.wait_for_timeout(300)
            b.close()
    finally:
        srv.shutdown()
    assert not dialogs, dialogs


# --------------------------------------------------------------------------- tests: messages


def test_problems_name_file_and_line_and_a_fix(leak_site):
    bad = []
    for stage, line in leak_site.problem_lines:
        m = PROBLEM_LINE.match(line)
        if not m.group("line") or " — " not in m.group("msg"):
            bad.append(f"{stage}: {line}")
    assert not bad, "problems without file:line or without a fix:\n" + "\n".join(bad[:15])


# --------------------------------------------------------------------------- front matter


def front_matter_variants():
    base = item("党内 zzqf{n}", scope="party", body="zzqf{n} 正文")

    def sub(old, new):
        assert old in base
        return base.replace(old, new, 1)

    bomb = "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9) if p else ', '.join(['x'] * 9)}]\n"
        for p, c in zip([None, "a", "b", "c", "d", "e", "f", "g"], "abcdefgh")
    )
    return {
        "dup_scope": sub("scope: party\n", "scope: party\nscope: public\n"),
        "dup_scope_rev": sub("scope: party\n", "scope: public\nscope: party\n"),
        "dup_quoted_key": sub("scope: party\n", 'scope: party\n"scope": public\n'),
        "dup_status": sub("status: approved\n", "status: draft\nstatus: approved\n"),
        "bom": "\ufeff" + base,
        "crlf": base.replace("\n", "\r\n"),
        "cr_only": base.replace("\n", "\r"),
        "dashes_trailing_space": base.replace("---\n", "--- \n", 1),
        "dashes_nbsp": base.replace("---\n", "---\u00a0\n", 1),
        "dashes_ideographic_space": base.replace("---\n", "---\u3000\n", 1),
        "dashes_zwsp": base.replace("---\n", "---\u200b\n", 1),
        "dots_close": sub("---\n\nzzqf", "...\n\nzzqf"),
        "two_front_matters": "---\nscope: public\n---\n" + base,
        "second_front_matter_in_body": base.replace("---\n\nzzqf", "---\n---\nscope: public\n---\nzzqf"),
        "tab_indent": sub("  proposed_by", "\tproposed_by"),
        "anchor": sub("scope: party", "scope: &s party"),
        "alias_merge": sub("scope: party\n", "x: &a {scope: public}\n<<: *a\n"),
        "merge_no_alias": sub("scope: party\n", "<<: {scope: public}\n"),
        "alias_bomb": sub("scope: party\n", "scope: party\n" + bomb),
        "python_tag": sub("title: 党内 zzqf{n}", 'title: !!python/object/apply:os.system ["touch zzqpwned"]'),
        "python_name": sub("title: 党内 zzqf{n}", "title: !!python/name:os.system"),
        "custom_tag": sub("scope: party", "scope: !public party"),
        "huge_title": sub("党内 zzqf{n}", "党内 zzqf{n}" + "长" * 1_000_000),
        "scope_upper": sub("scope: party", "scope: PUBLIC"),
        "scope_Public": sub("scope: party", "scope: Public"),
        "scope_space": sub("scope: party", 'scope: "public "'),
        "scope_list": sub("scope: party", "scope: [party, public]"),
        "scope_empty": sub("scope: party", "scope:"),
        "scope_missing": sub("scope: party\n", ""),
        "scope_null": sub("scope: party", "scope: ~"),
        "scope_bool": sub("scope: party", "scope: yes"),
        "scope_comment": sub("scope: party", "scope: party # public"),
        "scope_fullwidth_key": sub("scope: party\n", "scope: party\nｓｃｏｐｅ: public\n"),
        "scope_nfd_key": sub("scope: party\n", "scope: party\nsco\u0301pe: public\n"),
        "scope_zw_key": sub("scope: party\n", "scope: party\nscope\u200b: public\n"),
        "complex_key": sub("scope: party\n", "? scope\n: party\n"),
        "type_page": sub("org: nmg-dw\n", "type: page\norg: nmg-dw\n"),
        "status_Approved": sub("status: approved", "status: Approved"),
        "date_invalid": sub("date: 2026-10-16", "date: 2026-02-30"),
        "date_with_time": sub("date: 2026-10-16", "date: 2026-10-16 23:59:00+14:00"),
        "null_byte": base.replace("zzqf{n} 正文", "zzqf{n}\x00 正文"),
        "deep_nesting": sub("scope: party\n", "scope: party\nx: " + "[" * 3000 + "]" * 3000 + "\n"),
        "u2028": sub("scope: party", "scope: party\u2028scope: public"),
        "nel": sub("scope: party", "scope: party\u0085scope: public"),
        "audience_star": sub("scope: party", 'scope: specific\naudience: [nmg-dw, "*"]'),
        "audience_public": sub("scope: party", "scope: specific\naudience: [public]"),
        "no_front_matter": "zzqf{n} only",
        "empty": "",
        "only_dashes": "---\n---\n",
        "unclosed": "---\ntitle: zzqf{n}\nscope: party\n",
        "leading_blank_line": "\n" + base,
        "jinja_in_yaml": sub("title: 党内 zzqf{n}", "title: '{{ \"zzqj\"*3 }} zzqf{n}'"),
        "latin1": None,
        "utf16": None,
    }


def test_front_matter_tricks_never_widen_and_are_reported_with_file_and_line(tmp_path):
    root = copy_sample(tmp_path / "fm")
    variants_ = front_matter_variants()
    names = {}
    for i, (k, text) in enumerate(variants_.items()):
        f = root / "content/nmg-dw/2026" / f"fm{i:03d}.md"
        names[f"content/nmg-dw/2026/fm{i:03d}.md"] = k
        if k == "latin1":
            f.write_bytes(item(f"zzqf{i:03d}", scope="party").encode() + "caf\xe9".encode("latin-1"))
        elif k == "utf16":
            f.write_bytes(item(f"zzqf{i:03d}", scope="party").encode("utf-16"))
        else:
            f.write_text(text.replace("{n}", f"{i:03d}"), newline="")
    t0 = time.monotonic()
    p = cli(root, "check", timeout=60)
    assert time.monotonic() - t0 < 30, "check took too long (alias bomb / huge value?)"
    out = p.stdout + p.stderr
    assert "Traceback" not in out, out[-2000:]
    assert not (REPO / "zzqpwned").exists() and not (root / "zzqpwned").exists(), "a YAML tag ran a command"
    rejected = {}
    for line in out.splitlines():
        m = PROBLEM_LINE.match(line)
        if m and m.group("path") in names:
            rejected.setdefault(names[m.group("path")], line)
    # every variant that would widen or that is malformed must be refused, with file:line and a fix
    must_reject = {
        "dup_scope",
        "dup_scope_rev",
        "dup_quoted_key",
        "dup_status",
        "dashes_nbsp",
        "dashes_ideographic_space",
        "dashes_zwsp",
        "dots_close",
        "two_front_matters",
        "tab_indent",
        "anchor",
        "alias_merge",
        "merge_no_alias",
        "alias_bomb",
        "python_tag",
        "python_name",
        "custom_tag",
        "huge_title",
        "scope_upper",
        "scope_Public",
        "scope_space",
        "scope_list",
        "scope_empty",
        "scope_missing",
        "scope_null",
        "scope_bool",
        "scope_fullwidth_key",
        "scope_nfd_key",
        "scope_zw_key",
        "type_page",
        "status_Approved",
        "date_invalid",
        "date_with_time",
        "deep_nesting",
        "u2028",
        "nel",
        "audience_star",
        "audience_public",
        "no_front_matter",
        "empty",
        "only_dashes",
        "unclosed",
        "leading_blank_line",
        "latin1",
        "utf16",
    }
    assert must_reject <= set(rejected), sorted(must_reject - set(rejected))
    no_line = {
        k: v for k, v in rejected.items() if k not in ("latin1", "utf16") and not re.match(r"^[^:]+:\d+: .+ — .+", v)
    }
    assert not no_line, no_line
    # what check accepted is built: none of it may reach the public site
    for path, k in names.items():
        if k in rejected:
            (root / path).unlink()
    p = cli(root, "build")
    assert p.returncode == 0, (p.stdout + p.stderr)[-2000:]
    found = canaries_in(root / "site/public", re.compile(r"zzqf\d{3}|zzqjzzqj"))
    assert not found, {names.get(f"content/nmg-dw/2026/fm{c[4:]}.md", c): v for c, v in found.items()}


# --------------------------------------------------------------------------- file system


def test_file_system_tricks(tmp_path):
    D = "content/nmg-dw/2026"
    party = lambda n, **kw: item(f"党内 zzqs{n}", scope="party", body=f"zzqs{n}", **kw)
    attacks = [
        Attack("file_link", "fs", files={f"{D}/zzqs001.md": party("001")}, symlinks={f"{D}/pub001.md": "zzqs001.md"}),
        Attack("dir_link", "fs", files={"content/zzqs002/a.md": party("002")}, symlinks={"content/pub002": "zzqs002"}),
        Attack("dangling_link", "fs", symlinks={f"{D}/dangle003.md": "nowhere-zzqs003.md"}),
        Attack("loop_link", "fs", symlinks={f"{D}/loop004": "."}),
        Attack("outside_link", "fs", symlinks={f"{D}/out005.md": "/etc/hostname"}),
        Attack(
            "attachment_link",
            "fs",
            files={f"{D}/pub006.md": item("公开", extra="attachments: [pub006.pdf]\n")},
            symlinks={f"{D}/pub006.pdf": "/etc/passwd"},
        ),
        Attack("readme_no_fm", "fs", files={"content/zzqs007/README.md": "# zzqs007\n"}),
        Attack(
            "x_and_x_index", "fs", files={f"{D}/zzqs008.md": item("公开 coll"), f"{D}/zzqs008/index.md": party("008")}
        ),
        Attack(
            "index_and_readme",
            "fs",
            files={f"{D}/sub009/index.md": item("公开 sub"), f"{D}/sub009/README.md": party("009")},
        ),
        Attack("case_collision", "fs", files={f"{D}/zzqs010.md": item("公开 case"), f"{D}/ZZQS010.md": party("010")}),
        Attack("orgs_page", "fs", files={"content/orgs/nmg-dw.md": item("假冒 zzqs011")}),
        Attack("compliance_page", "fs", files={"content/compliance/index.md": page("合规 zzqs012")}),
        Attack("search_page", "fs", files={"content/search.md": page("搜索 zzqs013")}),
        Attack("feed_page", "fs", files={"content/feed.xml.md": page("feed zzqs014")}),
        Attack(
            "data_attachment",
            "fs",
            files={
                "content/data/items.json": '[{"zzqs015": 1}]',
                "content/data/p015.md": page("数据", extra="attachments: [items.json]\n"),
            },
        ),
        Attack(
            "assets_attachment",
            "fs",
            files={
                "content/assets/javascripts/disclosure.js": 'alert("zzqs016")',
                "content/assets/javascripts/p016.md": page("js", extra="attachments: [disclosure.js]\n"),
            },
        ),
        Attack(
            "pagefind_attachment",
            "fs",
            files={
                "content/pagefind/pagefind-ui.js": 'alert("zzqs017")',
                "content/pagefind/p017.md": page("pf", extra="attachments: [pagefind-ui.js]\n"),
            },
        ),
        Attack("dot_file_party", "fs", files={f"{D}/.zzqs018.md": party("018")}),
        Attack("dot_dir_party", "fs", files={"content/.zzqs019/a.md": party("019")}),
        Attack(
            "dot_attachment",
            "fs",
            files={
                f"{D}/.zzqs020.pdf": b"%PDF zzqs020",
                f"{D}/pub020.md": item("公开", extra="attachments: [.zzqs020.pdf]\n"),
            },
        ),
        Attack("stray_file", "fs", files={f"{D}/zzqs021.pdf": b"%PDF zzqs021"}),
        Attack("git_dir_in_content", "fs", files={"content/.git/zzqs022": "zzqs022"}),
        Attack("editor_backup", "fs", files={f"{D}/pub023.md~": party("023")}),
        Attack("upper_MD", "fs", files={f"{D}/zzqs024.MD": party("024")}),
        Attack("markdown_ext", "fs", files={f"{D}/zzqs025.markdown": party("025")}),
        Attack("theme_file", "fs", files={"theme/zzqs026.txt": "zzqs026", "theme/partials/zzqs026.html": "zzqs026"}),
        Attack(
            "decoy_docs_dir_files",
            "fs",
            files={"theme/no-plugin/zzqs027.md": party("027"), "theme/no-plugin/zzqs027.pdf": b"zzqs027"},
        ),
        Attack(
            "attachment_in_subfolder",
            "fs",
            files={
                f"{D}/sub028/a.pdf": b"%PDF zzqs028",
                f"{D}/pub028.md": item("公开", extra="attachments: [sub028/a.pdf]\n"),
            },
        ),
        Attack(
            "attachment_traversal",
            "fs",
            files={f"{D}/pub029.md": item("公开", extra="attachments: [../../../catalogs/nmg-dw.yml]\n")},
        ),
        Attack("party_in_other_orgs_folder", "fs", files={"content/xlgl-mw/2026/zzqs030.md": party("030")}),
        Attack("party_page", "fs", files={"content/zzqs031.md": page("党内页 zzqs031", scope="party", body="zzqs031")}),
        Attack("draft_page", "fs", files={"content/zzqs032.md": page("草稿页 zzqs032", extra="status: draft\n")}),
        Attack("party_404", "fs", files={"content/404.md": page("党内404 zzqs033", scope="party", body="zzqs033")}),
        Attack("non_utf8_name", "fs", files={f"{D}/zzqs034-\udce9.md": party("034")}),
        Attack("control_char_name", "fs", files={f"{D}/zzqs035\x07.md": party("035")}),
    ]
    site = Site(tmp_path / "fs", attacks)
    assert not site.tracebacks, site.tracebacks[0]
    assert not site.unattributed, site.unattributed[0]
    found = canaries_in(site.built["public"], re.compile(r"zzqs\d{3}"))
    by_attack = {}
    for a in attacks:
        nums = {c for c in found if any(c in (p + str(v)) for p, v in list(a.files.items()) + list(a.symlinks.items()))}
        if nums and a.name not in site.stopped:
            by_attack[a.name] = {c: found[c] for c in nums}
    assert not by_attack, by_attack
    must_stop = {
        "file_link",
        "dir_link",
        "dangling_link",
        "loop_link",
        "outside_link",
        "attachment_link",
        "readme_no_fm",
        "x_and_x_index",
        "index_and_readme",
        "case_collision",
        "orgs_page",
        "compliance_page",
        "search_page",
        "feed_page",
        "data_attachment",
        "assets_attachment",
        "pagefind_attachment",
        "stray_file",
        "editor_backup",
        "upper_MD",
        "markdown_ext",
        "attachment_in_subfolder",
        "attachment_traversal",
        "dot_attachment",
    }
    assert must_stop <= set(site.stopped), sorted(must_stop - set(site.stopped))


# --------------------------------------------------------------------------- build process


def site_digest(d: pathlib.Path):
    h = hashlib.sha256()
    for p in output_files(d):
        h.update(str(p.relative_to(d)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def process_root(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("bb") / "proc")
    files, _ = hidden(900)
    for rel, data in files.items():
        (root / rel).write_bytes(data if isinstance(data, bytes) else data.encode())
    return root


def test_plain_mkdocs_party_build_never_writes_site_public(process_root):
    root = process_root
    p = mkdocs(root, "-d", "site/public", DISCLOSE_AUDIENCE="party")
    assert p.returncode == 0, p.stderr[-1500:]
    assert not canaries_in(root / "site/public") if (root / "site/public").exists() else True
    assert "zzqh900" in canaries_in(root / "site/party"), "the party build should be in site/party"


def test_plain_mkdocs_party_build_with_another_site_dir_does_not_land_in_it(process_root, tmp_path):
    # the public host's folder is whatever site_dir says; a party build must not fill it
    root = copy_sample(tmp_path / "sitedir")
    shutil.copytree(process_root / "content", root / "content", dirs_exist_ok=True)
    cfg = root / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("site_dir: site/public", "site_dir: www"))
    p = mkdocs(root, DISCLOSE_AUDIENCE="party")
    assert p.returncode == 0, p.stderr[-1500:]
    leaked = canaries_in(root / "www") if (root / "www").exists() else {}
    assert "zzqh900" not in leaked, "DISCLOSE_AUDIENCE=party mkdocs build wrote the party site into site_dir www/"


def test_failed_and_killed_builds_leave_site_public_untouched(process_root):
    root = process_root
    p = cli(root, "build")
    assert p.returncode == 0, p.stderr
    before = site_digest(root / "site/public")
    bad = root / "content/nmg-dw/2026/broken-zzq.md"
    bad.write_text(item("坏", body="[x](zzqh900.md)"))
    p = cli(root, "build")
    assert p.returncode == 1 and "broken-zzq.md" in p.stdout + p.stderr
    assert "Traceback" not in p.stdout + p.stderr
    assert site_digest(root / "site/public") == before
    bad.write_text(item("新 zzqnew"))
    for delay in (0.6, 1.5):
        pr = subprocess.Popen(
            [sys.executable, "-m", "site_plugins.cli", "--root", str(root), "build", "--all"],
            cwd=str(REPO),
            env=env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        try:
            os.killpg(pr.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        pr.wait()
        d = site_digest(root / "site/public")
        assert d == before or (root / "site/public/nmg-dw/2026/broken-zzq/index.html").exists()
        assert "zzqh900" not in canaries_in(root / "site/public")
    p = cli(root, "build")
    assert p.returncode == 0, p.stderr
    # folders a killed build abandoned may stay beside the sites (hidden, never inside one)
    visible = sorted(n for n in os.listdir(root / "site") if not n.startswith("."))
    assert visible in (["public"], ["party", "public"]), os.listdir(root / "site")
    assert not [n for n in os.listdir(root / "site/public") if ".building" in n or ".old" in n]
    assert "zzqh900" not in canaries_in(root / "site/public")
    bad.unlink()


@pytest.mark.parametrize("value", ["abc", "1.5", ""])
def test_bad_source_date_epoch_is_one_line(process_root, value):
    for cmd in ("check", "build"):
        p = cli(process_root, cmd, SOURCE_DATE_EPOCH=value)
        out = p.stdout + p.stderr
        if value == "" and p.returncode == 0:
            continue  # an empty value may mean "unset"
        assert p.returncode != 0
        assert "Traceback" not in out, f"disclose {cmd} with SOURCE_DATE_EPOCH={value!r}:\n{out[-800:]}"
        assert "SOURCE_DATE_EPOCH" in out, f"the message does not say what is wrong: {out[-300:]!r}"


def test_site_being_a_file_is_one_line(tmp_path):
    root = copy_sample(tmp_path / "sitefile")
    (root / "site").write_text("x")
    p = cli(root, "build")
    out = p.stdout + p.stderr
    assert p.returncode != 0 and "Traceback" not in out and "site" in out


def test_mkdocs_without_the_plugin_publishes_no_item(process_root, tmp_path):
    root = copy_sample(tmp_path / "noplugin")
    shutil.copytree(process_root / "content", root / "content", dirs_exist_ok=True)
    cfg = root / "mkdocs.yml"
    text = re.sub(r"\nplugins:\n(?:[ \t]+.*\n|[ \t]*\n)*", "\n", cfg.read_text())
    assert "- disclosure" not in text
    cfg.write_text(text)
    p = mkdocs(root)
    assert p.returncode == 0, p.stderr[-1000:]
    pages = [
        str(x.relative_to(root / "site/public")) for x in output_files(root / "site/public") if x.suffix == ".html"
    ]
    assert sorted(pages) == ["404.html", "index.html"], pages
    assert not canaries_in(root / "site/public")
    words = ("巡视整改", "全体会议公报", "nmg-dw", "zlq-qw")
    for x in output_files(root / "site/public"):
        if "assets" not in x.parts:
            t = x.read_bytes().decode("utf-8", "replace")
            assert not any(w in t for w in words), x


def test_expired_item_leaves_no_trace_in_public(tmp_path):
    root = copy_sample(tmp_path / "expiry")
    d = root / "content/nmg-dw/2026"
    (d / "zzqe001.md").write_text(item("到期 zzqe002", body="zzqe003", extra="expires: 2026-11-30\n"))
    (d / "explainer.md").write_text(item("解读", body="解读正文", extra="interprets: nmg-dw/2026/zzqe001\n"))
    before = str(calendar.timegm(datetime.datetime(2026, 11, 18, 4).timetuple()))
    after = str(calendar.timegm(datetime.datetime(2026, 12, 2, 4).timetuple()))
    p = cli(root, "build", SOURCE_DATE_EPOCH=before)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "zzqe002" in canaries_in(root / "site/public", re.compile(r"zzqe\d{3}"))
    p = cli(root, "build", SOURCE_DATE_EPOCH=after)
    if p.returncode:
        assert "explainer.md" in p.stdout + p.stderr
        return
    found = canaries_in(root / "site/public", re.compile(r"zzqe\d{3}"))
    assert not found, f"after expiry the public build still names the expired item: {found}"
    p = cli(root, "build", "--audience", "party", SOURCE_DATE_EPOCH=after)
    assert p.returncode == 0 and "zzqe002" in canaries_in(root / "site/party", re.compile(r"zzqe\d{3}"))


# --------------------------------------------------------------------------- print


def test_printed_intranet_pages_are_marked_on_every_page(tmp_path):
    import playwright.sync_api as playwright
    import pypdf

    assert os.path.exists("/usr/bin/chromium"), "the browser tests need Debian's chromium (make browser)"
    import functools
    import http.server
    import socketserver
    import threading

    root = copy_sample(tmp_path / "print")
    d = root / "content/nmg-dw/2026"
    long = "\n\n".join(f"第{i}段。" + "党务公开内容示例文字。" * 30 for i in range(60))
    table = "| 序号 | 内容 |\n|---|---|\n" + "\n".join(f"| {i} | {'表格内容' * 20} |" for i in range(150))
    (d / "longparty.md").write_text(item("长篇党内", scope="party", body=long + "\n\n" + table))
    (d / "longunit.md").write_text(item("长篇本单位", scope="unit", body=long))
    for aud in ("party", "unit:nmg-dw"):
        p = cli(root, "build", "--audience", aud)
        assert p.returncode == 0, p.stdout + p.stderr

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    servers = {}
    for folder in ("party", "unit-nmg-dw"):
        s = socketserver.TCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root / "site" / folder)))
        threading.Thread(target=s.serve_forever, daemon=True).start()
        servers[folder] = s
    missing = []
    try:
        with playwright.sync_playwright() as pw:
            b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for folder, path in [
                ("party", "/nmg-dw/2026/longparty/"),
                ("party", "/orgs/nmg-dw/"),
                ("party", "/compliance/"),
                ("unit-nmg-dw", "/nmg-dw/2026/longunit/"),
            ]:
                for fmt, landscape in (("A4", False), ("Letter", True)):
                    pg = b.new_page()
                    pg.goto(f"http://127.0.0.1:{servers[folder].server_address[1]}{path}")
                    pdf = pg.pdf(format=fmt, landscape=landscape)
                    pg.close()
                    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
                    for i, pp in enumerate(pages):
                        t = (pp.extract_text() or "").replace(" ", "").replace("\n", "")
                        if "党内资料" not in t and "内部资料注意保密" not in t:
                            missing.append(f"{folder}{path} {fmt} page {i + 1}/{len(pages)}")
            b.close()
    finally:
        for s in servers.values():
            s.shutdown()
    assert not missing, missing
