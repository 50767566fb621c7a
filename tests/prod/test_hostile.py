"""Hostile and malformed input on every public door (nginx front, web app /api/*) and on the
internal REST channel: always a polite answer within a second, never a 5xx, never internals."""
import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.prod.client import Resident, new_ip, post_json, request, routes

INTERNALS = ("Traceback", 'File "', "sanic", "rasa_sdk", "psycopg", "sqlalchemy", "nginx/",
             "3.6.21", "site-packages", "Exception", "NoneType", "KeyError", "ujson")

TEXTS = {
    "empty": "", "spaces": "   \t  ", "newlines": "\n\n\r\n",
    "10kb": "a" * 10_000, "60kb": "word " * 12_000,
    "control": "\x00\x01\x07hello\x1b[31m red\x7f\x08", "rtl": "\u202efly tipping\u202c in Calne",
    "bom": "\ufefffly tipping in Calne", "zero_width": "fly\u200b tip\u200dping\u2060 in Ca\u200clne",
    "lookalike": "fly t\u0456pping in \u0421\u0430lne", "fullwidth": "\uff46\uff4c\uff59 tipping",
    "emoji": "\U0001f4a9\U0001f525 on my street \U0001f6a8", "welsh": "Mae sbwriel ar y stryd",
    "script": "<script>alert(1)</script> fly tipping", "img": "<img src=x onerror=alert(1)>",
    "markdown": "[click me](javascript:alert(1)) **bold** `code`", "template": "{{7*7}} ${7*7} #{7*7}",
    "jinja": "{% for x in range(10**9) %}x{% endfor %}", "erb": "<%= `id` %>",
    "sql": "'; DROP TABLE events; -- fly tipping", "sql2": "1' OR '1'='1", "nosql": '{"$gt": ""}',
    "restart": "/restart", "inform": '/inform{"council": "INJECTED", "place": "INJECTED"}',
    "session_start": "/session_start", "greet_slot": '/greet{"place": "INJECTED"}',
    "emergency_cmd": "/emergency", "button_ok": "/fly_tipping", "just999": "999",
    "surrogate_escape": "\\ud800 broken surrogate", "long_word": "x" * 999,
    "format": "%s%s%s%n %x {0} {__class__}", "path": "../../../../etc/passwd",
    "crlf": "hi\r\nSet-Cookie: evil=1", "null_json": "null",
}


def no_internals(answer, payload: str = ""):
    assert answer.status < 500, (answer.status, answer.text[:300])
    for marker in INTERNALS:
        assert marker not in answer.text, (marker, answer.text[:300])
    for name in answer.headers:
        assert name not in ("x-powered-by",), name
    assert answer.headers.get("server", "nginx") == "nginx"
    if len(payload) >= 40:
        assert payload[:40] not in answer.text      # the request is not reflected
    for reflected in ("<script", "onerror=", "DROP TABLE", "INJECTED", "Set-Cookie: evil"):
        assert reflected not in answer.text


@pytest.fixture(scope="module")
def resident(prod):
    return Resident(prod.public_url)


@pytest.fixture(scope="module", autouse=True)
def warm(prod):
    """One ordinary message on each door first: the timed answers below are about the input, not
    about the first request a fresh process or connection pool serves (a 10 kB message once took
    1.17 s as the first one on a busy 2-core CI machine)."""
    Resident(prod.public_url).send("hello")
    post_json(prod.rest_url, {"sender": "hostile-warm-up", "message": "hello"})


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_public_chat_texts(prod, name):
    r = Resident(prod.public_url)          # fresh session: the per-sender limit is not the subject
    answer = r.send(TEXTS[name])
    assert answer.seconds < 1, answer.seconds
    no_internals(answer, TEXTS[name])
    assert answer.status == 200
    messages = answer.json()["messages"]
    assert messages and all(isinstance(m.get("text", ""), str) for m in messages)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_internal_rest_channel_texts(prod, name):
    answer = post_json(prod.rest_url, {"sender": f"hostile-{name}", "message": TEXTS[name]})
    assert answer.seconds < 1, answer.seconds
    no_internals(answer, TEXTS[name])
    assert answer.status == 200 and answer.json()


def test_long_message_gets_a_polite_note(prod):
    body = post_json(prod.rest_url, {"sender": "hostile-long", "message": "fly tipping " * 200}).json()
    assert "first 1,000 characters" in body[0]["text"]


BODIES = {
    "not_json": b"not json", "truncated": b'{"session": "abc", "mess', "array": b"[1, 2, 3]",
    "string": b'"hello"', "number": b"42", "null": b"null", "empty": b"",
    "wrong_types": b'{"session": 5, "message": ["a"]}', "message_object": None,
    "deep_10k": b"[" * 10_000 + b"]" * 10_000,
    "deep_obj": b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
    "invalid_utf8": b'{"session": "x", "message": "\xff\xfe\xfd bad \xc3\x28"}',
    "lone_surrogate": b'{"session": "x", "message": "\\ud800"}',
    "huge_number": b'{"session": 1e999999, "message": 123456789012345678901234567890}',
    "dup_keys": b'{"message": "a", "message": "b", "session": "x"}',
    "nul_bytes": b'{"session": "x\x00", "message": "\x00"}',
}


def with_session(session: str, name: str) -> bytes:
    body = BODIES[name]
    if body is None:
        return json.dumps({"session": session, "message": {"$gt": ""}}).encode()
    return body.replace(b'"session": "x"', f'"session": "{session}"'.encode())


@pytest.mark.parametrize("name", sorted(BODIES))
@pytest.mark.parametrize("ctype", ["application/json", "text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x", None])
def test_public_chat_malformed_bodies(prod, resident, name, ctype):
    headers = {"Content-Type": ctype} if ctype else {}
    answer = request(f"{prod.public_url}/api/chat", "POST", with_session(resident.session, name),
                     headers, source=new_ip())
    assert answer.seconds < 1
    no_internals(answer)
    assert answer.status in (200, 400, 401, 413, 415), answer.status


@pytest.mark.parametrize("name", sorted(BODIES))
def test_internal_rest_malformed_bodies(prod, name):
    answer = request(prod.rest_url, "POST", BODIES[name] or b'{"sender": {"a": 1}, "message": 1}',
                     {"Content-Type": "application/json"})
    assert answer.seconds < 1
    no_internals(answer)
    assert answer.status in (200, 400, 413), answer.status


@pytest.mark.parametrize("method,path", [
    ("GET", "/api/chat"), ("PUT", "/api/chat"), ("DELETE", "/api/session"), ("GET", "/api/nope"),
    ("GET", "/static/../../bot/sessions.py"), ("GET", "/static/%2e%2e/%2e%2e/etc/passwd"),
    ("GET", "/" + "a" * 5000), ("GET", "/?q=" + "b" * 9000), ("TRACE", "/"), ("OPTIONS", "/api/chat"),
    ("GET", "/.env"), ("GET", "/.git/config"), ("POST", "/"),
])
def test_odd_requests_on_the_front(prod, method, path):
    answer = request(f"{prod.public_url}{path}", method, b"", source=new_ip())
    assert answer.seconds < 1
    no_internals(answer)
    assert "root:" not in answer.text and "SIGNPOST_SESSION_SECRET" not in answer.text


def test_oversized_headers_are_refused_politely(prod):
    answer = request(f"{prod.public_url}/", headers={"X-Big": "c" * 20_000}, source=new_ip())
    assert answer.status in (400, 431, 494) and answer.seconds < 1
    no_internals(answer)


def test_forged_sessions_cannot_reach_another_conversation(prod, events):
    victim = Resident(prod.public_url)
    victim.say("someone dumped rubbish in our lane")
    before = events(victim.sender)
    attacker = Resident(prod.public_url)
    parts = attacker.session.split(".")
    forged = [
        f"v1.{victim.sender}.{parts[2]}.{parts[3]}",          # victim's id, attacker's signature
        f"v1.{victim.sender}.{int(time.time())}.AAAA",
        victim.sender, "victim", "", "v1...", "v2." + ".".join(parts[1:]),
    ]
    for token in forged:
        answer = post_json(f"{prod.public_url}/api/chat", {"session": token, "message": "Calne"},
                           source=attacker.source)
        assert answer.status in (400, 401), (token, answer.status)
        no_internals(answer)
    # a sender field of the client's choosing is ignored: the message goes to the attacker's own
    answer = post_json(f"{prod.public_url}/api/chat", {"session": attacker.session,
                                                       "sender": victim.sender, "message": "Calne"},
                       source=attacker.source)
    assert answer.status == 200
    assert events(victim.sender) == before
    # the REST channel, which would trust any sender id, is not public
    answer = post_json(f"{prod.public_url}/webhooks/rest/webhook",
                       {"sender": victim.sender, "message": "Calne"}, source=attacker.source)
    assert answer.status == 404
    assert events(victim.sender) == before
    route = routes(victim.say("Calne"))[0]
    assert route["topic"] == "fly_tipping"                   # the victim's conversation is intact


def test_typed_commands_are_neutralised(prod, events):
    r = Resident(prod.public_url)
    r.say("someone dumped rubbish in our lane")
    for text in ("/restart", '/inform{"council": "INJECTED", "place": "INJECTED"}', "/session_start",
                 '/greet{"place": "INJECTED"}'):
        answer = r.send(text)
        assert answer.status == 200
        no_internals(answer)
    rows = events(r.sender)
    assert not [row for row in rows if row[1] in ("restart", "session_started")][1:]
    assert not [row for row in rows if row[1] == "slot" and "INJECTED" in (row[4] or "")]
    assert not [row for row in rows if row[1] == "restart"]


def test_flood_from_one_sender_gets_429(prod):
    r = Resident(prod.public_url)
    statuses, limited = [], None
    for _ in range(30):
        answer = post_json(f"{prod.public_url}/api/chat", {"session": r.session, "message": "hello"},
                           source=new_ip())                   # new address each time: per sender
        statuses.append(answer.status)
        assert answer.status in (200, 429) and answer.seconds < 1
        no_internals(answer)
        if answer.status == 429:
            limited = answer
    assert statuses.count(200) >= 5 and limited is not None, statuses
    assert int(limited.headers["retry-after"]) >= 1
    assert "999" in json.dumps(limited.json())


def test_flood_from_one_address_gets_429(prod):
    ip = new_ip()

    def hit(_):
        return request(f"{prod.public_url}/api/session", "POST", b"{}",
                       {"Content-Type": "application/json"}, source=ip)

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(hit, range(160)))
    codes = [a.status for a in answers]
    assert set(codes) <= {200, 429} and codes.count(429) > 0, codes
    limited = next(a for a in answers if a.status == 429)
    assert int(limited.headers["retry-after"]) >= 1 and limited.seconds < 1
    assert "faster than I can answer" in limited.json()["error"]
    no_internals(limited)
    # another address is not affected
    assert request(f"{prod.public_url}/api/session", "POST", b"{}",
                   {"Content-Type": "application/json"}, source=new_ip()).status == 200
