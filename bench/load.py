"""The load test (``manage.py loadtest``, ``make loadtest``): many people using the site at once.

Each connection is one person, a chair, deputy chair or data lead of a body, signed in with a
session of their own and saving the return of one measure their body reports (no two
connections share a return, so the optimistic lock never refuses a save that should succeed).
A connection goes round the mix of requests (``KINDS``) until the time is up: the home page,
Plan on a Page, My returns, a draft save of its return and a published progress report.

Every save writes one token into the return's value, commentary and next steps together
(``token_text``). Afterwards ``check_returns_whole`` reads the returns and their history: a
return, or a history row, whose three fields name different tokens was saved half-way.

The load generator is Python threads with ``http.client`` rather than wrk: every save needs its
connection's own return, its current version and a CSRF token, and its answer must be read to
know whether it saved; wrk's Lua scripts share state per thread, not per connection, so they
could neither keep the versions nor tell a save from a refusal. The client's own CPU time is
measured and printed, so its share of the machine is known.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from measures.models import EDITABLE_STATUSES, Measure, ReportingPeriod, Return
from measures.selectors import measures_due_in
from plans.models import Membership

HOME = "home page"
PLAN_ON_A_PAGE = "Plan on a Page"
MY_RETURNS = "My returns"
SAVE = "return save"
REPORT = "published report"
KINDS = (HOME, PLAN_ON_A_PAGE, MY_RETURNS, SAVE, REPORT)

REQUEST_TIMEOUT = 30  # seconds; a request that takes longer counts as a connection error
CONNECTION_ERROR = "connection error"
TOKEN_TEXT = "load save {}"
_TOKEN = re.compile(r"load save (\d+)")


class LoadError(RuntimeError):
    pass


def token_text(token: int) -> str:
    """What a save writes into the commentary and the next steps; its value is ``token``."""
    return TOKEN_TEXT.format(token)


# --- who saves what --------------------------------------------------------------------------


def pick_people(period: ReportingPeriod, count: int) -> list[tuple[Membership, Measure]]:
    """``count`` people, each a chair, deputy chair or data lead of a body, with a measure of
    that body due in ``period`` whose return they may save as a draft (not started, a draft
    or returned for amendment) and whose unit takes any whole number (not a percentage). No
    two share a person or a measure."""
    locked = Return.objects.filter(period=period).exclude(status__in=EDITABLE_STATUSES)
    measures = (
        measures_due_in(period)
        .exclude(unit=Measure.Unit.PERCENTAGE)
        .exclude(pk__in=locked.values("measure"))
        .order_by("pk")
    )
    reporters: dict[int, list[Membership]] = {}
    for membership in (
        Membership.objects.reporting_roles()
        .filter(user__is_active=True)
        .order_by("pk")
        .select_related("user")
    ):
        reporters.setdefault(membership.body_id, []).append(membership)
    people, used = [], set()
    for measure in measures:
        for membership in reporters.get(measure.reporting_body_id, []):
            if membership.user_id not in used:
                used.add(membership.user_id)
                people.append((membership, measure))
                break
        if len(people) == count:
            return people
    raise LoadError(
        f"The data has only {len(people)} people with a return of their own to save in "
        f"{period}, not {count}: generate a larger partnership (--scale)."
    )


# --- the load generator ---------------------------------------------------------------------


@dataclass
class Target:
    """One connection: whose session it uses and which return it saves."""

    username: str
    session_cookie: str  # "sessionid=..."
    measure_id: int
    period_id: int
    save_path: str
    version: int = 0  # the version of the return the connection saves next against
    csrf_token: str = ""
    csrf_cookie: str = ""


@dataclass
class Outcome:
    kind: str
    started: float  # time.monotonic()
    ms: float | None  # None: no answer (connection error)
    error: str = ""  # empty: the request did what it should
    token: int | None = None  # a save's token
    cache: str = ""  # a page's X-Page-Cache answer: "hit", "miss" or "" (not a cached page)


@dataclass
class SaveLog:
    """What one connection's saves did, for the database check."""

    confirmed: list[int] = field(default_factory=list)  # answered "saved"
    unknown: list[int] = field(default_factory=list)  # no answer: committed or not


def _request(port: int, method: str, path: str, headers: dict, body: str | None = None):
    """One request on a new connection (gunicorn's sync workers close it after each answer):
    (status, headers, text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, response.msg, text
    finally:
        conn.close()


_VERSION = re.compile(r'name="version" value="(\d+)"')
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def read_form(port: int, target: Target, csrf_cookie_name: str) -> None:
    """Open the connection's return form, as a browser does: take its version, its CSRF token
    and (the first time) the CSRF cookie."""
    cookies = _cookies(target.session_cookie, target.csrf_cookie)
    status, headers, text = _request(port, "GET", target.save_path, {"Cookie": cookies})
    version, csrf = _VERSION.search(text), _CSRF.search(text)
    if status != 200 or version is None or csrf is None:
        raise LoadError(f"{target.username}: the return form {target.save_path} answered {status}")
    target.version, target.csrf_token = int(version.group(1)), csrf.group(1)
    for header in headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie(header)
        if csrf_cookie_name in cookie:
            target.csrf_cookie = f"{csrf_cookie_name}={cookie[csrf_cookie_name].value}"
    if not target.csrf_cookie:
        raise LoadError(f"{target.username}: the return form set no CSRF cookie")


def _cookies(*cookies: str) -> str:
    return "; ".join(c for c in cookies if c)


@dataclass
class Worker:
    """The requests of one connection, one after another."""

    number: int
    port: int
    target: Target
    paths: dict[str, str]  # kind -> path, for the GETs
    csrf_cookie_name: str
    outcomes: list[Outcome] = field(default_factory=list)
    saves: SaveLog = field(default_factory=SaveLog)
    sequence: int = 0

    def next_token(self) -> int:
        self.sequence += 1
        return (self.number + 1) * 1_000_000 + self.sequence

    def get(self, kind: str) -> Outcome:
        started = time.monotonic()
        try:
            status, headers, _ = _request(
                self.port, "GET", self.paths[kind], {"Cookie": self.target.session_cookie}
            )
        except (OSError, http.client.HTTPException) as exc:
            return Outcome(kind, started, None, f"{CONNECTION_ERROR} ({type(exc).__name__})")
        ms = (time.monotonic() - started) * 1000
        # A page answers 200; a redirect here means the page was not served (e.g. to sign in).
        error = "" if status == 200 else f"answered {status}"
        return Outcome(kind, started, ms, error, cache=headers.get("X-Page-Cache", ""))

    def save(self) -> Outcome:
        target, token = self.target, self.next_token()
        body = urlencode(
            {
                "csrfmiddlewaretoken": target.csrf_token,
                "value": token,
                "commentary": token_text(token),
                "next_steps": token_text(token),
                "version": target.version,
                "action": "draft",
            }
        )
        headers = {
            "Cookie": _cookies(target.session_cookie, target.csrf_cookie),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        started = time.monotonic()
        try:
            status, answer, _ = _request(self.port, "POST", target.save_path, headers, body)
        except (OSError, http.client.HTTPException) as exc:
            self.saves.unknown.append(token)
            self.recover()
            error = f"{CONNECTION_ERROR} ({type(exc).__name__})"
            return Outcome(SAVE, started, None, error, token)
        ms = (time.monotonic() - started) * 1000
        # Saved: redirected back to the form with "Draft saved". A refusal answers 400 or 409.
        if status == 302 and answer.get("Location", "").endswith(target.save_path):
            target.version += 1
            self.saves.confirmed.append(token)
            return Outcome(SAVE, started, ms, "", token)
        self.recover()
        return Outcome(SAVE, started, ms, f"not saved (answered {status})", token)

    def recover(self) -> None:
        """After a save without a clear answer, read the form again for the current version,
        as the person would; a failure here shows as the next save's error."""
        with contextlib.suppress(OSError, http.client.HTTPException, LoadError):
            read_form(self.port, self.target, self.csrf_cookie_name)

    def run(self, kinds: Iterable[str], until: float) -> None:
        for kind in kinds:
            if time.monotonic() >= until:
                return
            self.outcomes.append(self.save() if kind == SAVE else self.get(kind))


def cycle(offset: int, kinds: tuple[str, ...] = KINDS) -> Iterable[str]:
    """The kinds in turn forever, starting at ``offset``: connections start at different
    kinds, so at any moment every kind is being requested."""
    index = offset
    while True:
        yield kinds[index % len(kinds)]
        index += 1


def run_workers(workers: list[Worker], plan: Callable[[Worker], Iterable[str]], seconds: float):
    """Run every worker in its own thread for ``seconds`` (each over ``plan(worker)``); wait
    for all, bounded by the request timeout. Returns (wall seconds, client CPU seconds)."""
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=w.run, args=(plan(w), until), daemon=True) for w in workers]
    cpu, started = time.process_time(), time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, until - time.monotonic()) + REQUEST_TIMEOUT + 5)
    if any(thread.is_alive() for thread in threads):
        raise LoadError("A connection did not finish within its time limit.")
    return time.monotonic() - started, time.process_time() - cpu


# --- figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindFigures:
    kind: str
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    reasons: Counter


def _p99(samples: list[float]) -> float:
    if len(samples) < 2:
        return samples[0] if samples else 0.0
    return statistics.quantiles(samples, n=100, method="inclusive")[98]


def figures(outcomes: list[Outcome], seconds: float, kinds: Iterable[str] = KINDS):
    """Requests/s, p50 and p99 (of the answered requests) and errors per kind and in total."""
    rows = []
    for kind in [*kinds, "total"]:
        chosen = [o for o in outcomes if kind in ("total", o.kind)]
        answered = [o.ms for o in chosen if o.ms is not None]
        reasons = Counter(o.error for o in chosen if o.error)
        rows.append(
            KindFigures(
                kind=kind,
                requests=len(chosen),
                requests_per_second=len(chosen) / seconds if seconds else 0.0,
                p50_ms=statistics.median(answered) if answered else 0.0,
                p99_ms=_p99(answered),
                errors=sum(reasons.values()),
                reasons=reasons,
            )
        )
    return rows


def figures_table(rows: list[KindFigures]) -> str:
    width = max(len(r.kind) for r in rows)
    lines = [
        f"{'request':{width}}  {'requests':>8}  {'requests/s':>10}  {'p50 ms':>7}  "
        f"{'p99 ms':>7}  {'errors':>6}"
    ]
    for r in rows:
        lines.append(
            f"{r.kind:{width}}  {r.requests:8}  {r.requests_per_second:10.1f}  {r.p50_ms:7.1f}  "
            f"{r.p99_ms:7.1f}  {r.errors:6}"
        )
    for r in rows:
        if r.kind != "total":
            lines += [f"  {r.kind}: {n} x {reason}" for reason, n in r.reasons.most_common()]
    return "\n".join(lines)


def hit_ratio(outcomes: Iterable[Outcome]) -> tuple[int, int]:
    """(hits, cached pages asked for): the pages answered from the page cache."""
    cached = [o for o in outcomes if o.cache]
    return sum(o.cache == "hit" for o in cached), len(cached)


# --- the database check ---------------------------------------------------------------------


def _tokens(value: Decimal | None, commentary: str, next_steps: str) -> tuple:
    def token(text: str):
        match = _TOKEN.fullmatch(text or "")
        return int(match.group(1)) if match else None

    number = int(value) if value is not None and value == int(value) else value
    return number, token(commentary), token(next_steps)


def _whole(value, commentary, next_steps) -> bool:
    number, from_commentary, from_next_steps = _tokens(value, commentary, next_steps)
    return from_commentary is not None and number == from_commentary == from_next_steps


@dataclass(frozen=True)
class SavedReturn:
    """What the load test knows of one return: where it started and the saves it sent."""

    measure_id: int
    period_id: int
    version_before: int  # 0: the load test created it
    confirmed: tuple[int, ...] = ()  # tokens the server answered "saved" to, in order
    unknown: tuple[int, ...] = ()  # tokens sent without an answer (a killed worker)


@dataclass
class WholeCheck:
    returns: int = 0
    history_rows: int = 0
    partial_returns: list[str] = field(default_factory=list)
    partial_history: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # lost or extra saves, version gaps
    unknown_committed: int = 0  # saves without an answer that reached the database

    @property
    def problems(self) -> list[str]:
        return self.partial_returns + self.partial_history + self.other

    @property
    def passed(self) -> bool:
        return not self.problems


def check_returns_whole(saved: Iterable[SavedReturn]) -> WholeCheck:
    """Whether every return the load test saved is whole. For each: the row's value,
    commentary and next steps come from one save; so do those of every history row the test
    wrote; its version is its version before the test plus the number of those rows, which
    run from one version to the next without a gap; every save answered "saved" is among them
    in order, and nothing else is but saves that got no answer. The row is the latest of them."""
    check = WholeCheck()
    for item in saved:
        check.returns += 1
        name = f"return of measure {item.measure_id} in quarter {item.period_id}"
        ret = Return.objects.filter(measure_id=item.measure_id, period_id=item.period_id).first()
        if ret is None:
            if item.confirmed:
                check.other.append(f"{name}: missing, though {len(item.confirmed)} saves were")
            continue
        rows = list(
            Return.history.filter(id=ret.pk, version__gt=item.version_before).order_by("history_id")
        )
        check.history_rows += len(rows)
        fields = (ret.value, ret.commentary, ret.next_steps)
        if rows and not _whole(*fields):
            check.partial_returns.append(f"{name} (version {ret.version}): {_tokens(*fields)}")
        for row in rows:
            if not _whole(row.value, row.commentary, row.next_steps):
                found = _tokens(row.value, row.commentary, row.next_steps)
                check.partial_history.append(f"{name}, history of version {row.version}: {found}")
        versions = [row.version for row in rows]
        expected = list(range(item.version_before + 1, item.version_before + len(rows) + 1))
        if versions != expected or ret.version != item.version_before + len(rows):
            check.other.append(
                f"{name}: version {ret.version} from {item.version_before} but the history "
                f"holds versions {versions}"
            )
        written = [_tokens(row.value, row.commentary, row.next_steps)[1] for row in rows]
        if [t for t in written if t in item.confirmed] != list(item.confirmed):
            lost = sorted(set(item.confirmed) - set(written))
            check.other.append(f"{name}: saves answered 'saved' missing or out of order: {lost}")
        extra = [t for t in written if t not in item.confirmed and t not in item.unknown]
        if extra:
            check.other.append(f"{name}: saves nobody sent: {extra}")
        check.unknown_committed += sum(1 for t in written if t in item.unknown)
        if rows and _tokens(*fields)[1] != written[-1]:
            check.other.append(f"{name}: the row is not its latest save ({written[-1]})")
    return check
