"""Section headings: `About us`, `Job description`, `The role`, `Wir bieten`, `À propos`: the
names of a posting's parts, never its title (`Product Designer`, `Role: Data Engineer` and
`Senior Engineer, Platform Team` are titles)."""

from __future__ import annotations

import re

from jobtui.postings.extract.roles import names_role
from jobtui.postings.text import fold


def _folded(text: str) -> frozenset[str]:
    return frozenset(fold(word) for word in text.split())


_FILLERS = _folded(
    # English, then German, French, Spanish, Portuguese, Italian, Dutch, Swedish, Polish
    """
    the a an and or of to for in at on with by from as is are be this that its it which here
    there all more s t ll re ve d m do does doing will would have has had if also who what why
    how where when
    das der die den dem des ein eine und zu für mit bei was wer wie warum wo
    de d l le la les du des et ce que qui comment pourquoi
    el los las y del al como cómo qué quién
    o os da do e
    il lo su di della dell come chi cosa
    het een en van wat hoe
    och är vad vem hur
    i co
    """
)
"""Words between a section's words, in every language jobtui reads: not a section alone
(`# S`, `# Comment`)."""
_SECTION_WORDS = _folded(
    """
    about us we our ours you your yours me my
    company organisation organization business employer team teams department role roles
    position positions job jobs opportunity opportunities vacancy opening openings career
    careers overview description descriptions summary introduction intro brief snapshot
    glance highlights background story history purpose overall mission vision values value
    culture responsibilities responsibility duties duty tasks task scope key main core daily
    day requirements requirement required qualifications qualification skills skill
    experience profile expectations expected essential preferred desired minimum basic must
    nice bonus plus points benefits benefit perks perk compensation package offer offering
    offers apply applying application applications process interview hiring recruitment
    next steps step details detail information info general additional further contact
    questions faq note notes tldr tl dr need needs bring looking look seek seeking ideal
    candidate person get know meet join working life now salary pay remuneration location
    locations equal eeo diversity inclusion statement disclaimer privacy tech technology
    technologies tools environment haves extra desirable education knowledge competencies
    expertise abilities traits type employment hours level goals challenges languages
    functions accountabilities areas include includes including little bit few ideally
    """
    # German
    """
    über ueber uns wir unser unsere unserem unseren du dich dir dein deine deinen ihr ihre
    sie ihnen unternehmen firma arbeitgeber rolle stelle jobbeschreibung stellenbeschreibung
    beschreibung überblick zusammenfassung einleitung einführung aufgaben aufgabe
    tätigkeiten taetigkeiten profil anforderungen qualifikationen kenntnisse bieten erwartet
    erwarten vorteile leistungen bewerbung bewerben kontakt informationen werte kultur
    bringst mitbringen stellenangebot stellenanzeige jobangebot
    """
    # French
    """
    propos nous notre nos vous votre vos sommes poste entreprise société équipe rôle
    missions recherché présentation aperçu résumé responsabilités avantages exigences
    compétences candidature postuler offrons offre informations contexte emploi
    """
    # Spanish, Portuguese
    """
    sobre nosotros acerca tu tus nuestra nuestro nuestros nuestras empresa compañía equipo
    puesto rol posición descripción resumen introducción responsabilidades requisitos
    beneficios funciones perfil ofrecemos quiénes quienes somos misión detalles aplicar
    postular oferta buscamos empleo
    nós quem vaga cargo função introdução atividades benefícios oferecemos nossa nosso equipa
    equipe
    """
    # Italian, Dutch
    """
    siamo noi azienda ruolo posizione descrizione panoramica sommario introduzione
    responsabilità requisiti offriamo mansioni profilo ricercato nostra nostro candidarsi
    over ons wie wij zijn bedrijf functie vacature functieomschrijving omschrijving
    overzicht samenvatting inleiding verantwoordelijkheden taken eisen vereisten bieden
    profiel jouw je jij arbeidsvoorwaarden solliciteren
    """
    # Swedish, Finnish, Polish
    """
    om oss vi företaget företag teamet rollen roll tjänsten tjänst beskrivning översikt
    sammanfattning introduktion ansvar arbetsuppgifter krav kvalifikationer förmåner
    erbjuder dig din ditt ansökan
    tietoa meistä me olemme yritys yrityksestä tiimi rooli tehtävä tehtävät tehtävän kuvaus
    yleiskatsaus yhteenveto johdanto vastuut vaatimukset edut tarjoamme sinä odotamme
    nas firmie zespół rola stanowisko stanowisku opis przegląd podsumowanie wprowadzenie
    obowiązki obowiązków nasz nasza zakres wymagania oferujemy benefity kim jesteśmy ty
    twoje aplikuj rekrutacja
    """
)
"""Words that name a part of a posting (`Company Overview`, `Über uns`, `Vos missions`,
`Sobre nosotros`, `Chi siamo`, `Over ons`, `Om oss`, `O nas`), compared folded (without
accents)."""

_OPENINGS = (
    *("about", "über", "ueber", "à propos", "a propos", "sobre", "acerca de", "get to know"),
    # questions: `What you'll do`, `Who we are`, `Why Acme?`, `Pourquoi nous rejoindre`
    *("what", "who", "whom", "why", "how", "where", "when", "warum", "pourquoi", "quoi"),
    *("quiénes", "quienes", "por qué", "por que", "o que", "perché", "perchè", "waarom"),
    *("varför", "varfor", "miksi", "dlaczego", "life at", "working at", "meet the"),
)
_OPENING_RE = re.compile(rf"^(?:{'|'.join(map(re.escape, _OPENINGS))})(?![\w'’-])", re.I)
"""How a section's name starts, whatever follows: `About Acme`, `Über Acme`, `Why Acme?`."""
_SHORT_OPENINGS = (
    # `Over Acme`, `Om Acme`: Dutch and Swedish `About Acme`
    *("over", "om", "was", "wer", "wie", "wo", "qui", "que", "qué", "quién"),
    *("quien", "cómo", "como", "dónde", "donde", "quem", "cosa", "chi", "wat", "hoe"),
    *("vem", "vad", "hur", "kuka", "mitä", "mita", "miten", "kim", "kto"),
)
_SHORT_OPENING_RE = re.compile(
    rf"^(?:{'|'.join(map(re.escape, _SHORT_OPENINGS))})(?![\w'’-])", re.I
)
"""Openings in other languages that are also short words or names elsewhere (`WAS
Administrator`, `OM Engineer`, `Comment Moderator`): a section's only when no role is named."""
_PART_NOUNS = frozenset(
    """
    team teams overview description summary introduction mission vision values culture
    background story history highlights snapshot stack benefits perks requirements
    responsibilities qualifications duties process
    """.split()
)
"""Nouns that end a section's name (`The Revenue Team`, `Interview Process`, `Acme Culture`)
when it names no role (`Senior Engineer, Platform Team` does)."""
_LIST_NOUNS = frozenset(
    """
    responsibilities requirements qualifications duties expectations benefits perks tasks
    """.split()
)
"""Nouns that end a section's name even when it names a role (`Web Designer Responsibilities`,
`HR Coordinator requirements are`): the role's list, not the role (`Benefits Specialist` and
`Requirements Engineer` end in the role)."""
_CJK_SECTIONS = frozenset(
    re.sub(r"[\W_]+", "", name)
    for name in (
        # Japanese
        "会社概要 会社紹介 会社情報 会社について 企業情報 企業概要 企業紹介 私たちについて "
        "当社について 募集要項 募集概要 募集背景 求人概要 求人情報 仕事内容 業務内容 職務内容 "
        "ポジション概要 応募資格 必須スキル 歓迎スキル 必須条件 歓迎条件 求める人物像 福利厚生 "
        "待遇・福利厚生 待遇 給与 勤務地 勤務時間 休日休暇 選考フロー 選考プロセス 応募方法 "
        "事業内容 概要 詳細 チーム紹介 開発環境 技術スタック "
        # Chinese
        "公司简介 公司介绍 关于我们 职位描述 岗位职责 工作职责 任职要求 职位要求 福利待遇 薪资福利 "
        # Korean (written with and without their spaces)
        "회사소개 주요업무 자격요건 우대사항 복리후생 혜택및복지 채용절차 전형절차 포지션소개 팀소개"
    ).split()
)
"""Section headings of Japanese, Chinese and Korean postings, written without spaces and
marks (`【会社概要】`, `■ 仕事内容`, `주요 업무`)."""
_LEAD_RE = re.compile(r"^[\W\d_]+")
"""Marks, emoji and numbering before the words (`👏 ABOUT US`, `1. Overview`)."""


def is_section(text: str) -> bool:
    """True when a heading (or a line) names a section of a posting rather than the job: made
    only of section words (`Company Overview`, `Wir bieten`), opening as a section does (`About
    Acme`, `What you'll do`), ending in a list's noun (`Web Designer Responsibilities`), or in
    a section's noun with no role named (`The Revenue Team`). Markdown emphasis and links are
    expected to be stripped already."""
    text = _LEAD_RE.sub("", text.strip())
    if not text:
        return False
    if _OPENING_RE.match(text) or re.sub(r"[\W_]+", "", text) in _CJK_SECTIONS:
        return True
    words = re.findall(r"[^\W_]+", fold(text))
    if not words:
        return False
    if all(w in _SECTION_WORDS or w in _FILLERS for w in words) and any(
        w in _SECTION_WORDS for w in words
    ):
        return True
    last = next((w for w in reversed(words) if w not in _FILLERS), words[-1])
    if last in _LIST_NOUNS:
        return True
    if names_role(text):
        return False
    return last in _PART_NOUNS or _SHORT_OPENING_RE.match(text) is not None
