"""Words that name a role: a line holding one can be a posting's title, a section heading
holding one (`Platform Team` without one) is not taken for a mere section."""

from __future__ import annotations

import re

ROLE_RE = re.compile(
    # one of them, as a title names its role (`Managers love our product` names people)
    r"\b(?:engineer|developer|designer|manager|scientist|lead|architect|analyst"
    r"|sre|programmer|researcher|director|cto|intern|internship|consultant"
    r"|specialist|administrator|recruiter|writer|marketer|operator|technician"
    r"|accountant|bookkeeper|assistant|coordinator|officer|head of|product owner"
    r"|devops|werkstudent(?:in)?|praktikant(?:in)?|stagiaire|alternance"
    r"|entwickler(?:in)?|ingenieur(?:in)?|berater(?:in)?|leiter(?:in)?"
    r"|d[ée]veloppeu(?:r|se)|ing[ée]nieur|chef de projet|responsable|consultant(?:e)?"
    r"|desarrollador(?:a)?|ingenier[oa]|programador(?:a)?|analista|dise[ñn]ador(?:a)?"
    r"|desenvolvedor(?:a)?|sviluppatore|sviluppatrice|ontwikkelaar|medewerker)\b(?!['’]s)",
    re.I,
)
"""Words that name a role, in the languages postings are written in: a first line holding one
is the posting's title (`Entwickler für München`, `Développeur Full-Stack (H/F)`)."""


def names_role(text: str) -> bool:
    """True when the text names a role (`Senior Engineer, Platform Team`)."""
    return ROLE_RE.search(text) is not None
