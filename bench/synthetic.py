"""Realistic synthetic postings for benchmarks, generated in memory and deterministically.

Bodies are 300–800 words drawn Zipf-like from a vocabulary of 60,000 distinct words (real
English function words and job words at the head, invented words in the long tail), so the
number of distinct words per posting and across postings behaves like real text.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

from jobtui.postings.model import Posting, Salary

HEAD = (
    "the and to of a in you we our for with is are will be on as your team work "
    "experience an or that this have at from it by can build help us about who join "
    "product engineering data skills role looking new customers years strong what "
    "across working company teams opportunity design systems knowledge software "
    "development benefits culture growth remote ability communication including "
    "support time develop best within ensure make people technical environment "
    "services business platform written high quality code review tools scale "
    "learning clients solutions projects open process users management office salary"
).split()
TECH = (
    "python django flask golang go rust java kotlin scala elixir erlang ruby rails "
    "php laravel javascript typescript react vue angular svelte node.js graphql "
    "postgresql mysql mongodb redis kafka kubernetes docker terraform aws gcp azure "
    "linux c++ c# swift ios android flutter pytorch tensorflow spark airflow "
    "snowflake elasticsearch"
).split()
ROLES = (
    "Engineer",
    "Developer",
    "Software Engineer",
    "Backend Engineer",
    "Frontend Developer",
    "Full Stack Developer",
    "Data Engineer",
    "Data Scientist",
    "DevOps Engineer",
    "Site Reliability Engineer",
    "Product Manager",
    "Designer",
    "Product Designer",
    "Engineering Manager",
    "QA Engineer",
    "Mobile Developer",
    "Machine Learning Engineer",
    "Security Engineer",
    "Technical Writer",
    "Support Engineer",
    "Solutions Architect",
)
LEVELS = ("", "", "Senior ", "Junior ", "Lead ", "Staff ", "Principal ", "Mid-level ")
CITIES = (
    "Berlin, Germany",
    "London, UK",
    "New York, NY",
    "San Francisco, CA",
    "Remote",
    "Remote - Europe",
    "Remote - US",
    "Amsterdam, Netherlands",
    "Paris, France",
    "Toronto, Canada",
    "Austin, TX",
    "Lisbon, Portugal",
    "Jülich, Germany",
    "Zürich",
    "München, Germany",
    "Kraków, Poland",
    "São Paulo, Brazil",
    "Bangalore, India",
    "Singapore",
    "Sydney, Australia",
    "Dublin, Ireland",
    "Stockholm, Sweden",
    "Madrid, Spain",
)
SYLLABLES = (
    "ka ri to na mi so lu be ta ve ro da ni po ke sa mo lin ter ex qua zor pel dan "
    "vor mek tis gal rum fen hob jun wex yal bri cor dru fla gro pra ste tri"
).split()


def vocabulary(size: int = 60_000, seed: int = 7) -> list[str]:
    """Head words first (most frequent), then tech words, then invented words."""
    rng = random.Random(seed)
    words = list(dict.fromkeys(HEAD + TECH))
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def zipf_stream(vocab: list[str], length: int, seed: int = 11, s: float = 1.07) -> list[str]:
    """`length` words drawn with probability ~ 1/rank^s."""
    rng = random.Random(seed)
    weights = [1 / (r + 1) ** s for r in range(len(vocab))]
    cum = list(itertools.accumulate(weights))
    return rng.choices(vocab, cum_weights=cum, k=length)


def postings(n: int, seed: int = 3) -> list[Posting]:
    """`n` postings with titles, companies, locations, tags, dates, salaries and long bodies."""
    rng = random.Random(seed)
    vocab = vocabulary()
    stream = zipf_stream(vocab, 3_000_000)
    companies = [
        " ".join(rng.choice(vocab[2000:]).capitalize() for _ in range(rng.randint(1, 2)))
        + rng.choice(("", " Labs", " Inc", " GmbH", " Ltd", " Technologies"))
        for _ in range(max(50, n // 8))
    ]
    today = date(2026, 11, 1)
    result = []
    for i in range(n):
        tech = rng.sample(TECH, rng.randint(2, 6))
        level = rng.choice(LEVELS)
        role = rng.choice(ROLES)
        title = f"{level}{tech[0].capitalize() + ' ' if rng.random() < 0.5 else ''}{role}"
        length = rng.randint(300, 800)
        start = rng.randrange(0, len(stream) - length)
        words = stream[start : start + length]
        for t in tech:  # the stack is mentioned in the text, as in real postings
            words.insert(rng.randrange(len(words)), t)
        body = "\n\n".join(
            " ".join(words[j : j + 60]).capitalize() + "." for j in range(0, len(words), 60)
        )
        salary = None
        if rng.random() < 0.3:
            lo = rng.randrange(40, 180) * 1000
            salary = Salary(
                lo, lo + rng.randrange(10, 60) * 1000, rng.choice(("USD", "EUR", "GBP")), "year"
            )
        location = rng.choice(CITIES)
        result.append(
            Posting(
                id=f"syn{i:07d}",
                source=f"synthetic/{i}.md",
                title=title,
                company=rng.choice(companies),
                location=location,
                remote=True if "Remote" in location else rng.choice((False, None)),
                salary=salary,
                tags=tuple(tech),
                posted=today - timedelta(days=rng.randrange(0, 900)),
                url=f"https://jobs.example/{i}",
                body=f"## {title}\n\n{body}\n",
            )
        )
    return result


def replicate(base: list[Posting], k: int) -> list[Posting]:
    """Real postings repeated `k` times with distinct ids, for scaling a real corpus."""
    from dataclasses import replace

    return [replace(p, id=f"{p.id}-{r}", source=f"{p.source}#{r}") for r in range(k) for p in base]
