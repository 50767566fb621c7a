"""Redaction by kind (issue 12): registrations in the real UK formats only, so outward postcodes,
roads and the words after them survive; phone numbers in every country's format (phonenumbers);
look-alike and invisible characters folded before matching; the short public numbers kept."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.privacy.redaction import found, normalise, redact


@pytest.mark.parametrize("text", [
    # outward postcodes followed by a word that has the shape of a registration's letters
    "someone has dumped a mattress in BA14 and its blocking the path",
    "people were fighting in SN15 now", "rubbish dumped in SN25 and its everywhere",
    "a fridge was dumped in BA12 and it is leaking", "PEOPLE ARE FIGHTING IN SN15 NOW",
    "fight in SN15 NOW", "gang in SN10 now with bottles",
    # roads and junctions
    "massive pothole on the M4 JCT 16 westbound", "pothole on the M4 JNC 17 westbound",
    "big pothole on the A303 JCT with the A36", "A36 now", "A36 NOW", "M4 J17 eastbound",
    "car on the A36 again", "van in SN15", "car at J16", "B4069 near Lyneham",
    # public numbers, years, house and flat numbers, times, money
    "call 999 or 101, on the A4 near junction 17 of the M4", "Samaritans 116 123, Relay UK 18000",
    "in 2019 and 2020 and 2021", "flat 12B", "Apt 12B", "between 10:30 and 11:45", "£1,250,000",
    "3 kids aged 5, 7 and 9", "I saw 1000 people",
])
def test_places_roads_and_words_are_kept(text):
    assert redact(text) == text and found(text) == []


@pytest.mark.parametrize("text,gone,tag", [
    ("car AB12 CDE parked on the pavement", "AB12 CDE", "[vehicle reg]"),      # current
    ("car ab12 cde parked", "ab12 cde", "[vehicle reg]"),
    ("reg AB12 CAT", "AB12 CAT", "[vehicle reg]"),                              # a word, in capitals
    ("AB12CDE on the kerb", "AB12CDE", "[vehicle reg]"),
    ("white van A123 BCD outside", "A123 BCD", "[vehicle reg]"),                # prefix
    ("an old car reg ABC 123D", "ABC 123D", "[vehicle reg]"),                   # suffix
    ("the car reg is ABC 123 on the drive", "ABC 123", "[vehicle reg]"),        # dateless
    ("van 12 AB blocking", "12 AB", "[vehicle reg]"),
])
def test_registrations_in_the_real_formats_are_redacted(text, gone, tag):
    out = redact(text)
    assert gone not in out and tag in out


@pytest.mark.parametrize("text,gone", [
    # the misses
    ("ring +48 601 234 567 please", "601 234 567"), ("my number +353 85 123 4567", "85 123 4567"),
    ("tel07700900123", "7700900123"), ("07700  900123 is mine", "900123"),
    ("jo\u200b@example.com", "example.com"),
    # siblings: other countries, glued and spaced digits, look-alike digits, other scripts' digits
    ("+33 6 12 34 56 78", "12 34 56 78"), ("+1 415 555 2671", "555 2671"),
    ("phone07700900123please", "7700900123"), ("mob:07700900123.", "7700900123"),
    ("0 7 7 0 0 9 0 0 1 2 3", "9 0 0 1 2 3"), ("07700.900.123", "900.123"),
    ("O77OO 9OO123", "900123"),
    ("call me on \uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff11\uff12\uff13", "900123"),
    ("call \u0660\u0667\u0667\u0660\u0660\u0669\u0660\u0660\u0661\u0662\u0663", "900123"),
    ("0044 7700 900123", "900123"), ("+44 (0)7700 900123", "900123"), ("(01225) 776655", "776655"),
    ("01.22.57.76.65", "76.65"), ("crime ref 54190012345", "54190012345"),
    # e-mails with invisible or look-alike characters, or spelt out
    ("jo\u200d@example.com", "example.com"), ("j\u043e@ex\u0430mple.com", "mple.com"),
    ("jo\uff20example.com", "example.com"), ("jo\u2060bloggs@example.net", "example.net"),
    ("jo[at]example.com", "example.com"), ("jo (at) example (dot) com", "example"),
])
def test_phone_numbers_and_emails_are_redacted(text, gone):
    out = redact(text)
    assert gone not in out and gone not in normalise(out), out
    assert found(text)


@pytest.mark.parametrize("text,tag", [
    ("card number 4111 1111 1111 1111 was used", "[card number]"),
    ("NHS number 943 476 5919", "[NHS number]"), ("NI number QQ123456C", "[NI number]"),
    ("my date of birth is 12/03/1985", "[date]"), ("born 12.03.1985", "[date]"),
    ("fly tipping outside SN15 3BX", "SN15"),
])
def test_other_personal_data(text, tag):
    assert tag in redact(text)


@pytest.mark.parametrize("raw,expected", [
    ("\u0421alne", "Calne"), ("someone is trying to br\u0435ak in", "someone is trying to break in"),
    ("fly\u200b tip\u200dping\u2060 in Ca\u200clne", "fly tipping in Calne"),
    ("\u202efly tipping\u202c", "fly tipping"), ("\ufefffly", "fly"),
    ("\uff46\uff4c\uff59 tipping", "fly tipping"), ("\u043f\u0440\u0438\u0432\u0435\u0442",
                                                     "\u043f\u0440\u0438\u0432\u0435\u0442"),
])
def test_normalise_folds_look_alikes_and_drops_invisible_characters(raw, expected):
    assert normalise(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_redaction_is_idempotent(text):
    once = redact(text)
    assert redact(once) == once
    assert normalise(once) == once
