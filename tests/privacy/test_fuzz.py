"""Property-based tests (hypothesis) over the text path and the directory loader.

Text path: inbound.prepare (clean, limit, neutralise commands, redact) -> safety.check ->
Conversation.respond never raises, whatever the text, and what reaches Rasa is bounded, clean and
redacted. Directory: random mutations of the shipped YAML files give DirectoryFileError (file, line,
field) or a valid directory, never another exception.
"""
import random
import shutil
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels import inbound
from bot.conversation.dialogue import Conversation, State, Turn
from bot.directory import DirectoryFileError, default_directory
from bot.directory.loader import DEFAULT_DIR, load_agencies, load_places, load_topics
from bot.privacy import redaction as privacy
from bot.understanding import safety

FRAGMENTS = ["/restart", '/inform{"council": "x"}', "/greet", "{{7*7}}", "${x}", "<script>", "999",
             "07700 900123", "SN15 3BX", "AB12 CDE", "jo@example.com", "12/03/1985", "\u200b",
             "\u202e", "\x00", "\ufeff", "knife", "right now", "Calne", "Swindon", "fly tipping",
             "QQ123456C", "4111 1111 1111 1111", "943 476 5919", "\n", "'; DROP TABLE events; --"]
texty = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25).map(" ".join),
    st.text(alphabet=st.characters(blacklist_categories=()), min_size=900, max_size=1300),
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texty)
def test_prepare_never_raises_and_bounds_what_rasa_sees(raw):
    prepared = inbound.prepare(raw)
    assert isinstance(prepared.notices, list)
    if prepared.text is None:
        assert prepared.notices
        return
    text = prepared.text
    assert text and text == text.strip() or text
    assert len(text) <= inbound.MAX_CHARS + 50          # a redaction tag may be longer than a value
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text)
    if text.startswith("/"):
        assert inbound._BUTTON.match(text), text          # only real buttons stay commands
    assert privacy.redact(text) == text                   # nothing left to redact


@FAST
@given(texty)
def test_no_personal_data_survives_the_inbound_path(raw):
    prepared = inbound.prepare(raw)
    if prepared.text:
        leftover = set(privacy.found(prepared.text)) - {"postcode"}
        assert not leftover, (prepared.text, leftover)


@FAST
@given(texty)
def test_safety_check_never_raises(raw):
    result = safety.check(raw)
    assert isinstance(result.is_emergency, bool)


_conversation = None


def conversation():
    global _conversation
    if _conversation is None:
        _conversation = Conversation()
    return _conversation


INTENTS = sorted(default_directory().topics) + ["greet", "goodbye", "thanks", "affirm", "deny",
                                                "bot_challenge", "human_handoff", "inform_place",
                                                "out_of_scope", "nlu_fallback", "emergency", "", "??"]
states = st.builds(State, place=st.one_of(st.none(), st.sampled_from(["Calne", "Penhill", "Nowhere"])),
                   council=st.one_of(st.none(), st.sampled_from(["wiltshire_council",
                                                                 "swindon_borough_council"])),
                   pending_topic=st.one_of(st.none(), st.sampled_from(INTENTS[:5])),
                   asked_place=st.booleans(),
                   offered=st.one_of(st.none(), st.sampled_from(INTENTS[:5])))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texty, st.sampled_from(INTENTS), states,
       st.lists(st.one_of(st.text(max_size=20), st.sampled_from(["Calne", "Swindon", "SN15"])),
                max_size=3),
       st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["swindon", "wiltshire"])))
def test_dialogue_always_answers(raw, intent, state, entities, council):
    prepared = inbound.prepare(raw)
    text = prepared.text or ""
    ranking = [(intent, 0.9), ("greet", 0.05)]
    reply = conversation().respond(Turn(text=text, intent=intent, ranking=ranking,
                                        entities=entities, preset_council=council), state)
    assert reply.messages
    assert all(isinstance(m.get("text"), str) and m["text"] for m in reply.messages)


# -- directory loader ------------------------------------------------------------------------
_agencies = None


def load_one(folder: Path, name: str):
    global _agencies
    if _agencies is None:
        _agencies = load_agencies(DEFAULT_DIR / "agencies.yml")
    if name == "agencies.yml":
        return load_agencies(folder / name)
    if name == "topics.yml":
        return load_topics(folder / name, _agencies)
    return load_places(folder / name)


def mutate(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    kind = rnd.randrange(9)
    i = rnd.randrange(len(lines))
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(i, lines[rnd.randrange(len(lines))])
    elif kind == 2:
        j = rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == 3:
        lines[i] = " " * rnd.randrange(0, 9) + lines[i].lstrip()
    elif kind == 4:
        return text[:rnd.randrange(len(text))]
    elif kind == 5:
        pos = rnd.randrange(len(text))
        junk = rnd.choice([":", "- ", "&a", "*a", "!!python/object:os.system", "[", "{", "'", '"',
                           "\t", "\x00", "\ufeff", "- - -", "? ", "%", "@", "|", ">", "~", "null",
                           "yes", "1e400", "2024-13-45", "<<: *x", "!!binary AAA"])
        return text[:pos] + junk + text[pos:]
    elif kind == 6:
        pos = rnd.randrange(len(text))
        return text[:pos] + chr(rnd.randrange(1, 0x3000)) + text[pos + 1:]
    elif kind == 7:
        if ":" in lines[i]:
            key, _, _ = lines[i].partition(":")
            lines[i] = key + ": " + rnd.choice(["", "[]", "{}", "-1", "true", "~", "x" * 300,
                                                "[1, [2, [3]]]", "2099-01-01", "'unterminated"])
    else:
        lines[i] = lines[i][::-1]
    return "\n".join(lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["agencies.yml", "topics.yml", "places.yml"]), st.integers(0, 2**32 - 1),
       st.integers(1, 4))
def test_mutated_directory_files_give_directory_file_error(name, seed, rounds):
    rnd = random.Random(seed)
    text = (DEFAULT_DIR / name).read_text()
    for _ in range(rounds):
        text = mutate(text, rnd) or "x"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for other in ("agencies.yml", "topics.yml", "places.yml"):
            shutil.copy(DEFAULT_DIR / other, folder / other)
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_one(folder, name)
        except DirectoryFileError as exc:
            assert str(exc)
