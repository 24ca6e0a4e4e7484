"""HTTP for `jobtui fetch`: one httpx client with a User-Agent, timeouts, bounded redirects,
retries with backoff for what may pass (timeouts, 429, 5xx; no connection once), a size cap,
hosts found unreachable remembered for the run, and one-line messages a person can act on."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from jobtui import __version__

USER_AGENT = f"jobtui/{__version__} (+https://github.com/jobtui/jobtui)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
MAX_REDIRECTS = 5
RETRIES = 3
"""Tries after the first, for timeouts, 429 and 5xx (never other 4xx)."""
CONNECT_RETRIES = 1
"""Tries after the first when the connection is refused or the name does not resolve: that
rarely passes within seconds (offline), so it is tried again only once."""
BACKOFF = 1.0
"""Seconds before the first retry; doubled for each next one, plus up to as much again."""
RETRY_AFTER_CAP = 60.0
"""The longest a server's Retry-After is waited for."""
MAX_BYTES = 50 * 1024 * 1024
"""The largest response kept; a bigger one is cut off while it streams."""

Progress = Callable[[int, int | None], None]
"""Told (bytes received so far, bytes expected or None) as a response streams in."""
Retrying = Callable[[int, int], None]
"""Told (the try about to be made, the most tries) before waiting to try again: (2, 4)."""


class FetchError(Exception):
    """A request that failed for good; the message is one line, without the SOURCE."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status, when the server answered."""


@dataclass(frozen=True, slots=True)
class Response:
    """A response as served."""

    url: str
    """Where it came from, after redirects."""
    body: bytes
    """The body exactly as served."""
    content_type: str
    """The Content-Type's media type, lowercase (`application/json`), or ''."""


class Fetcher:
    """GETs URLs with retries; use as a context manager (it holds one connection pool)."""

    def __init__(
        self,
        timeout: float | None = None,
        retries: int = RETRIES,
        backoff: float | None = None,
        max_bytes: int = MAX_BYTES,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        read = READ_TIMEOUT if timeout is None else timeout
        connect = CONNECT_TIMEOUT if timeout is None else min(timeout, CONNECT_TIMEOUT)
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(read, connect=connect),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            transport=transport,
        )
        self.read_timeout = read
        self.retries = retries
        self.backoff = BACKOFF if backoff is None else backoff
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.unreachable: dict[tuple[str, int | None], str] = {}
        """Hosts (and ports) that could not be reached in this run, with why: not tried again."""

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def get(
        self, url: str, progress: Progress | None = None, retrying: Retrying | None = None
    ) -> Response:
        """The response to GET `url` with a 2xx status; FetchError otherwise (after retries
        for what may pass; at once for a host already found unreachable in this run)."""
        host = _host(url)
        if host in self.unreachable:
            raise FetchError(self.unreachable[host])
        attempt = 0
        while True:
            try:
                return self._once(url, progress)
            except _Retry as again:
                limit = self.retries if again.limit is None else min(self.retries, again.limit)
                if attempt >= limit:
                    error = again.error
                    if again.unreachable:
                        self.unreachable[host] = str(error)
                    if attempt:
                        error = FetchError(f"{error} (tried {attempt + 1} times)", error.status)
                    raise error from None
                if retrying is not None:
                    retrying(attempt + 2, limit + 1)
                self.sleep(self._delay(attempt, again.after))
                attempt += 1

    def _delay(self, attempt: int, after: float | None) -> float:
        if after is not None:
            return min(after, RETRY_AFTER_CAP)
        wait = self.backoff * 2**attempt
        return wait + random.uniform(0, wait)  # jitter: clients retrying together spread out

    def _once(self, url: str, progress: Progress | None) -> Response:
        host = urlsplit(url).hostname or url
        try:
            with self.client.stream("GET", url) as response:
                status = response.status_code
                if status == 429 or status >= 500:
                    error = FetchError(f"{host} answered {_status(response)}", status)
                    raise _Retry(error, _retry_after(response.headers.get("Retry-After")))
                if status >= 400:
                    raise FetchError(f"{host} answered {_status(response)}", status)
                body = self._read(response, host, progress)
                kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                return Response(str(response.url), body, kind)
        except httpx.TooManyRedirects:
            raise FetchError(f"{host}: more than {MAX_REDIRECTS} redirects") from None
        except httpx.ConnectTimeout:
            error = FetchError(f"cannot reach {host}: no answer (timed out)")
            raise _Retry(error, unreachable=True) from None
        except httpx.TimeoutException:
            error = FetchError(f"{host} did not answer within {self.read_timeout:g} s")
            raise _Retry(error) from None
        except httpx.ConnectError:
            error = FetchError(f"cannot reach {host}: are you offline?")
            raise _Retry(error, limit=CONNECT_RETRIES, unreachable=True) from None
        except httpx.TransportError as exc:  # dropped connections, protocol errors
            raise _Retry(FetchError(f"{host}: the connection failed ({_reason(exc)})")) from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"not a URL that can be fetched ({exc})") from None

    def _read(self, response: httpx.Response, host: str, progress: Progress | None) -> bytes:
        expected = _int(response.headers.get("Content-Length"))
        if expected is not None and expected > self.max_bytes:
            raise FetchError(f"{host}: the response is larger than {_size(self.max_bytes)}")
        chunks: list[bytes] = []
        received = 0
        for chunk in response.iter_bytes():
            received += len(chunk)
            if received > self.max_bytes:
                raise FetchError(f"{host}: the response is larger than {_size(self.max_bytes)}")
            chunks.append(chunk)
            if progress is not None:
                progress(received, expected)
        return b"".join(chunks)


class _Retry(Exception):
    """A failure that may pass: try again after a while (`after`: what the server asked),
    at most `limit` times; `unreachable`: the host could not be connected to at all."""

    def __init__(
        self,
        error: FetchError,
        after: float | None = None,
        limit: int | None = None,
        unreachable: bool = False,
    ) -> None:
        super().__init__(str(error))
        self.error = error
        self.after = after
        self.limit = limit
        self.unreachable = unreachable


def _host(url: str) -> tuple[str, int | None]:
    try:
        parts = urlsplit(url)
        return (parts.hostname or url).lower(), parts.port
    except ValueError:
        return url, None


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After asks for (a number or an HTTP date); None when absent or odd."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _status(response: httpx.Response) -> str:
    phrase = response.reason_phrase
    return f"{response.status_code} {phrase}" if phrase else str(response.status_code)


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:120] if text else type(exc).__name__


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB"
