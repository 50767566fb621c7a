"""Conversations the benchmark sends: written for the benchmark, not taken from any training or test
set (tests/measurement/test_bench_tooling.py checks there is no overlap), so the load looks like residents and
not like data the model has memorised.

A Signpost conversation is topic -> place follow-up -> another topic -> thanks, with emergencies,
misunderstood messages and greetings mixed in. The reference (stock `rasa init` bot) gets its own
greet / mood / bot-challenge conversations, in the phrasings of its own training data (texts it
was not built for get empty replies, which would count as errors against it).

Each step is (text, tag); the tag tells the load client what a correct reply must look like
(bot.measurement.bench.load.signpost_check).
"""
from __future__ import annotations

import random

Step = tuple[str, str]

# Problems the council deals with: Signpost asks for the place first.
COUNCIL_TOPICS = [
    "someone has chucked a mattress and three bin bags in the lay-by near us",
    "who do I call about a load of builders rubble dumped on the verge",
    "theres a massive hole in the road at the end of our close, nearly lost a wheel",
    "the pavement outside the school is cracked and lifting, my mum tripped on it",
    "our street lamp has been flickering on and off for weeks",
    "two of the lights on the footpath by the park are out and its pitch black",
    "somebody sprayed tags all over the bus shelter",
    "the neighbours play music until 3am every single night",
    "the dog owners round here never pick up after their dogs, the grass is disgusting",
    "our bins werent collected again this week",
    "the litter bin by the shops is overflowing and rubbish is blowing everywhere",
    "a car has been parked across my driveway all day and I can't get out",
    "vans keep parking on the pavement so prams have to go in the road",
    "there's a car that hasnt moved in two months and has flat tyres, think its been dumped",
    "a stray dog has been wandering around the estate since this morning",
    "the dog next door barks for hours when they go out to work",
    "somebody dumped an old fridge in the alley behind our houses",
    "loud generator running all night at the house across the road",
]

# Crimes and other topics: answered straight away (the place, if known, adds the local team).
OTHER_TOPICS = [
    "my bike was nicked from outside the library yesterday",
    "someone broke into my shed overnight and took the mower",
    "my car window was smashed and the sat nav taken",
    "kids kicked in the panel of our front fence last weekend",
    "I got a text saying I owe money to HMRC and I paid it, now I think it was a scam",
    "there's a car with no tax sat outside our house for weeks",
    "boy racers are doing 60 down our road every evening",
    "a group of teenagers keeps hanging round the shops shouting at people",
    "I think the flat downstairs is being used to deal drugs, people in and out all day",
    "someone keeps sending me nasty messages online and won't stop",
    "my neighbour was shouted at because of her religion, what can she do",
    "I found a wallet on the pavement, where do I hand it in",
    "who is our local police team and when do they hold a surgery",
    "can I sign up for crime alerts for my area",
    "I reported a break-in last week and have a crime number, how do I find out what's happening",
    "the pub near us has fights outside every weekend and stays open way past its hours",
    "someone is setting off fireworks at midnight every night",
    "I keep seeing a horse in a field with no water and it looks really thin",
]

PLACES = [
    "Trowbridge", "Chippenham", "Salisbury", "Devizes", "Melksham", "Calne", "Corsham",
    "Warminster", "Westbury", "Marlborough", "Malmesbury", "Amesbury", "Tidworth", "Pewsey",
    "Royal Wootton Bassett", "Bradford on Avon", "Highworth", "Wroughton", "Swindon",
    "Penhill", "Old Town", "Stratton St Margaret", "Purton", "Cricklade", "Ludgershall",
    "SN15", "SN10 1AB", "BA14", "SP1 2QZ", "SN2", "SN25",
    "its in Chipenham", "we're in Trowbrige", "near Melksam", "in swindon town centre",
    "Devizes please", "were in calne", "i live in warminster",
]

EMERGENCIES = [
    "theres a bloke trying to get in my back door right now",
    "someone is being beaten up outside the kebab shop this minute",
    "help a man has a knife in the car park",
    "a car has just crashed into the canal and someone is still inside",
    "my ex is outside banging on the door saying he'll kill me",
    "theres smoke pouring out of the house next door and I think the kids are inside",
]

MISUNDERSTOOD = [
    "what time does the tip open on sundays",
    "can you recommend a good plumber",
    "asdfghjkl",
    "whats the score in the town game",
    "how much is a bus ticket to bath",
    "banana",
]

GREETINGS = ["hiya", "good morning", "hello there", "hey", "hi, can you help me"]
THANKS = ["thanks very much", "cheers", "thank you, that's helpful", "ta", "brilliant thanks"]


def signpost_conversation(rng: random.Random) -> list[Step]:
    """topic -> place follow-up -> another topic -> thanks, with variations."""
    steps: list[Step] = []
    roll = rng.random()
    if roll < 0.15:
        steps.append((rng.choice(GREETINGS), "greet"))
    elif roll < 0.25:
        steps.append((rng.choice(MISUNDERSTOOD), "fallback"))
    steps.append((rng.choice(COUNCIL_TOPICS), "ask_place"))
    if rng.random() < 0.1:  # an emergency in the middle of the place question
        steps.append((rng.choice(EMERGENCIES), "emergency"))
    steps.append((rng.choice(PLACES), "route"))
    steps.append((rng.choice(OTHER_TOPICS + COUNCIL_TOPICS), "route"))
    if rng.random() < 0.1:
        steps.append((rng.choice(EMERGENCIES), "emergency"))
    steps.append((rng.choice(THANKS), "any"))
    return steps


# The stock `rasa init` bot: greet, mood_great, mood_unhappy, affirm, deny, goodbye,
# bot_challenge.
# The init bot's own phrasings (its data/nlu.yml): the conversations it was built for.
REF_GREET = ["hey", "hello", "hi", "hello there", "good morning", "good evening", "hey there"]
REF_GREAT = ["great", "amazing", "I am feeling very good", "wonderful", "so good", "perfect"]
REF_SAD = ["I am sad", "my day was horrible", "not good", "very sad", "unhappy",
           "I don't feel very well"]
REF_YES = ["yes", "of course", "indeed", "that sounds good"]
REF_NO = ["no", "never", "not really", "no way"]
REF_BYE = ["bye", "goodbye", "see you later", "have a nice day"]
REF_BOT = ["are you a bot?", "am I talking to a human?"]


def reference_conversation(rng: random.Random) -> list[Step]:
    steps: list[Step] = [(rng.choice(REF_GREET), "any")]
    if rng.random() < 0.5:
        steps.append((rng.choice(REF_GREAT), "any"))
    else:
        steps.append((rng.choice(REF_SAD), "any"))
        steps.append((rng.choice(REF_YES + REF_NO), "any"))
    if rng.random() < 0.2:
        steps.append((rng.choice(REF_BOT), "any"))
    steps.append((rng.choice(REF_BYE), "any"))
    return steps


ALL_SIGNPOST_TEXTS = (COUNCIL_TOPICS + OTHER_TOPICS + PLACES + EMERGENCIES + MISUNDERSTOOD
                      + GREETINGS + THANKS)
ALL_REFERENCE_TEXTS = REF_GREET + REF_GREAT + REF_SAD + REF_YES + REF_NO + REF_BYE + REF_BOT
