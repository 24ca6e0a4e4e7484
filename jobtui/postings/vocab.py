"""The tag vocabulary: canonical technology and skill names with their aliases.

Each line is `canonical: alias, alias`. An alias written `=Go` only matches with that exact
case in running text (so the verb "go" is not the language Go); queries and front matter tags
match every name case-insensitively.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ahocorasick_rs import AhoCorasick

from jobtui.postings.anchored import Anchored
from jobtui.postings.places import starts
from jobtui.postings.text import fold, words

_VOCABULARY = """
go: golang, =Go
python: python3, python 3, py3
java: j2ee, java ee
javascript: js, ecmascript, es6, es2015, vanilla js
typescript: ts
node.js: nodejs, node js, =Node, node.js
deno:
ruby: =Ruby
ruby on rails: rails, ror, =Rails
elixir:
erlang: otp, erlang/otp
phoenix: phoenix framework
rust: rustlang, =Rust
c++: cpp, cplusplus, c/c++
c#: csharp, c sharp
c: c language, c programming, ansi c, embedded c
.net: dotnet, .net core, asp.net
php:
laravel:
symfony:
scala:
kotlin:
swift: =Swift
objective-c: objc, objective c
dart: =Dart
flutter:
haskell:
clojure: clojurescript
f#: fsharp
ocaml:
r: r language, rstudio, r programming, tidyverse
julia: julialang, julia language
perl:
lua:
elm: =Elm
solidity:
bash: shell scripting, shell script
django:
flask:
fastapi:
pandas:
numpy:
react: reactjs, react.js
react native: react-native
vue: vue.js, vuejs
angular: angularjs, angular.js
svelte:
next.js: nextjs
jquery:
redux:
graphql:
rest api: restful, rest apis, =REST
grpc:
html: html5
css: css3, sass, scss
tailwind: tailwindcss
postgresql: postgres, postgre, psql, pgsql
mysql: mariadb
sqlite:
mongodb: mongo
redis:
elasticsearch: elastic search, opensearch
cassandra:
dynamodb:
kafka: apache kafka
rabbitmq:
spark: apache spark, pyspark, =Spark
hadoop:
airflow:
snowflake:
sql:
nosql:
aws: amazon web services
gcp: google cloud, google cloud platform
azure: microsoft azure
kubernetes: k8s, kube
docker:
terraform:
ansible:
helm:
linux:
git: github, gitlab
ci/cd: ci cd, continuous integration, continuous delivery, continuous deployment
jenkins:
devops:
sre: site reliability
microservices: microservice
serverless: lambda
machine learning: ml
deep learning:
artificial intelligence: =AI
data science: data scientist
nlp: natural language processing
computer vision:
pytorch: torch
tensorflow:
llm: llms, large language models
blockchain: ethereum, web3
ios:
android:
unity:
figma:
ui/ux: ux, ui design, ux design
cybersecurity: infosec, appsec, security engineering, application security
qa: quality assurance, test automation
agile: scrum
embedded systems: firmware, embedded software
selenium:
webpack:
"""


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], list[str], list[str]]:
    aliases: dict[str, str] = {}
    insensitive: list[str] = []
    sensitive: list[str] = []
    for line in _VOCABULARY.strip().splitlines():
        canonical, _, rest = line.partition(":")
        canonical = canonical.strip()
        names = [canonical] + [a.strip() for a in rest.split(",") if a.strip()]
        if any(n.startswith("=") and fold(n[1:]) == fold(canonical) for n in names[1:]):
            names = names[1:]  # the canonical name is an ordinary word: match it by case only
        for name in names:
            exact = name.startswith("=")
            name = name.lstrip("=")
            aliases.setdefault(fold(name), canonical)
            (sensitive if exact else insensitive).append(name if exact else fold(name))
    return aliases, insensitive, sensitive


@lru_cache(maxsize=4096)
def canonical(name: str) -> str:
    """The canonical tag for a name or alias (`golang` -> `go`); unknown names are lowercased.
    (Kept for the names last asked: a folder's postings name the same few hundred tags.)"""
    key = " ".join(fold(name).strip().lstrip("#").replace("_", " ").split())
    aliases = _tables()[0]
    if key in aliases:
        return aliases[key]
    return aliases.get(key.replace("-", " "), key)


def alias_map() -> dict[str, str]:
    """Every folded name and alias mapped to its canonical tag (shared: do not modify)."""
    return _tables()[0]


@lru_cache(maxsize=512)
def aliases_of(canonical_name: str) -> tuple[str, ...]:
    """The one-word folded names of a canonical tag, itself included (`go`: go, golang)."""
    return tuple(a for a, c in _tables()[0].items() if c == canonical_name and " " not in a)


_DOTNET_RE = re.compile(r"(?=\.)(?:(?<![\w.])\.NET\b|(?<![\w.])\.net\b)")
# `(?=x)` first: the engine skips to where a match can start instead of trying every place.
_LANGUAGES_NEAR = (
    r"(?:C\+\+|C#|Rust|Go\b|Python|Java|Linux|Assembl|Zig|Ada\b|Fortran|RTOS|[Ee]mbedded|CUDA"
    r"|[Aa]ssembly)"
)
_AND = r"[ \t]*(?:,|/|&|·|\band\b|\bor\b|\bet\b|\bund\b|\by\b)[ \t]*"
_C_THEN_RE = re.compile(
    rf"{_AND}{_LANGUAGES_NEAR}"
    rf"|[ \t]*\([ \t]*C\d\d"  # `C (C99/C11)`
    rf"|[ \t]*\n[ \t]*[-*+][ \t]+{_LANGUAGES_NEAR}"  # a list of languages: `- C\n- Python`
)
"""After a `C`: another language (`C, C++`, `C/C++`, `C and Rust`, `C, Linux embarqué`)."""
_C_AFTER_RE = re.compile(rf"{_LANGUAGES_NEAR}(?:{_AND}|[ \t]*\n[ \t]*[-*+][ \t]+)$")
"""Before a `C`: another language (`Rust, C`, `C++ and C`)."""
_NOT_C_RE = re.compile(
    r"(?:Series|series|Grade|grade|Class|Type|Plan|Vitamin|vitamin|Objective|objective)[ \t]$"
)


def _names_c(text: str) -> bool:
    """Whether the text names the language C: a capital `C` standing alone among other
    languages. Alone it is a grade, a round (`Series C`) or a plan; `embedded C` and `C
    programming` are found by words. Each `C` is looked at where `str.find` finds it."""
    at = text.find("C")
    while at >= 0:
        after = text[at + 1 : at + 2]
        before = text[at - 1 : at] if at else ""
        joined = (after and (after.isalnum() or after in "+#_-")) or (  # (`C-suite`)
            before and (before.isalnum() or before in "+#._-°")  # (`Objective-C`, `40°C`)
        )
        if not joined and not (after == "." and text[at + 2 : at + 3].isalnum()):
            left = text[max(0, at - 24) : at]
            if (
                _C_THEN_RE.match(text, at + 1, at + 40) or _C_AFTER_RE.search(left)
            ) and not _NOT_C_RE.search(left):
                return True
        at = text.find("C", at + 1)
    return False


_URL_RE = re.compile(r"(?:https?://|mailto:|www\.)[^\s)\]>]+")
_EDGE_L = r"(?<![\w+#.])"
_EDGE_R = r"(?![\w+#]|\.\w)"


@lru_cache(maxsize=1)
def _case_sensitive_pattern() -> Anchored:
    """Names that are tags only as written (`Go`, `R`): other names are found by words. Tried
    only where a name's first word is (as written)."""
    sensitive = _tables()[2]
    ordered = sorted(set(sensitive), key=len, reverse=True)
    alternation = "|".join(re.escape(n).replace(" ", r"[\s-]+") for n in ordered)
    firsts = {n.split()[0] for n in ordered if n.split()}
    return Anchored(f"{_EDGE_L}({alternation}){_EDGE_R}", 0, firsts, lowercase=False)


@lru_cache(maxsize=1)
def _case_sensitive_firsts() -> tuple[str, ...]:
    """The first words of the names that are tags only as written (`Go`, `R`)."""
    return tuple({n.split()[0] for n in _tables()[2] if n.split()})


@lru_cache(maxsize=1)
def _ngrams() -> dict[str, str]:
    """Names as word sequences (`node js`, `ci cd`), each with its tag."""
    aliases, insensitive, _sensitive = _tables()
    table: dict[str, str] = {}
    for name in insensitive:
        toks = words(name)
        key = " ".join(toks)
        if not toks or (len(toks) == 1 and (key != name or len(key) < 2)):
            continue  # `.net` would become the common word `net`; `c` alone is "Series C"
        table.setdefault(key, aliases[" ".join(name.replace("-", " ").split())])
    return table


_Name = tuple[str, tuple[str, ...] | None]
"""A name found by words: its tag, and its words when it has several (None: one word)."""


@lru_cache(maxsize=1)
def _names_finder() -> tuple[AhoCorasick, list[_Name | None], list[str | None]]:
    """The automaton that finds, in a text's words joined by spaces, every name written as
    words (` node js `, ` rust `) and the folded first word of each name that is a tag only as
    written (` go `); for each of its words, the name and that first word (or None)."""
    table = _ngrams()
    firsts = {name.lower(): name for name in _case_sensitive_firsts()}
    spaced = sorted({*table, *firsts})
    names: list[_Name | None] = [
        (table[k], tuple(k.split()) if " " in k else None) if k in table else None for k in spaced
    ]
    return AhoCorasick([f" {k} " for k in spaced]), names, [firsts.get(k) for k in spaced]


def find_tags(text: str) -> list[str]:
    """Canonical tags mentioned in running text, most mentioned first.

    The text's words, joined by spaces, are searched once for every name (an Aho-Corasick
    automaton): this runs for every posting a folder holds.
    """
    table = _ngrams()
    if "://" in text or "www." in text or "mailto:" in text:
        text = _URL_RE.sub(" ", text)
    folded = fold(text)
    toks = words(folded)
    joined = " " + " ".join(toks) + " "
    counts: dict[str, int] = {}
    first: dict[str, int] = {}  # where each tag is first mentioned: ties keep reading order
    finder, names, firsts = _names_finder()
    written: set[str] = set()  # names that are tags only as written, whose word is there
    for i, at in starts(finder, joined).items():  # (the words hold no halves of characters)
        as_written = firsts[i]
        if as_written is not None:
            written.add(as_written)
        name = names[i]
        if name is None:
            continue
        tag, parts = name
        n = len(at)  # a word: every time it is written
        if parts is not None:  # words: times written, none overlapping another (` a b a b `)
            n, end, width = 0, -1, len(" ".join(parts)) + 2
            for start in at:
                if start >= end:
                    n, end = n + 1, start + width
            for part in parts:  # `js` inside `node js` is not also javascript
                if part in table:
                    counts[table[part]] = counts.get(table[part], 0) - n
        counts[tag] = counts.get(tag, 0) + n
        if at[0] < first.get(tag, len(joined) + 1):
            first[tag] = at[0]
    for m in _DOTNET_RE.finditer(text) if ".net" in folded else ():
        counts[".net"] = counts.get(".net", 0) + 1
        first.setdefault(".net", len(joined) + m.start())
    if "c" not in counts and _names_c(text):
        counts["c"] = 1
        first.setdefault("c", len(joined))
    # A name as written stands between separators, so its folded word is one of the words
    # (or, beside a combining mark, inside one that is not ASCII): the other names are not
    # looked for.
    if not joined.isascii():
        marked = [tok for tok in set(toks) if not tok.isascii()]
        written.update(
            name for name in _case_sensitive_firsts() if any(name.lower() in tok for tok in marked)
        )
    for m in _case_sensitive_pattern().finditer(text, only=written):
        tag = _tables()[0][fold(m.group(1))]
        counts[tag] = counts.get(tag, 0) + 1
        first.setdefault(tag, len(joined) + m.start())
    ranked = sorted(counts, key=lambda t: (-counts[t], first.get(t, 0), t))
    return [t for t in ranked if counts[t] > 0]
