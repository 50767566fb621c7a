"""The partner-site list (bot/channels/partners.py): who may embed the widget and call the API."""
import pytest

from bot.channels.partners import DEFAULT_FILE, Partners, PartnersError, is_same_origin


def write(tmp_path, text):
    path = tmp_path / "partners.yml"
    path.write_text(text)
    return path


def test_defaults_allow_this_machine_only():
    p = Partners.load(DEFAULT_FILE)
    for ok in ("http://localhost:3000", "http://127.0.0.1:8000", "http://localhost"):
        assert p.allows(ok), ok
    for bad in ("https://evil.example", "http://localhost.evil.example:3000", "null", "",
                None, "http://127.0.0.1:8000/path", "https://localhost:3000", "http://10.0.0.1",
                "http://localhost:*"):
        assert not p.allows(bad), bad


def test_listed_origins_and_council(tmp_path):
    p = Partners.load(write(tmp_path, """
partners:
  - name: Swindon Borough Council
    council: swindon
    origins: [https://www.swindon.gov.uk, "https://staging.swindon.gov.uk:8443"]
"""))
    assert p.find("https://www.swindon.gov.uk").council == "swindon"
    assert p.allows("https://www.swindon.gov.uk:443")
    assert p.allows("https://staging.swindon.gov.uk:8443")
    assert not p.allows("http://www.swindon.gov.uk")
    assert not p.allows("https://swindon.gov.uk")
    assert p.csp_sources() == ["https://www.swindon.gov.uk", "https://staging.swindon.gov.uk:8443"]


@pytest.mark.parametrize("text,message", [
    ("partners: nope", "'partners' list"),
    ("partners: [{origins: [https://a.example]}]", "'name'"),
    ("partners: [{name: A, origins: []}]", "non-empty"),
    ("partners: [{name: A, origins: [https://a.example/path]}]", "no path"),
    ("partners: [{name: A, origins: ['*']}]", "origin"),
    ("partners: [{name: A, origins: [https://*.example]}]", "origin"),
    ("partners: [{name: A, council: bath, origins: [https://a.example]}]", "council"),
    ("partners: [{name: A, origin: [https://a.example]}]", "unknown field"),
    ("partners: [{name: A, origins: ['https://a.example:99999']}]", "port"),
    ("partners: [", "YAML"),
])
def test_bad_files_say_where_and_what(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(PartnersError) as err:
        Partners.load(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_production_refuses_wildcard_ports_off_loopback(tmp_path):
    path = write(tmp_path, "partners: [{name: A, origins: ['https://a.example:*']}]")
    assert Partners.load(path).allows("https://a.example:1234")
    with pytest.raises(PartnersError):
        Partners.load(path, production=True)
    assert Partners.load(DEFAULT_FILE, production=True)       # loopback wildcards are fine


def test_missing_file(tmp_path):
    with pytest.raises(PartnersError):
        Partners.load(tmp_path / "nope.yml")


@pytest.mark.parametrize("origin,host,same", [
    ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
    ("https://signpost.example", "signpost.example", True),     # behind nginx: Host has no port
    ("http://127.0.0.1:8080", "127.0.0.1", True),
    ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
    ("http://evil.example", "signpost.example", False),
    ("null", "signpost.example", False),
    ("javascript://signpost.example", "signpost.example", False),
])
def test_same_origin(origin, host, same):
    assert is_same_origin(origin, host) is same
