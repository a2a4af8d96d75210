"""The review server: only its token and its own address get an answer; decisions go through the same checks."""

from __future__ import annotations

import http.client
import json
import threading

import pytest

from coopanalysis.review.decide import find_article
from coopanalysis.review.server import ReviewServer
from review_corpus import ARTICLE, figure, review_project


@pytest.fixture
def served(tmp_path, monkeypatch):
    corpus = review_project(tmp_path, monkeypatch)
    server = ReviewServer(find_article(ARTICLE, [corpus]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, corpus
    server.shutdown()
    server.server_close()


def _request(server, method: str, path: str, body: dict | bytes | None = None, headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=30)
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    sent = {"Content-Type": "application/json", **(headers or {})}
    connection.request(method, path, body=data, headers=sent)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response.status, payload, response


def _token(server) -> dict:
    return {"X-Review-Token": server.token}


def test_it_listens_on_the_loopback_address_only(served):
    server, _ = served
    assert server.server_address[0] == "127.0.0.1" and server.url.startswith(
        f"http://127.0.0.1:{server.server_port}/?token="
    )
    assert len(server.token) >= 40


def test_the_page_needs_the_token(served):
    server, _ = served
    status, page, response = _request(server, "GET", f"/?token={server.token}")
    assert status == 200 and b"0 of 9 reviewed" in page and server.token.encode() in page
    assert "default-src 'none'" in response.getheader("Content-Security-Policy")
    assert response.getheader("Referrer-Policy") == "no-referrer"  # the token never leaves in a Referer
    for path in ("/", "/?token=", f"/?token={server.token[:-1]}x", "/?token=a&token=b"):
        status, body, _ = _request(server, "GET", path)
        assert status == 403 and b"token is missing or wrong" in body and b"<html" not in body


def test_a_foreign_host_gets_nothing_even_with_the_token(served):
    """DNS rebinding: a page of evil.example whose name resolves to 127.0.0.1 sends Host: evil.example."""
    server, _ = served
    for host in (
        "evil.example",
        f"evil.example:{server.server_port}",
        "127.0.0.1",
        f"localhost:{server.server_port + 1}",
    ):
        status, body, _ = _request(server, "GET", f"/?token={server.token}", headers={"Host": host})
        assert status == 421 and b"<html" not in body
        status, _, _ = _request(
            server,
            "POST",
            "/decide",
            {"action": "accept", "figure_id": f"{ARTICLE}-p02"},
            headers={"Host": host, **_token(server)},
        )
        assert status == 421
    status, _, _ = _request(
        server, "GET", f"/?token={server.token}", headers={"Host": f"localhost:{server.server_port}"}
    )
    assert status == 200


def test_a_request_from_another_site_is_refused(served):
    server, corpus = served
    status, _, _ = _request(
        server,
        "POST",
        "/decide",
        {"action": "accept", "figure_id": f"{ARTICLE}-p02"},
        headers={"Origin": "https://evil.example", **_token(server)},
    )
    assert status == 403 and figure(corpus, f"{ARTICLE}-p02")["status"] == "unreviewed"


def test_a_decision_without_the_token_changes_nothing(served):
    server, corpus = served
    before = (corpus / "figures.csv").read_bytes()
    status, _, _ = _request(server, "POST", "/decide", {"action": "accept", "figure_id": f"{ARTICLE}-p02"})
    assert status == 403 and (corpus / "figures.csv").read_bytes() == before


def test_a_decision_is_saved_and_the_page_parts_come_back(served):
    server, corpus = served
    status, body, _ = _request(
        server, "POST", "/decide", {"action": "accept", "figure_id": f"{ARTICLE}-p02"}, headers=_token(server)
    )
    answer = json.loads(body)
    assert status == 200 and answer["ok"] and answer["progress"] == "1 of 9 reviewed"
    assert answer["said"] == [f"accepted {ARTICLE}-p02"] and f'id="row-{ARTICLE}-p02"' in answer["figures"]
    assert figure(corpus, f"{ARTICLE}-p02")["status"] == "reviewed"


def test_a_decision_check_refuses_comes_back_with_its_reason(served):
    server, corpus = served
    before = (corpus / "figures.csv").read_bytes()
    status, body, _ = _request(
        server,
        "POST",
        "/decide",
        {"action": "edit", "figure_id": f"{ARTICLE}-p02", "fields": {"measure": "colour"}},
        headers=_token(server),
    )
    answer = json.loads(body)
    assert status == 409 and not answer["ok"] and any("unknown measure 'colour'" in p for p in answer["problems"])
    assert (corpus / "figures.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        (b"action=accept", "application/x-www-form-urlencoded", 400, "a decision is a JSON body"),
        (b"{not json", "application/json", 400, "a decision is a JSON object"),
        (b"[1, 2]", "application/json", 400, "a decision is a JSON object"),
        (json.dumps({"action": "shred"}).encode(), "application/json", 409, "unknown action 'shred'"),
        (
            json.dumps({"action": "edit", "figure_id": "x", "fields": {"measure": 3}}).encode(),
            "application/json",
            409,
            "fields must map column names to text",
        ),
    ],
)
def test_a_malformed_decision_is_refused(served, body, content_type, status, message):
    server, _ = served
    got, answer, _ = _request(server, "POST", "/decide", body, headers={"Content-Type": content_type, **_token(server)})
    assert got == status and message in json.loads(answer)["problems"][0]


def test_an_unknown_page_is_not_found(served):
    server, _ = served
    assert _request(server, "GET", f"/etc/passwd?token={server.token}")[0] == 404
    assert _request(server, "POST", "/delete", {}, headers=_token(server))[0] == 404
