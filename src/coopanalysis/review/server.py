"""The live review page: a server on 127.0.0.1 that only the holder of its token may use.

Every request must carry the review's token (in the URL the command prints, then in a header
the page sends), and name the server itself in its ``Host`` header: a page of another site,
even one whose name is made to resolve to 127.0.0.1 (DNS rebinding), gets nothing. Decisions go
through :func:`coopanalysis.review.decide.decide`, the path the ``review`` command's verbs take.
The page loads nothing from any other host (its script and style are inline), so it works offline.
"""

from __future__ import annotations

import json
import secrets
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from ..base.problems import CoopError, SeedError
from ..reports.templates import render
from .actions import Accept, AcceptAll, Add, Decision, Delete, Drop, Edit, Refile
from .decide import Article, Outcome, decide, inspect
from .page import render_page
from .state import Flags, no_flags, proposals_of, review_state
from .timing import stamp

__all__ = ["ReviewServer", "decision_from"]

#: The largest request body accepted (a decision is a few hundred bytes).
_MAX_BODY = 256 * 1024
_SECURITY = {
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def decision_from(payload: dict) -> Decision:
    """A decision from the page's JSON (``action`` and its fields); :class:`SeedError` for one it cannot be."""

    def text(name: str) -> str:
        value = payload.get(name, "")
        if not isinstance(value, str):
            raise SeedError.single("request", 0, f"{name} must be text")
        return value

    fields = payload.get("fields") or {}
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        raise SeedError.single("request", 0, "fields must map column names to text")
    pairs = tuple((str(name), value) for name, value in fields.items())
    action = text("action")
    if action == "accept":
        return Accept(text("figure_id"))
    if action == "accept_all":
        return AcceptAll()
    if action == "edit":
        return Edit(text("figure_id"), pairs)
    if action == "delete":
        return Delete(text("figure_id"), text("category"), text("reason"))
    if action == "add":
        return Add(text("quote"), pairs)
    if action == "refile":
        return Refile(text("quote"), text("category"), text("reason"))
    if action == "drop":
        return Drop(text("quote"))
    raise SeedError.single(
        "request", 0, f"unknown action {action[:40]!r}: accept, accept_all, edit, delete, add, refile or drop"
    )


class ReviewServer(ThreadingHTTPServer):
    """Serves one article's review page on 127.0.0.1 (``port`` 0: a free one) until stopped."""

    daemon_threads = True

    def __init__(
        self, article: Article, port: int = 0, flags: Flags = no_flags, now: Callable[[], datetime] | None = None
    ):
        super().__init__(("127.0.0.1", port), _Handler)
        self.article, self.flags = article, flags
        self.now = now or (lambda: datetime.now(UTC))
        self.token = secrets.token_urlsafe(32)
        self.proposals = proposals_of(article)
        self.hosts = {f"127.0.0.1:{self.server_port}", f"localhost:{self.server_port}"}
        self.openings: set[str] = set()

    @property
    def url(self) -> str:
        """The page's address, token included: whoever has it can review this article."""
        return f"http://127.0.0.1:{self.server_port}/?token={self.token}"

    def page(self) -> str:
        """The live page; the time of each load is when a review opened (its minutes are measured from it)."""
        opened = stamp(self.now())
        self.openings.add(opened)
        return render_page(self._state(inspect(self.article)), self.token, opened)

    def decided(self, payload: dict) -> dict:
        """Apply one decision; the parts of the page to show anew, or the problems that refused it."""
        decision = decision_from(payload)
        opened = payload.get("opened")
        outcome = decide(self.article, [decision], opened if opened in self.openings else None, self.now)
        state = self._state(outcome)
        added = outcome.tables.figures.rows[-1].cells["figure_id"] if isinstance(decision, Add) else ""
        return {
            "ok": True,
            "said": outcome.said,
            "focus": added,
            "progress": f"{state['progress']['reviewed']} of {state['progress']['total']} reviewed",
            "figures": render("review_figures.html.j2", state=state),
            "text": render("review_text.html.j2", state=state),
            "problems": state["problems"],
        }

    def _state(self, outcome: Outcome) -> dict:
        return review_state(self.article, outcome, self.proposals, self.flags)


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer

    def do_GET(self) -> None:
        path = self._allowed()
        if path == "/":
            try:
                self._send(HTTPStatus.OK, self.server.page().encode("utf-8"), "text/html; charset=utf-8")
            except CoopError as error:
                self._send(HTTPStatus.CONFLICT, f"coopanalysis review: {error}".encode(), "text/plain; charset=utf-8")
        elif path is not None:
            self._json(HTTPStatus.NOT_FOUND, {"ok": False, "problems": ["no such page"]})

    def do_POST(self) -> None:
        path = self._allowed()
        if path is None:
            return
        if path != "/decide":
            return self._json(HTTPStatus.NOT_FOUND, {"ok": False, "problems": ["no such page"]})
        length = int(self.headers.get("Content-Length") or 0)
        if self.headers.get_content_type() != "application/json" or not 0 < length <= _MAX_BODY:
            return self._json(HTTPStatus.BAD_REQUEST, {"ok": False, "problems": ["a decision is a JSON body"]})
        try:
            payload = json.loads(self.rfile.read(length))
            if not isinstance(payload, dict):
                raise ValueError("not an object")
        except ValueError:
            return self._json(HTTPStatus.BAD_REQUEST, {"ok": False, "problems": ["a decision is a JSON object"]})
        try:
            self._json(HTTPStatus.OK, self.server.decided(payload))
        except SeedError as error:
            self._json(HTTPStatus.CONFLICT, {"ok": False, "problems": [str(p) for p in error.problems]})
        except CoopError as error:
            self._json(HTTPStatus.CONFLICT, {"ok": False, "problems": [str(error)]})
        except Exception as error:  # noqa: BLE001 - a bug: the page says so in one line, and the server goes on
            self.log_error(
                "internal error: %s: %s (a bug in coopanalysis: please report it)", type(error).__name__, error
            )
            self._json(
                HTTPStatus.INTERNAL_SERVER_ERROR,
                {
                    "ok": False,
                    "problems": [
                        (
                            f"internal error: {type(error).__name__}: {error}; reload the page to see what was saved "
                            "(a bug in coopanalysis: please report it)"
                        )
                    ],
                },
            )

    def _allowed(self) -> str | None:
        """The request's path when it names this server and carries the token; else refused (and None)."""
        if self.headers.get("Host", "") not in self.server.hosts:
            self._json(
                HTTPStatus.MISDIRECTED_REQUEST,
                {"ok": False, "problems": ["this server answers only to its own address"]},
            )
            return None
        url = urlsplit(self.path)
        given = self.headers.get("X-Review-Token") or next(iter(parse_qs(url.query).get("token", [])), "")
        if not secrets.compare_digest(given.encode(), self.server.token.encode()):
            self._json(
                HTTPStatus.FORBIDDEN,
                {
                    "ok": False,
                    "problems": [
                        ("the review's token is missing or wrong: open the address `coopanalysis review` printed")
                    ],
                },
            )
            return None
        origin = self.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc not in self.server.hosts:
            self._json(HTTPStatus.FORBIDDEN, {"ok": False, "problems": ["a request from another site"]})
            return None
        return url.path

    def _json(self, status: HTTPStatus, data: dict) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json")

    def _send(self, status: HTTPStatus, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in _SECURITY.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the http.server signature)
        """Quiet: the terminal shows what the command says, not every request."""

    def log_error(self, format: str, *args) -> None:  # noqa: A002
        print(f"coopanalysis review: {format % args}", file=sys.stderr)
