"""Fill a fresh store with a realistic synthetic week, so the insight page can be seen at once.

    python -m bot.web.demo                         # -> var/analytics-demo.db (recreated)
    python -m bot.web.demo --url postgresql://...  # an empty store of your own
    python -m bot.web.demo --serve --port 8010     # ...then serve /insights on it

Questions are drawn with weights by topic (mostly councils' topics), place (by rough population,
Swindon largest), hour of day (quiet at night, evening peaks; noise late at night, more at the
weekend) and channel; some are emergencies, some fall back. Every one is routed by the real
directory and goes through the same anonymisation as a live answer (outcome.anonymous_row).
"""
from __future__ import annotations

import argparse
import os
import random
import secrets
import sys
from datetime import datetime, timedelta

from bot.analytics.outcome import anonymous_row, hour_utc, town_for
from bot.analytics.store import ROOT, Store
from bot.conversation.routing import ROUTE, route
from bot.directory import COUNCILS, default_directory

DEMO_URL = f"sqlite:///{ROOT / 'var' / 'analytics-demo.db'}"

# Relative weights (share of questions) — most demand belongs to councils.
TOPICS = {
    "fly_tipping": 12, "noise": 10, "parking": 9, "road_defect": 8, "asb": 8, "litter_bins": 6,
    "theft": 5, "street_lighting": 4, "dog_fouling": 4, "fraud": 4, "abandoned_vehicle": 3,
    "barking_dog": 3, "burglary": 3, "vehicle_crime": 3, "criminal_damage": 3,
    "dangerous_driving": 3, "graffiti": 2.5, "stray_dog": 2, "housing_association": 2,
    "untaxed_vehicle": 2, "lost_property": 2, "report_update": 2, "neighbourhood_team": 2,
    "harassment": 2, "drugs": 2, "licensing": 1, "fireworks": 1, "assault": 1.5,
    "domestic_abuse": 1, "community_messenger": 1, "mental_health": 0.8, "hate_crime": 0.5,
    "dangerous_dog": 0.5, "animal_cruelty": 0.5, "missing_person": 0.3,
}
# Rough populations (thousands) of the towns; villages share what is left of each area.
TOWNS = {
    "Swindon": 185, "Highworth": 8, "Salisbury": 41, "Chippenham": 37, "Trowbridge": 34,
    "Melksham": 19, "Devizes": 19, "Warminster": 18, "Amesbury": 12, "Calne": 18,
    "Corsham": 13, "Royal Wootton Bassett": 12, "Westbury": 16, "Bradford on Avon": 10,
    "Tidworth": 11, "Marlborough": 8, "Malmesbury": 6, "Cricklade": 4, "Wilton": 4,
    "Ludgershall": 5, "Mere": 3,
}
VILLAGE_SHARE = 0.22          # of questions with a place, from villages
NO_PLACE = 0.12               # questions answered without any place (police topics)
CHANNELS = {"rest": 68, "socketio": 8, "facebook": 12, "telegram": 3, "twilio": 9}
HOURS = [0.8, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2, 4, 6, 6.5, 6, 5.5, 5.5, 5.5, 5.5, 5.5, 6, 6.5, 7,
         7, 6, 4, 2]
NIGHT_TOPICS = {"noise", "asb", "barking_dog", "fireworks"}
EMERGENCY, FALLBACK, OUT_OF_SCOPE, HANDOFF = 0.02, 0.05, 0.03, 0.015
ASKED_PLACE = 0.45            # council questions where the place came in a second message
PER_DAY = 190                 # questions on an average weekday


def _places(d):
    towns = [p for p in d.places if p.name in TOWNS]
    villages = [p for p in d.places if p.kind == "village" and p.council in COUNCILS and p.area]
    return towns, villages


def _neighbourhoods(d, town):
    """People in a big town often name their estate instead (Penhill, Harnham)."""
    return [p for p in d.places if p.kind in ("neighbourhood", "parish")
            and p.council == town.council and town_for(p.name, p.council, d) == town.name]


def synthetic_rows(days: int = 7, seed: int = 7, now: datetime | None = None) -> list:
    d = default_directory()
    rng = random.Random(seed)
    towns, villages = _places(d)
    town_w = [TOWNS[p.name] for p in towns]
    topics, topic_w = list(TOPICS), list(TOPICS.values())
    end = hour_utc(now)
    start = datetime.combine(end.date() - timedelta(days=days - 1), datetime.min.time())
    estates = {t.name: _neighbourhoods(d, t) for t in towns}
    rows = []
    at = start
    while at <= end:
        weekend = at.weekday() >= 5
        expected = PER_DAY * (1.25 if weekend else 1.0) * HOURS[at.hour] / sum(HOURS)
        for _ in range(_poisson(rng, expected)):
            rows.append(_one(rng, d, at, towns, town_w, villages, estates, topics, topic_w))
        at += timedelta(hours=1)
    return [r for r in rows if r]


def _poisson(rng: random.Random, lam: float) -> int:
    n, p, limit = 0, 1.0, pow(2.718281828459045, -lam)
    while True:
        p *= rng.random()
        if p <= limit:
            return n
        n += 1


def _one(rng, d, at, towns, town_w, villages, estates, topics, topic_w):
    channel = rng.choices(list(CHANNELS), list(CHANNELS.values()))[0]
    place = None
    if rng.random() > NO_PLACE:
        place = rng.choice(villages) if rng.random() < VILLAGE_SHARE else \
            rng.choices(towns, town_w)[0]
        if estates.get(place.name) and rng.random() < 0.6:
            place = rng.choice(estates[place.name])
    council, area = (place.council, place.area) if place else (None, None)
    roll = rng.random()
    outcome = {"topic": None, "agency": None, "council": council, "area": area,
               "emergency": False, "asked_place": False, "fallback": False}
    ranking = []
    if roll < EMERGENCY:
        outcome.update(topic="emergency", agency="police_999", emergency=True)
    elif roll < EMERGENCY + FALLBACK:
        guess = rng.choices(topics, topic_w)[0] if rng.random() < 0.8 else None
        outcome.update(fallback=True)
        ranking = [("nlu_fallback", 1.0)] + ([(guess, 0.3)] if guess else [])
    elif roll < EMERGENCY + FALLBACK + OUT_OF_SCOPE:
        outcome.update(fallback=True, topic="out_of_scope")
        if rng.random() < 0.5:
            ranking = [("out_of_scope", 0.7), (rng.choices(topics, topic_w)[0], 0.1)]
    elif roll < EMERGENCY + FALLBACK + OUT_OF_SCOPE + HANDOFF:
        outcome.update(topic="human_handoff", agency="police_report")
    else:
        night = at.hour >= 21 or at.hour <= 3
        weights = [w * (3 if night and t in NIGHT_TOPICS else 1)
                   for t, w in zip(topics, topic_w, strict=True)]
        topic = rng.choices(topics, weights)[0]
        r = route(d, topic, "", council=council)
        if r.status != ROUTE:            # a council topic with no place: ask, then both councils
            outcome.update(topic=topic, agency="council", asked_place=True, council=None,
                           area=None)
        else:
            outcome.update(topic=topic, agency=r.agency)
            if r.council and rng.random() < ASKED_PLACE:
                outcome["asked_place"] = True
    row = anonymous_row(outcome, channel, place=place.name if place else None, ranking=ranking,
                        now=at + timedelta(minutes=rng.randrange(60)), directory=d)
    return row


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help=f"store URL (default: a fresh {DEMO_URL})")
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--append", action="store_true",
                        help="add to a store that already has outcomes (never to real data!)")
    parser.add_argument("--serve", action="store_true", help="then serve the web app on it")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8010)
    args = parser.parse_args(argv)
    url = args.url or DEMO_URL
    if not args.url:
        demo_file = ROOT / "var" / "analytics-demo.db"
        demo_file.unlink(missing_ok=True)
    store = Store(url)
    store.ensure_table()
    if store.day_span() and not args.append:
        print(f"{url}: this store already has outcomes; the demo only fills an empty one "
              "(use another --url, or --append if it is a test store).", file=sys.stderr)
        return 1
    rows = synthetic_rows(args.days, args.seed)
    store.insert(rows)
    store.dispose()
    print(f"Wrote {len(rows)} synthetic outcomes ({args.days} days) to {url}")
    if not args.serve:
        print("See them: SIGNPOST_ANALYTICS_URL=<url> SIGNPOST_INSIGHTS_TOKEN=<token> "
              "python -m bot.web --port 8010, then open /insights")
        return 0
    token = os.environ.get("SIGNPOST_INSIGHTS_TOKEN") or secrets.token_urlsafe(24)
    os.environ["SIGNPOST_ANALYTICS_URL"] = url
    os.environ["SIGNPOST_INSIGHTS_TOKEN"] = token
    from bot.web.app import create_app
    print(f"\nInsight page: http://{args.host}:{args.port}/insights\nToken: {token}\n"
          "(Ctrl-C stops it.)", flush=True)
    create_app().run(host=args.host, port=args.port, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
