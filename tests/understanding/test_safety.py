"""The deterministic 999 check: catches danger of every kind (with typos), leaves everyday problems alone."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understanding import safety

EMERGENCIES = [
    "someone is breaking into my house right now",
    "theres a man with a knif outside my flat",
    "some1 is tryin to brake in",
    "HELP there's a burglar downstairs",
    "my neighbour is threatening to kill me",
    "he's got a gun",
    "there is a fight outside the pub on the high street",
    "lads are fighting in the street now",
    "a man is following me home",
    "my husband is hitting me",
    "my dad is not breathing",
    "someone is unconcious in the road",
    "the house next door is on fire",
    "kids smashing the bus shelter right now",
    "my car is being stolen as we speak",
    "there's a dog locked in a car in the sun and it's panting",
    "someone in my garden with a crowbar trying to get in",
    "i think somone is in my house",
    "my ex is outside banging on the door and threatening me",
    "shots fired near the park",
    "a car has just crashed into the canal and someone is still inside",
    "they are still here",  # offender nearby needs a crime word: not alone
]
NOT_EMERGENCIES = [
    "who do I contact about a pothole",
    "the street lighting on my road is broken",
    "my shed was broken into last night",
    "I was assaulted last week, how do I report it",
    "someone stole my bike yesterday",
    "fly tipping at the end of my road",
    "my neighbours play loud music every night",
    "can you help me",
    "my car was keyed",
    "barking dog next door all day",
    "I want to report a scam text",
    "fireworks last night kept us awake",
    "how do I sign up for crime alerts",
    "my ex keeps messaging me",
]


# 999 is police, fire, ambulance and coastguard: the net is written by kind of danger, and each
# kind is tested with several siblings in our own words (never the real-voice corpus sentences).
EMERGENCY_KINDS = {
    "a goodbye note, then gone": [
        "my sister left a letter on the table saying goodbye and sorry, now nobody knows where she is",
        "found a note from my son this morning saying goodbye, he's gone missing",
    ],
    "rural crime under way": [
        "hare coursers in the field behind us right now, lamps going and dogs out, they've cut the gate",
        "theres poachers lamping on the farm now, two trucks parked up by the track",
    ],
    "a rescue or a catch told by a witness now, not a headline": [
        "a man's just been pulled out of the canal by passers by and he isn't breathing",
        "my neighbour caught a burglar red handed in his shed, he's got him pinned down and the lad "
        "has a knife",
    ],
    "breathing": [
        "my grandad is struggling to breathe and his lips look funny",
        "she can't get her breath and she's going grey",
        "baby isnt breathing properly please",
        "my son is gasping and wheezing, his inhaler isn't working",
    ],
    "collapsed or unresponsive": [
        "an old lady has collapsed outside the chemist in Chippenham",
        "my brother won't wake up, I've been shaking him",
        "found a man slumped in a bus shelter and he isn't responding",
        "someone's lying on the pavement by the cashpoint and not moving, I can't wake him",
        "my dad keeled over in the garden and he's out cold",
    ],
    "turning blue": [
        "her lips have gone blue",
        "the baby is turning blue",
        "his face is going purple and he can't speak",
    ],
    "stroke": [
        "dads face has dropped on one side and he's talking funny",
        "my wife's face is drooping and she can't lift her left arm",
        "he's slurring his words and can't raise his right arm",
        "I can't feel my arm and my face feels weird",
        "nan can't move her leg and one side of her face has gone",
    ],
    "chest pain": [
        "bad pain in my chest going down my left arm",
        "my husband has crushing chest pain and he's sweating",
        "my chest is really tight and I feel sick",
        "think im having a heart attack",
    ],
    "passing out": [
        "I'm passing out, can't stay awake",
        "i feel like im going to pass out and my heart is racing",
        "my mate just blacked out in the club toilets",
    ],
    "heavy bleeding": [
        "there is blood everywhere, he cut his hand on the glass",
        "my friend is losing loads of blood from her leg",
        "it won't stop bleeding, i've used three towels",
        "lad pouring with blood outside the kebab shop",
    ],
    "overdose": [
        "my sister has taken a load of tablets and is being sick",
        "he's overdosed on something, he's barely awake",
        "my flatmate took something at the party and now he won't wake up",
        "nobody listens to me. so im taking all my tablets now. thats it",
        "I am going to take all of my sleeping pills tonight",
    ],
    "fitting": [
        "my son is having a seizure and it's lasted 6 minutes",
        "she's fitting on the kitchen floor",
        "my partner is having a fit and his eyes have rolled back",
    ],
    "fire without the word": [
        "there's smoke pouring out of the flat above mine",
        "black smoke coming from the roof of the house opposite",
        "the hallway is full of smoke and I can't get down the stairs",
        "the alarms are going off in our block and there's a smell of burning",
        "sparks are coming out of the plug socket in the kids room",
        "the car across the road is alight",
        "my tumble dryer is smoking and there's a burning smell",
        "the barn at the end of the lane is ablaze",
    ],
    "water": [
        "a lad went into the canal and hasn't come back up",
        "my dog ran onto the frozen lake and my husband has gone through the ice after him",
        "someone's in the river and they're being swept away",
        "a kid fell in the lock at Devizes and he's going under",
        "a woman is in the water by the weir and can't get out",
    ],
    "intruder present": [
        "there's someone downstairs, I can hear them",
        "i think there's someone in the house, I'm hiding in the bathroom",
        "somebody is moving around in the kitchen and we're all upstairs",
        "a man has come into my house and won't leave",
        "I can hear footsteps downstairs and I live alone",
    ],
    "threat of return": [
        "he's on his way round to mine, he said he'd batter me",
        "I think he's coming back",
        "my ex says he's coming back to sort me out tonight",
        "they're on their way back here, they threatened my son",
    ],
    "planned attack": [
        "they're planning to attack a house on our estate tonight, there are kids inside",
        "I overheard some lads saying they're going to torch a car in the next street",
        "a revenge attack is being planned on my brother",
    ],
    "confession": [
        "I think I've killed him",
        "i've hit a pedestrian and he's lying in the road",
        "i think i killed my husband",
    ],
    "missing child now": [
        "we've lost our little boy in the shopping centre",
        "I can't find my daughter, she was next to me at the fair",
        "lost my 4 year old at the park, he's wearing a blue coat",
        "my toddler has wandered off on the beach",
    ],
    "vehicle driven dangerously now": [
        "the lorry in front is swerving all over the motorway",
        "a drunk driver has just set off from the pub car park",
        "there's a car going the wrong way down the dual carriageway",
        "van in front of me on the A36 is weaving between lanes",
        "the driver is slumped at the wheel and the car's still rolling",
        "a man who could barely stand just got in his car and is driving off",
    ],
    "crash just happened": [
        "a car has just flipped on the roundabout",
        "the van just spun into the lorry",
        "two cars have just collided outside the school",
        "we've crashed into a ditch and my wife is stuck",
        "a motorbike has just gone into the back of a bus",
    ],
    "short panic": [
        "please help me",
        "help me",
        "I'm going to die",
        "somebody help",
        "help us please",
        "i'm dying",
    ],
    "gas leak": [
        "there's a really strong smell of gas in the stairwell of our flats",
        "I can hear hissing from the meter cupboard and it stinks of gas",
        "the digger has gone through the gas main outside the school and it's hissing",
        "our kitchen smells like the cooker has been left on unlit, proper gas",
    ],
    "choking or something swallowed": [
        "my toddler has swallowed a magnet off the fridge and is being sick",
        "he's choking on a grape and going red",
        "she's clutching at her throat and can't get the food down",
        "I think my daughter swallowed one of those coin batteries from the car key",
        "the baby has a bit of apple stuck in his throat",
    ],
    "kitchen fire, someone inside": [
        "the pan's gone up and the whole kitchen is nothing but flames",
        "woke up to smoke on the landing and I can't get down the stairs",
        "there's crackling in the loft and a burning smell coming through the ceiling",
        "the flat below is thick with smoke and the old man is still inside",
    ],
    "someone in the water calling for help": [
        "there's a man in the canal shouting for help by the lock gates",
        "a girl is hanging onto a branch in the river, the current is strong",
        "my husband is about to go in after our dog, the river is flooding",
        "I can hear someone screaming for help from the lake",
    ],
    "allergic reaction": [
        "my son's lips are swelling up after eating a cake with nuts",
        "I've been stung by a wasp and my throat feels tight",
        "her tongue is swollen and she's allergic to sesame",
    ],
    "a fall, can't get up": [
        "nan has fallen in the garden and can't get up",
        "I found my dad on the bathroom floor and he can't move himself",
        "my mum's been on the floor since last night, she can't get up",
        "he slipped on the ice and banged his head and now he's being sick",
        "grandad fell and hit his head, his eyes are shut and he's not answering",
    ],
    "diabetic hypo": [
        "my wife is diabetic and she's out of it and won't take any sugar",
        "he's type 1, he's drowsy and slurring and won't eat anything",
        "my son's blood sugar must be low, he's lashing out and doesn't know who I am",
    ],
    "signs of serious illness (sepsis, meningitis)": [
        "dad is burning up, shivering and not making sense",
        "my daughter has a high temperature and a rash that doesn't fade",
        "she's clammy, breathing really fast and confused",
        "I think he's got sepsis, he's gone mottled",
        "my grandad is breathing really fast and can't finish a sentence",
        "he had his op on monday and tonight he's in agony and shivering",
    ],
    "a threat to kill by someone there": [
        "my stepdad has a knife and says he'll stab anyone who leaves",
        "he's shouting that hell kill my sister if she calls the police",
        "she's got the carving knife and she says she'll kill us",
    ],
    "someone back, at the door now": [
        "my ex is back and he's hammering on the front door right now",
        "he came back and he's banging on my bedroom window",
        "they're back again kicking the door",
    ],
    "a driver all over the road now": [
        "the van ahead keeps drifting across the white lines on the A4, we're behind it",
        "he's all over the road and I'm sure he's been drinking, we're following him now",
        "the lorry in front keeps wandering onto the hard shoulder and back",
    ],
    "someone trying car doors now": [
        "a lad in a mask is pulling at the door handles of every car on our street",
        "now he's trying the cars parked by the church",
        "two men tugging on car doors in the station car park",
    ],
    "a child lost this minute": [
        "I turned around at the checkout and she's gone",
        "can't find her anywhere in the park, it's been ten minutes",
        "my little one has slipped away in the crowd at the carnival",
    ],
    "a vulnerable adult who has got out": [
        "dad has dementia and he's got out through the back gate",
        "my wife with alzheimers has gone missing from the house in her slippers",
        "mum's got memory problems and hasn't come back from the shop",
    ],
    "someone at a railing looking down": [
        "a woman is leaning on the railings of the viaduct staring down at the river",
        "there's a lad stood on the footbridge looking down at the traffic",
        "someone is sitting on the ledge of the car park roof looking down",
    ],
    "a vehicle into a building": [
        "a van has just gone into the front of a shop on the high street",
        "a car went straight into the house opposite and the driver isn't getting out",
    ],
    "one is fine, another is in danger now": [
        "she's fine but he's not breathing",
        "the kids are ok but my husband has collapsed",
        "I'm ok but he's still outside with a knife right now",
        "he's been on the floor since last night, I can't wake him",
    ],
    "someone about to jump": [
        "there's a man standing on the edge of the bridge over the M4",
        "my friend says she's going to jump off the multi storey",
        "a woman has climbed over the railings on the footbridge",
    ],
    # kinds widened from the real-voice train and dev misses (late 2026-11-30); our own words
    "stroke told oddly": [
        "his smile has slipped down on one side and he keeps dribbling",
        "my husband can't get any words out and his right hand won't grip",
        "nan's words are coming out all jumbled and she's dropping her cup",
        "grandma's mouth has drooped and she sounds drunk",
    ],
    "chest squeeze, with sweat or sickness, or arm pain into the jaw": [
        "there's a crushing feeling across my chest and it's not going away",
        "his chest is tight and he's clammy and grey, sat on the stairs",
        "aching in my left arm for an hour and now it's gone into my jaw",
    ],
    "a tool into a limb, a tourniquet, a limb cut open": [
        "slipped with the angle grinder, the blade went into his thigh",
        "we've tied a tourniquet on his arm, the glass cut it right open",
        "he's sliced his hand open on the mower and blood is pumping out",
    ],
    "a large amount of pills, or paracetamol and muddled": [
        "my flatmate has taken a whole packet of paracetamol and is asleep on the sofa",
        "she took too many sleeping pills and now she's slurring",
        "he's been on paracetamol all week for toothache and now he's muddled and yellow",
    ],
    "too breathless to talk": [
        "my son can hardly catch a breath and his ribs are sucking in",
        "grandad can't finish a sentence without stopping to gasp",
        "his breathing has gone really bad and he's sat bolt upright",
    ],
    "a thick tongue": [
        "ate a satay skewer and my tongue feels really thick now",
        "her tongue has gone huge after the prawns and she's drooling",
    ],
    "a fall: muddled, hours on a floor, found on the floor": [
        "grandad has fallen in the garden and now he's confused and doesn't know where he is",
        "my aunt has been lying on the cold bathroom floor for hours, she slipped getting out the bath",
        "found my neighbour on his kitchen floor, he can't move his legs",
        "nan fell and can't get up and the dog is barking at her",
    ],
    "lying there not awake, barely breathing, about to keel over": [
        "my wife is lying in the lounge and she is not awake, I've shouted at her",
        "an old man is barely breathing on the bench outside the library",
        "I'm dizzy and so weak I'm about to keel over, I'm on my own",
    ],
    "a hypo: jerking, dazed, not answering": [
        "my son is type 1 and he's jerking on the bed and not answering me",
        "she's diabetic and just dazed, not really answering us",
    ],
    "a fit told by its look": [
        "the baby is jerking his arms and his eyes are fixed on the ceiling",
        "her eyes are rolling and she's twitching all down one side",
    ],
    "a baby coming now": [
        "my sister is having the baby right now on the bathroom floor",
        "her contractions are a minute apart and I can see the baby's head",
    ],
    "a pan, fat or oil alight; one big flame; flames over the roofs": [
        "the chip pan has gone up and I've shut the kitchen door",
        "the oil's caught in the frying pan and it's up the tiles",
        "the hob is one big flame, I can't get near it",
        "there's black smoke over the rooftops on the next street and people are running",
    ],
    "electrics: crackling, hot plastic, a smoky smell, a box in the street": [
        "the extension lead behind the telly is crackling and smells of hot plastic",
        "there's a smoky smell from the light switch and the plate has gone brown",
        "the substation by the park is sparking and banging like gunshots",
        "the socket in the hall crackled and there's a smell like burning plastic",
    ],
    "smoke out of a roof or eaves; a building said to be alight now": [
        "smoke is curling out from under the eaves of the bungalow next door",
        "the house on the corner is ablaze and they're still asleep in there",
        "it's alight in the flat downstairs, the windows have blown out",
    ],
    "gone under, overboard, out of the boat": [
        "my brother's fallen into the middle of the canal and he's bobbing about shouting",
        "she went under by the weir and hasn't come up, she's disappeared under",
        "my mate fell overboard off the paddle steamer",
    ],
    "a gas smell strong now": [
        "the gas smell has been faint for days but now it's really strong in the hall",
        "there's been a whiff of gas for a week and tonight it's overpowering on the landing",
    ],
    "dogs that have just attacked, or are still loose": [
        "a dog has just gone for a kid on the green and it's still running loose",
        "two staffies just attacked my spaniel and bit my hand",
    ],
    "outside the railings, a leg over, legs dangling, on a roof screaming": [
        "a lad is on the wrong side of the barrier on the multi storey",
        "there's a woman with one leg over the railings on the viaduct",
        "a man is sat on a fourth floor window sill with his legs dangling over",
        "a bloke's up on the roof of the pub screaming he's going to jump",
    ],
    "a driver drifting or bouncing off the barrier": [
        "car in front keeps drifting into the oncoming lane on the A4, we're behind it",
        "van bouncing off the central reservation on the M4 westbound",
        "the lorry ahead is riding the white line and cars are swerving round it",
    ],
    "someone forced into a car or held by the throat": [
        "a man has grabbed a girl and forced her into the back of a van",
        "he's got her by the throat in the car park behind the chippy",
    ],
    "a beating heard, or a door hammered while someone is inside": [
        "screaming from the flat next door and I can hear thuds like someone being thrown about",
        "a man is hammering on a woman's door shouting at her to let him in, she's crying",
        "I'm home alone and someone is banging really hard on the back door",
        "someone is rattling the handle of my back door right now",
        "a man is kicking her front door in, she's screaming",
    ],
    "someone in the home who is barred from it": [
        "my ex is in the house now and he's got an injunction against him",
        "he's in my flat and he's not meant to be anywhere near me, he's been threatening me",
    ],
    "a child vanished this minute": [
        "can't see her anywhere in the supermarket, she's four",
        "my son was by the trolleys and now he's vanished",
        "has anyone seen a little girl in a pink coat, she was by the tills",
    ],
    "a car ended up on its roof": [
        "the car's just ended up on its roof in the ditch",
        "a van has landed on its roof on the roundabout and the driver's hanging upside down",
    ],
    "someone forcing a way through a door or window now": [
        "a man is trying to get through our back door with a screwdriver",
        "someone's trying to get through the kitchen window, I'm upstairs with the baby",
    ],
    "a car gone off the road just now": [
        "we've just gone off the road into a ditch and my wife's hurt",
        "the van in front has just gone off and rolled onto its side",
    ],
    "a dog in a hot car now": [
        "there's a puppy shut in a car in the sun in the Tesco car park, it's panting like mad",
        "a dog has been left in a hot car outside the pub and it's collapsed",
    ],
    "being followed by a car now": [
        "a car has been following me for ten miles flashing its lights, I'm scared to stop",
        "some man in a van is following me round the estate",
    ],
    "asking how to report, with the danger said now": [
        "how do I report this, two lads are smashing car windows on our street right now",
        "who do I report it to, a man is trying the doors on every car right now",
        "who do I report it to, a lad is smashing the bus shelter by the school",
        "should I report this? a man has just punched my son outside the shop",
    ],
    "something going up in flames now": [
        "the car on the drive has just gone up, flames everywhere",
        "the shed's gone up and the flames are reaching our back fence",
    ],
    "a fire that is spreading now": [
        "the bin fire has caught the hedge and it's spreading towards the house",
        "there's smoke in the hall and it's spreading up the stairs",
    ],
    "a crime now in a message that names a police appeal": [
        "the lad from that police appeal is outside my door right now saying he'll stab me",
        "I saw the police appeal and that man is trying to break into my neighbour's car right now",
    ],
    "shots now": [
        "someone is shooting at the houses on our estate",
        "I can hear shooting outside the pub right now",
    ],
    "locked out, with a break-in now": [
        "I've locked myself in the bathroom and a man is trying to get in right now",
        "I'm locked out and there's a man trying to get into my flat",
    ],
    "a trouble told as ongoing, with now": [
        "ever since he got out he's been after me and he's outside with a knife right now",
        "it's been constant chest pain ever since I got up and now my arm is tingling",
    ],
    "a small hurt with a real sign": [
        "she's knocked a tooth out in the fall and she's not answering me, send an ambulance",
        "my son chipped his tooth and now he's choking, please send an ambulance",
    ],
    "news passed on of a danger now": [
        "my sister's just texted, her husband has collapsed and isn't breathing",
        "mum's just rung, dad's on the kitchen floor and won't wake up",
    ],
    "shaking with another sign": [
        "grandad is shaking and not answering",
        "she's shaking and her eyes are rolling back",
    ],
    "an animal attack with a person in it": [
        "a dog is attacking my son in the park, he's bleeding",
        "there's a burglar in the garden and our dog's going mad at him",
        "they're still in the garden, they've broken the shed and the dog is going mad",
    ],
    "a muddled or vulnerable adult gone now": [
        "grandad went to post a letter two hours ago and hasn't come back, he gets confused easily now",
        "my uncle has alzheimers and while i paid for fuel him and the car are gone",
    ],
    "a fall with a broken bone or a dead limb": [
        "mum has gone over in the kitchen and cries out every time we try to move her",
        "grandad fell by the bed and says he can't feel his arm",
        "my aunt tripped on the rug, she's still screaming and we can't get her up",
    ],
    "someone still down on the floor or the ground": [
        "the old man who slipped outside the chemist is still lying on the pavement",
        "my flatmate is still on the bathroom floor and I can't get him to sit up",
    ],
    "someone found not moving, cold or without a pulse": [
        "my uncle hasn't moved from the armchair all afternoon and his hands are freezing cold",
        "a cyclist is lying there motionless by the kerb",
        "I can't find a pulse on my grandma",
        "my brother is slumped against the toilet, he won't answer me and I can't lift him",
    ],
    "someone with fits or a baby on their phone, not answering": [
        "my son is epileptic and isn't answering his door or his phone",
        "I called my sister and her toddler picked up her phone, she's home alone with him",
    ],
    "ill and getting worse with another sign": [
        "the ambulance said wait but he's getting much worse and he's gone really drowsy",
        "she's far worse than at teatime and talking nonsense",
    ],
    "held against your will now": [
        "a man on the train won't let me get past him to the doors, I'm scared",
        "the driver has locked the taxi and won't let us out",
        "a bloke at the bus stop has grabbed my wrist and is pulling me",
    ],
    "a silent plea for help": [
        "a girl in the back of a parked van is tapping on the glass for help",
        "the lady next door is knocking on the wall for help",
    ],
    "followed on foot or by car now": [
        "a van has been sat on my tail since the motorway junction",
        "that guy from the pub is still behind me as I walk down Fleet Street",
        "a motorbike is tailing me through the estate and won't back off",
    ],
    "a coded call": [
        "I'd like to order a takeaway to my address please. yeah he's still in the house",
        "can't speak, he's listening. just send someone",
        "please answer with yes or no only, I'm not safe",
    ],
    "a threat from someone there": [
        "he's in the kitchen and he said he'd stab me if I call anyone",
    ],
    "a gang that has just jumped someone and gone off near": [
        "two men mugged a lad by the cashpoint and ran off towards the station",
        "some youths set on my son at the park and legged it across the field",
    ],
    "missiles thrown at people or cars now": [
        "a gang of kids is chucking bricks at the buses on the high street",
        "someone upstairs is hurling bottles down onto the road",
    ],
    "a brawl told another way": [
        "two families are kicking seven bells out of each other in the car park",
        "it's kicked off at the club, glasses flying everywhere",
    ],
    "a break-in next door now": [
        "my neighbours are on holiday and there's a man jemmying their back window",
        "nobody's home next door and two lads are trying their french doors",
        "one bloke has gone round the back of the house opposite while his mate is keeping lookout",
        "a man is squeezing in through the bathroom window of the flat below",
    ],
    "a car in the water with someone in it": [
        "a van has slid into the canal at Devizes and the driver is on its roof",
        "the lorry's gone into the river and someone is still inside",
    ],
    "someone in the road with traffic going past": [
        "a woman is lying in the road on the A4 and cars are going round her",
        "there's a kid walking down the carriageway and lorries are speeding past",
    ],
    "the teller at a bridge with words of ending it": [
        "I want to end it all, I'm stood on the edge of the footbridge over the railway",
        "what's the quickest way to take my own life. I'm at the viaduct and I'm sitting on the parapet",
    ],
    "ending one's life with a when or a how now": [
        "i'm going to kill myself tonight, i've had enough",
        "sorry to everyone. i swallowed all my sleeping tablets and i don't want to live any more",
        "this is for my family when they find this. i can't carry on, ending it tonight",
        "got the rope ready, I just want to die",
        "took a whole packet of my antidepressants about an hour ago and I feel really strange",
    ],
    "an anniversary that is not the story: the danger is now": [
        "it's our anniversary and my husband has just collapsed, he's not breathing",
        "three years today since we moved in and now there's smoke pouring out of next door's roof",
    ],
    "someone else's goodbye post, then no answer": [
        "my cousin has put a post on facebook saying goodbye to everyone and now her phone is off",
        "mate texted me saying he's going to end it all and he's not answering",
    ],
    "an old person out in the frost, confused": [
        "there's an elderly man in his slippers on the high street in the snow, he seems lost",
        "frail old lady walking down the lane in her dressing gown in this freezing fog, she's shivering",
    ],
    # kinds that must stay 999 beside the story framings narrowed late 2026-11-30
    "unhurt and shaken, but the danger is still there": [
        "I'm not hurt, just shaken, but he's still outside the flat with a knife",
        "he went for me last night and now he's back hammering on the door",
    ],
    "a long trouble with danger now": [
        "he's been on the floor for an hour now and can't get up",
        "for months now he's been threatening me and right now he's kicking the door in",
    ],
    "a court outcome, then danger now": [
        "he got a suspended sentence and now he's outside my house with a machete",
        "the other week he threatened me and now he's in the garden with a knife",
    ],
    "a person getting in, not the rain": [
        "someone is getting into the house through the back window",
        "there's a man trying to get in through our kitchen window",
    ],
    "thrown about, not thrown out": [
        "she's being thrown about by her boyfriend in the street",
        "a lad is being thrown about by a gang at the bus stop right now",
    ],
    "a person with dementia gone now": [
        "mum has dementia and she's wandered off, we can't find her",
        "my grandad with alzheimers has gone missing from the care home",
    ],
    "a threat to kill, not a fear about driving": [
        "he's got a knife in his hand and says he'll kill someone",
        "my husband keeps saying he'll kill me one day and he's shouting it now",
    ],
    "news named, danger now": [
        "I saw the police appeal about fires, and the flat below is on fire right now",
        "the fire service confirmed they're on the way but smoke is pouring out of next door right now",
    ],
    "someone here with a weapon, whatever the story before": [
        "for months now he's been sending me threats and he's at the door with a machete",
        "they've been at war with us for years and they're in the garden with a crossbow",
    ],
    "someone named by where they live has collapsed": [
        "the lady in the flat next door has collapsed",
        "the old man on the top floor has just passed out on the stairs",
    ],
    "a fear said with danger now": [
        "I always feared the pan would catch one day and it's on fire right now",
        "I'm scared he'll hurt her one day and right now he's hitting her",
    ],
    "a strong past anchor, then danger now": [
        "years ago he broke my arm and now he's just punched me again in the kitchen",
        "last month he threatened me and right now he's trying to break in the back door",
        "on Friday my ex smashed my car window and he's outside with a knife",
    ],
    "a crash with someone hurt, said now": [
        "a crash just now outside, nobody hurt in the van but the cyclist is trapped",
    ],
    "news named, a burglar here now": [
        "I'm left shaken after a burglar broke in, and he's still in the house now",
    ],
    "stabbed, not what might have been": [
        "my mate has been stabbed outside the club",
    ],
    "immediate danger said plainly": [
        "my son is in immediate danger, he's with a man who hurts him",
    ],
    "someone being hit now": [
        "a man is hitting a woman at the bus stop",
    ],
    "something going up in flames": [
        "the shed has gone up in flames",
    ],
    "someone getting into cars now": [
        "a man is getting into cars on our street right now",
    ],
    "a car drifting across lines now": [
        "a car is drifting across the white lines on the M4",
    ],
    "a thing alight now": [
        "the van by the school is alight",
    ],
    "a threat carried out now": [
        "he's smashing my windows right now",
    ],
    "a child not where they should be, with a search now": [
        "we've lost one of the children at the zoo",
        "my eldest isn't there, we've checked the cafe and called her name, ten minutes now",
        "my youngest has darted off in the market and I can't see him",
        "a dad by the tills can't find his little girl",
    ],
    "a confession said sideways": [
        "I think he's dead and it was me that did it",
        "I might have done something terrible, there's blood on the kitchen floor and he's not moving",
        "she must have been smothered, she was fine when I left the room with her",
    ],
    "a vehicle going the wrong way on a slip road or motorway": [
        "a van is heading down the slip road the wrong way onto the A36",
    ],
    "a crash told by how the car ended up": [
        "a lorry clipped a car and it's tipped onto its side on the bypass",
        "got t boned at the lights and the other driver is still sat in his car",
    ],
    "an erratic vehicle named as it": [
        "the lorry in front, it's drifting all over the road",
    ],
    "numbness starting in the face": [
        "half of his face has gone numb and he can't smile",
        "her face is going numb on one side",
    ],
    "vision closing in with a fall": [
        "my vision is going black and I fell in the kitchen",
    ],
    "a drunk driver told by the bottle and the running engine": [
        "there's a vodka bottle on the passenger seat and the engine is still running, he's slumped",
    ],
    "a person and a dog in the water": [
        "an old gentleman has slipped into the pond after his dog and he's stuck",
    ],
    "taken out by the sea, face in the water, off the towpath, wading too deep": [
        "my son's been pulled out by the rip and he's shouting",
        "a man is lying there with his face in the water by the weir",
        "a cyclist rode straight off the quay into the sea",
        "a man has waded into the lake up to his chest and won't come back",
        "she's stuck in the river and can't pull herself out",
        "there's something floating in the lake that looks like a body",
    ],
    "a fit, a blue face, bleeding that will not stop, a limb cut off": [
        "grandad is doing a fit in his chair",
        "her face is a bit blue and she's wheezing",
        "the blood won't stop coming from his head",
        "he's cut his finger off with the saw",
    ],
    "breath and asthma": [
        "I can't get enough breath to talk",
        "asthma attack and the inhaler is not working",
        "his breathing sounds all wrong",
    ],
    "a heart attack or a stroke named as a guess": [
        "I think it might be a heart attack, my arm is tingling",
    ],
    "stroke by a limb or a swallow": [
        "her left arm is just hanging there and she can't lift it",
        "he's dragging his right leg and his mouth has dropped",
        "he says he's forgotten how to swallow",
    ],
    "down after a fall and not getting up, or sleepy": [
        "she went down on the ice and she's not getting up",
        "grandma fell in the garden and keeps falling asleep on us",
        "she came down the stairs head first and her head is bleeding",
    ],
    "an overdose said short, a baby coming now": [
        "he's od'd and won't wake",
        "my wife's baby is coming now and the midwife isn't here",
    ],
    "a body sign said now after a story": [
        "we had a row earlier and she won't wake up",
    ],
    "smoke filling the home, a box glowing, a fire said now": [
        "the lounge is full of smoke from the log burner and we can't breathe",
        "there's smoke everywhere and I can't see the way out",
        "the transformer is glowing red and just went whoosh",
        "we left the heater on overnight and the lounge is on fire",
    ],
    "knives swung or carried in numbers": [
        "a man is swinging a knife at people in the precinct",
        "he's in the street with two knives",
    ],
    "held round the throat": [
        "he's got her round the throat",
    ],
    "someone forced into a vehicle, said other ways": [
        "a man tried to drag a girl into his van outside the school",
        "a teenager has just been bundled into a silver car by two men",
        "two men have just made a woman get into their car",
        "he grabbed a little girl and told her to get in",
    ],
    "strangers walk in and go off with a bag": [
        "two lads have just come in through the back and gone off with her purse",
    ],
    "a knock at night that will not stop; a thump on the wall home alone": [
        "it's 3am and someone is knocking on the window and won't stop",
        "home alone and someone is banging on the back wall of the house",
    ],
    "an ex at the door with a history": [
        "my ex is at the door, last time he broke my nose",
    ],
    "a figure at the glass at night; footsteps inside": [
        "woke at 2am and there's a man outside the patio door trying the handle",
        "there's footsteps downstairs and we're all in bed",
    ],
    "dark words and gone towards water or a bridge": [
        "my daughter posted some really dark stuff and went out, not answering, she goes to the river",
    ],
    "a car left by a bridge and its driver not answering": [
        "dad hasn't answered since this morning and his car has been found parked by the bridge",
    ],
    "locked in with a knife, a knife hidden to use": [
        "my brother has shut himself in the bathroom with a knife",
        "a boy in his class has hidden a knife so he can use it on a teacher",
    ],
    "each thought the child was with the other": [
        "at the fair I thought our toddler was with my husband, he thought she was with me, we've checked",
    ],
    "an indirect question is not a hypothetical": [
        "I checked if he was ok and he's not moving on the floor",
    ],
    "there's someone in the water, with a past word about them": [
        "there's a man in the river holding onto a branch, he was walking his dog",
    ],
    "a present 'he's still' beside a past anchor": [
        "last month he threatened me and he's still outside my house",
    ],
    "a threat to kill said outright, not a scam": [
        "my ex texted that he is going to kill me tonight",
    ],
    "a rumoured threat with the danger now": [
        "there are rumours they want to kill him and they're outside right now, should we report it",
    ],
    "still waiting for an ambulance": [
        "we're still waiting for the ambulance and she's stopped breathing",
    ],
    "gone down another way and not moving": [
        "a man keeled over outside the shop, he's not moving",
        "my dad just passed out in the kitchen and he won't wake up",
        "she fainted in the queue and isn't responding, people are with her",
        "the driver's slumped and not moving, the car's in the hedge",
    ],
    "a weapon pointed at people": [
        "someone's pointing a gun at the cashier in the co-op",
        "a lad is jabbing a knife at people outside the chippy",
        "he's waving a big butchers knife around in the street",
    ],
    "a body sign now beside a past word": [
        "my wife had a fall earlier and she's struggling to breathe now",
        "the carer found him this morning, he's on the floor and he's fighting for breath",
    ],
    "danger now beside the framing that lowers stories": [
        "residents say there's a fire in the flats right now, smoke everywhere",
        "my husband was rushed to hospital earlier and now my son has collapsed and isn't breathing",
        "I get a lift every day now but today he followed me and he's outside the door with a knife",
        "there's a fight outside the pub after complaints of noise, someone's been stabbed",
        "he's outside now, whenever I look out he's still there with a knife",
        "someone's mounted the pavement and hit people at the bus stop",
    ],
    "a child missing now: an empty bed, not seen since, the dark coming on": [
        "woke up and my daughter's bed is empty, she's 12, we've checked the whole house and the garden",
        "my 6 year old was playing out the front and nobody's seen her since, we've looked everywhere",
        "my son hasn't come home from the park, we've searched all his usual places and it's getting dark",
        "my 4 year old isn't at the playground, we've checked everywhere and it's getting dark",
    ],
    "smoke filling a home said other ways": [
        "the kitchen is filling with thick black smoke and I can't get the door open",
        "smoke is coming under the door and the landing has gone black with smoke",
        "the house is full of thick grey smoke and my nan is upstairs",
        "his kitchen window has gone black with smoke and he isn't answering",
    ],
    "stroke said other ways, and the onset dated by when they were last well": [
        "mum can't get a single word out and her face looks odd",
        "my husband can't feel his left arm and it's just hanging there",
        "dad's talking all slurry and his arm's gone weak",
        "she was perfectly fine this morning and now she can't lift her right arm",
        "this morning she's sat in the chair with her speech all slurred and one side of her face dropped",
        "he can't get one word out, it's the only word that comes out whatever I ask, he was fine at lunch",
    ],
    "a fall onto the head or something hard, then red flags said other ways": [
        "my 5 year old came off the slide at the park onto the concrete, she's been sick twice and keeps "
        "closing her eyes",
        "baby rolled off the bed onto his head, his head just flops and his eyes stay shut",
        "my son fell off the climbing frame onto the patio and now he's drowsy and being sick",
        "she fell backwards and landed on the back of her head, now she keeps falling asleep on me",
    ],
    "choking: something stuck and no cough or sound gets out": [
        "my little girl has got something stuck and there's no sound coming out of her at all, she can't "
        "even cough",
        "baby has a bit of food stuck and isn't crying or making a sound",
        "a piece of meat is stuck and he cant cough it up, he's clutching his chest",
        "something's stuck in his throat and no air is going in",
    ],
    "deep in the water and going on, or cut off by the tide": [
        "a man just walked into the flooded river, he's waist deep and still going",
        "the water's up to our thighs and it's getting dark, we can't see the shore",
        "we've been cut off by the tide on the sandbank and it's coming in fast",
        "the tide is over our waists and we can't get back to the beach",
    ],
}
NOT_EMERGENCY_KINDS = {
    "an anniversary of a past fire or loss": [
        "two years today since the fire took our flat and I still smell smoke when I close my eyes",
        "a year to the day since he collapsed and stopped breathing in the kitchen, still can't sleep",
        "it's the anniversary of the crash tomorrow and I keep seeing the car on fire",
    ],
    "shooting as sport": [
        "clay pigeon shooting every Sunday is driving us mad, bang bang all morning",
        "the shooting ground near us is so loud on weekends",
        "constant gunfire from the ranges on Salisbury Plain",
        "the pheasant shoot behind our house starts at 8am",
    ],
    "motorsport": [
        "the noise from the race track at Castle Combe is unbearable",
        "motorbikes racing round the track all day saturday",
        "rally cars screaming past the village every summer",
    ],
    "camping": [
        "people camping in tents on the field behind the church",
        "there are tents on the verge by the layby, been there a week",
        "a group have pitched tents in the car park",
    ],
    "strong words at the council": [
        "I could kill them at the council, the bins haven't been emptied for 3 weeks",
        "honestly I could strangle whoever designed this parking scheme",
        "the council are killing me with these fees",
        "i'd kill for a bin collection that actually turns up",
    ],
    "past event": [
        "a man was looking into car windows on our street last night",
        "someone tried our back door on Tuesday, we've got it on camera",
        "there was a fight outside the pub two weeks ago",
        "someone collapsed in the shop yesterday and I want to say thanks to the paramedics",
        "there was smoke coming from the derelict building last week",
    ],
    "hard shoulder seen days ago": [
        "a van was parked on the hard shoulder of the M4 a few days ago selling stuff",
        "cars using the hard shoulder as a lane last week near junction 17",
    ],
    "neighbour's fence": [
        "my neighbour has put up a new fence that's taller than the rules allow",
        "next door's new fence is on our side of the boundary",
    ],
    "garden bonfire": [
        "smoke from next door's bonfire is pouring into my kitchen",
        "neighbour has a bonfire every weekend and the house fills with smoke",
        "the smoke from their garden bonfire is coming through the windows",
        "the wood burner smoke from the cottage opposite is everywhere",
    ],
    "phone and things dying": [
        "my phone died so I couldn't finish the form",
        "my phone is dying, can you text me the number",
        "the plants in the park are dying",
        "I'm dying to know who fixes the streetlights",
    ],
    "habits": [
        "every night cars are swerving around the potholes on our road",
        "he used to hit me years ago, can I still report it",
        "the kids next door are always kicking off",
        "a drunk driver used to park on our street",
    ],
    "over and done with": [
        "my lad slipped into the river at the weekend but he's fine now, should there be a fence?",
        "smoke alarm went off and the hall was full of smoke, false alarm, it was the toast",
        "there was a fight outside the chippy, nobody got hurt, who do I tell about the CCTV",
        "grandad had chest pains at the weekend, he's fine now but do I tell his carer",
    ],
    "danger to life long past": [
        "my ex threatened to kill me years ago, can I still report it",
        "my dad stopped breathing last year and I want to thank the paramedics",
        "I found out my uncle overdosed a few months ago, where can I get bereavement support",
    ],
    "a time or a place, not a verb now": [
        "the bus shelter gets smashed up just after they fix it, every single time",
        "someone was smashing bottles just after midnight",
        "we lost our son for a few minutes at the fair last month, he was still by the rides",
        "there was a brawl in the car park just before closing on saturday",
        "I'm scared of it happening again after the break in last week",
    ],
    "habits of traffic": [
        "lorries mounting the kerb to get round each other at all hours",
        "cars swerving round the speed bumps day and night",
    ],
    "not coming round, but not coming to a place": [
        "the fire brigade won't come to a false alarm, what's the landlord supposed to do",
        "the bin men won't come to our road because of the parked cars",
    ],
    "gas that is not a leak now": [
        "I smelt gas last week, the engineer fixed it",
        "my gas bill is huge this winter",
        "who do I ask about a gas safety certificate for my rented flat",
        "what should I do if I smell gas?",
        "the drains outside smell like rotten eggs every summer",
    ],
    "choking hazards and batteries": [
        "small magnets are a choking hazard, who checks the toy shops",
        "where can I recycle old batteries in Swindon",
        "the bonfire smoke has us choking on the fumes every weekend",
    ],
    "burning smells that are not a fire": [
        "there's a burning smell from next door's barbecue",
        "the log burner smoke gets trapped in our garden",
        "the pub has a lovely crackling log fire, shame about the parking",
    ],
    "animals, not people, in the water or fighting": [
        "two swans fighting on the river by the bridge",
        "our dog jumped in the canal and won't come out, he's loving it",
        "ducks fighting on the pond every morning",
        "the kids were shouting in the lake all afternoon",
    ],
    "allergies and swelling that are not a reaction now": [
        "my son has a nut allergy, can the school menu list ingredients",
        "are the lip filler clinics in Swindon licensed",
        "my lips were swollen after the dentist last week",
    ],
    "falls and floors that are not a fall now": [
        "I can't get up the hill in my wheelchair because of the potholes",
        "my mum fell over last month and the council still hasn't fixed the paving",
        "the floor of the bus shelter is flooded",
        "my dad fell last week and can't get up the stairs now, can we get a stairlift",
        "came home to all the drawers emptied on the floor since friday",
    ],
    "diabetes without a hypo now": [
        "I'm diabetic, where can I get my insulin prescription",
        "my son had a hypo last week at school, how do I complain",
    ],
    "one sign is not an illness now": [
        "I'm confused about my council tax bill and in agony with my bad back",
        "I had a high temperature and was shivering a couple of weeks ago, should I tell my GP",
        "the kids were shivering at the bus stop because there's no shelter",
        "I'm so weak at forms, can't stand them",
        "my dog is breathing fast in this heat",
        "my daughter has a temperature and is being sick, which pharmacy is open late",
        "I'm in agony with my back and can't stand up straight, can I get a GP visit",
        "my son has a high temperature and is shivering, can I give him calpol",
        "a pigeon is lying on the patio breathing fast",
        "the burglar alarm next door has been ringing since this morning",
    ],
    "knives that are kitchenware": [
        "I've got a big kitchen knife set to return to the shop",
        "she has a new bread knife block from the market",
    ],
    "doors, handles and knocking that are not a crime now": [
        "someone was pulling on car door handles last night on our road",
        "I keep trying the door of the community centre but it's always locked",
        "my ex keeps banging on the door at weekends",
    ],
    "a child or a pet found, or lost long ago": [
        "our cat has been out all night and I can't find her anywhere",
        "my daughter ran off into the woods on our walk and we found her by the stream",
        "I turned round in the shop and my trolley was gone",
    ],
    "dementia without anyone missing now": [
        "where can I get support for my dad who has dementia",
        "my mum with dementia went missing last year, can we get a tracker from the council",
        "my nan has parkinsons and keeps falling out with the carers",
        "my foster son has run away again, the social worker knows",
    ],
    "driving habits and moods": [
        "people drive all over the road on the A4 every morning because of the potholes",
        "cyclists weave in and out of the traffic on Commercial Road all the time",
        "he's all over the place since his mum died",
    ],
    "railings and bridges": [
        "the railings on the bridge are rusty, who paints them",
        "we stood on the footbridge looking down at the steam train last summer",
        "the parapet of the bridge in Bradford on Avon has a crack in it",
    ],
    "hypothetical": [
        "what should I do if there's a fire in my flat?",
        "what if someone breaks in while I'm away",
        "who do I call if someone collapses in the street",
        "if my child went missing who would I ring",
    ],
    "traffic or a phone line, not a way in": [
        "lorries trying to get through the village since the bridge shut",
        "I've been trying to get through to the council all morning",
    ],
    "pollution getting into water": [
        "oil from the garage is getting into the stream behind us",
        "slurry getting into the brook again after the rain, who deals with that",
    ],
    "a queue of traffic behind you": [
        "on the diversion I had a line of lorries following me down a single track lane",
        "got lost with half the traffic following me round the industrial estate",
    ],
    "the power or an alarm that has just gone off": [
        "our power has just gone off, the whole street is dark",
        "the lights just went off in the flats, is it a power cut",
    ],
    "animals wandering on a road": [
        "sheep keep wandering across the lane by the cattle grid",
        "the cows keep straying into the lane from the farm, can we get a sign up",
    ],
    "a dog in a car told afterwards": [
        "saw a dog left in a car in the sun at the garden centre, the owner came back and drove "
        "off, should I report it?",
    ],
    "asking how to report something afterwards": [
        "how do I report my van being broken into",
        "is there any point reporting the man who was following me home from the bus stop",
        "where do I report lads smashing bottles in the skate park",
    ],
    "animals in trouble with no person in danger": [
        "a deer has been hit on the lane and it's still there, breathing, who do I ring",
        "two geese are fighting by the pond and one is holding the other under, should we call "
        "someone",
    ],
    "things still there after a break-in": [
        "the garage was forced but nothing's been taken, the bikes are still there",
    ],
    "something built, not burning": [
        "a new fence went up between our gardens without anyone asking us",
        "a new shed went up at the bottom of their garden, who checks the planning",
    ],
    "mould, damp or a rash spreading": [
        "damp started in the bathroom and now it's spreading to the bedroom",
        "there's a rash on his arm and it's spreading, which pharmacy is open",
    ],
    "a hoax gas leak": [
        "my neighbour rang in a fake gas leak to get the engineers round to my house",
    ],
    "news and police appeals": [
        "Police are appealing for witnesses after a man was seen with a knife near the station",
        "Police report a rise in vans being broken into across Chippenham",
        "I know where the man from that police appeal about the stabbing is living, will my call be "
        "anonymous",
    ],
    "shooting said figuratively": [
        "a driver made shooting gestures at me at the lights",
        "I keep getting shooting pains in my foot when I walk",
    ],
    "locked out of your own home": [
        "my husband is trying to get back in through the window after losing his keys, he's fine",
    ],
    "a feud or a street's trouble told as ongoing": [
        "ever since I complained about their extension it's been threats and following me about",
        "ever since the hedge row they've constantly been following me about and shouting",
    ],
    "a small hurt with a request for an ambulance": [
        "I've cracked a tooth on a nut, can you send an ambulance",
        "got a splinter in my thumb, do I need an ambulance",
    ],
    "a medical event passed on afterwards": [
        "mum's just rung to say dad had a fit overnight and they kept him in, who do we ask about it",
    ],
    "getting better afterwards": [
        "I turned round in the market and my son had gone, we found him by the fountain and he's just "
        "very clingy now",
        "she had a seizure yesterday, the paramedics checked her and she's still a bit tired but fine",
    ],
    "a pet shaking and stuck": [
        "the puppy is stuck under the decking, she's shaking and we can't get her out",
        "my little girl is shaking and crying after a nightmare",
    ],
    "everyday": [
        "there's a dead fox on the road by the school",
        "the wall in the alley has collapsed",
        "a deer has been hit by a car on the A4",
        "smoke alarm keeps beeping, I think the battery is low",
        "the chimney next door puts out smoke all day",
        "the kids have lost their football in the river",
        "can you help me find who deals with potholes",
        "the traffic is not moving on the A350",
        "I lost my purse in the shopping centre",
        "there's a pigeon in the road and cars are swerving round it",
        "my son has fits, who can help with school transport",
        "the boiler is making funny noises",
        "my heart sank when I saw the bill",
        "water is pouring through my ceiling from the flat above",
        "we've been stuck in traffic on the M4 for an hour",
    ],
    # look-alikes of the kinds widened from the real-voice misses (late 2026-11-30)
    "stroke signs over, or not a stroke": [
        "my nan had a stroke last year, her face drooped, can she get a blue badge",
        "I can't get the words out on the phone, can I email the council instead",
    ],
    "chest, tools, pills and breath that are not a 999 now": [
        "the lids of the chest freezer at the tip are a danger to kids",
        "I cut my hand open on a tin last week, it's healed, do I need a tetanus jab",
        "can I take paracetamol with ibuprofen for a headache",
        "I couldn't finish my sentence at the council meeting, they cut me off",
        "where can I buy a belt for my hedge trimmer",
    ],
    "falls, floors and babies that are not a 999 now": [
        "my dad fell last year and since then he's confused about his bills",
        "the council are barely answering my emails",
        "my daughter is having a baby in March, is there a birth centre in Swindon",
        "the wheelie bin was lying on the drive all night after the bin men came",
        "I'm so weak at maths, I'll collapse if I see another form",
        "the kids were shaking with cold and their eyes were staring at the sweets in the window",
    ],
    "fires, smoke and gas that are over, known or not a fire": [
        "the chip pan went up last month, the fire brigade were brilliant, do they charge",
        "the price of oil has gone up again, any help with heating costs",
        "the wires on the phone line crackle when it rains, who do I call",
        "smoke from the chimney next door is drifting through our window every evening",
        "the substation hums all night, can the council do anything",
        "the gas smell was strong last week, the engineer came and made it safe",
    ],
    "water, dogs and heights that are past or safe": [
        "my son fell in the canal last summer, can we get a fence",
        "I went overboard with the Christmas lights, is there a limit",
        "a dog went for my son in the park last week, how do I report it",
        "the railings on the wrong side of the bridge are rusty",
        "kids sit on the roof of the bus shelter every evening",
    ],
    "noise, exes, lost things and crashes that are not a 999 now": [
        "the neighbours are always shouting and there's thumping music every weekend",
        "my ex was in the house last month when he wasn't meant to be, the court date is next week",
        "has anyone seen my son's bike, it went from outside the shop",
        "a car ended up on its roof on the bypass last year, we need a barrier",
        "rattling windows in my council flat, when will they be fixed",
    ],
    "narrowed after probing: dementia, a bottle taken along, the dentist, a home birth planned, a row": [
        "my mum has dementia and gets confused, she fell over in March and the council won't do a ramp",
        "our son took a bottle of paracetamol to school for his headache, is that allowed",
        "my tongue feels fat after the dentist injection",
        "I'm having the baby at home, who do I contact for a home birth",
        "my neighbour's banging on the door shouting at her husband to let her in again",
    ],
    "vulnerable adult not missing now": [
        "my dad has dementia and hasn't wandered off yet, should I get him a tracker",
        "nan has alzheimer's and she's gone downhill fast this year, what help is there",
    ],
    "a fall that is over": [
        "she fell last year and screamed when the paramedics moved her, now she's walking again",
        "my toddler is still on the floor having a tantrum because I said no to sweets",
    ],
    "cold or not moving, in a safe sense": [
        "the car hasn't moved all week and the engine's cold, can the council tow it",
        "I can't find a pulse oximeter in any shop in Swindon",
    ],
    "not answering, not a worry now": [
        "my brother is diabetic and never answers his phone at work",
    ],
    "worse, one sign alone": [
        "he's much worse today with his cold, which pharmacy is open",
    ],
    "not being held": [
        "the council won't let me leave my tenancy early",
        "my mum won't let me go to the festival",
    ],
    "help without a plea": [
        "a man was waving to help us park at the show",
    ],
    "behind you in other senses": [
        "that's all behind me now, I just want to know how the courts work",
        "my family has been behind me all through the court case",
        "a car was on my tail all the way home last week, should I report it",
    ],
    "yes and still here, not coded": [
        "yeah he's still here till Sunday, any good walks near Marlborough",
        "I can't talk about the wedding plans now, he's listening to music in the lounge",
    ],
    "a threat long past": [
        "years ago my ex said he would hurt me, can I still get a restraining order",
    ],
    "a mugging long past": [
        "last summer three lads jumped me and ran off down the alley, never caught",
    ],
    "thrown things that are not an attack now": [
        "after months of kids throwing stones at cars the residents fitted cameras",
        "kids throwing bread at the ducks by the river",
    ],
    "windows and doors in ordinary work": [
        "the window fitters are fiddling with the frames in the lounge",
        "the postman went round the back looking for the parcel box",
        "my son lost his keys and climbed in through the kitchen window, is that a break-in",
    ],
    "a car or water, long past": [
        "a car went in the river at Bradford on Avon last year and the driver was still inside, any inquest",
    ],
    "something in the road that is not a person": [
        "a gull sat in the road by the roundabout, cars swerving round it",
    ],
    "thoughts of ending one's life, with no when or how now (a crisis line, not 999)": [
        "I keep thinking about ending it and I'm scared. Who can I talk to right now?",
        "some days I want to die but I'd never do anything, I just need to talk",
        "I tried to kill myself years ago and took pills, how do I stop feeling like this",
    ],
    "at a bridge but not in crisis": [
        "I'm sat on the wall by the bridge eating chips, where's a good pub",
    ],
    "old and cold, not lost": [
        "my old dad walks the dog in the frost without a coat, he says he never feels it",
    ],
    # story framings (late 2026-11-30): afterwards, about others, about a far future, or news
    "unhurt and shaken, told afterwards": [
        "last week some lads said they'd kill me outside the chip shop, I wasn't hurt, only a bit "
        "rattled, where do I log it",
        "my brother went for me on Saturday, punching me in the face; he's calmed down now but my jaw "
        "still aches, who helps families with this",
    ],
    "a long trouble told with a duration now": [
        "for weeks now someone has been ringing in hoax fire calls to my address",
        "for a couple of years now a man has been sending me letters saying my house will burn",
    ],
    "a now that is a comparison, an outcome or an official's ask": [
        "the pub wants a later licence and the street is noisier than it is now with fights at closing",
        "the man who set my shed on fire now has a suspended sentence, can I claim for the shed",
        "a car crashed through my fence the other day and now the police want me to send the footage",
    ],
    "rain, damp or mice getting in": [
        "rain is getting into the back bedroom through the roof and the landlord won't fix it",
        "mice getting into the kitchen cupboards, does the council deal with that",
    ],
    "thrown out: evicted or dismissed": [
        "we're being thrown out of our flat by the landlord, where do we go",
        "cases like mine are getting thrown out by the magistrates",
    ],
    "the ground floor is a storey": [
        "the lady on the ground floor of our block has people coming and going all night",
        "the man on the ground floor plays his music loud, who do I tell",
    ],
    "a person with dementia who has never got out": [
        "dad has dementia and has never wandered off, but what can we put in place just in case",
        "nan's dementia is getting worse though she hasn't gone missing, is there a register",
    ],
    "a fear about someone's driving": [
        "the way that van driver goes round the school he'll kill someone one day",
        "my neighbour drinks and drives, he's going to kill somebody on these lanes",
    ],
    "news and court reports": [
        "Fire crews were called to a barn blaze near Calne and two people were trapped, according to "
        "the police",
        "A man who set fire to his ex's flat has been jailed for six years",
        "More and more drivers are caught with cloned plates on the motorway",
    ],
    "a weapon told but no one here with it": [
        "last year my ex turned up outside with a knife and he was jailed for it, can I move house",
        "the ceiling in the lounge has collapsed after the leak, who fixes it",
    ],
    "a worry about a far future": [
        "I'm scared she'll leave the gas on and set the kitchen on fire one day",
        "worried he'll crash that motorbike into someone sooner or later",
    ],
    "a strong past anchor beats a manner just, a still or a story's now": [
        "Three years back a lad just hit me outside the chippy and walked off, should I still report it?",
        "Last month a man just grabbed my phone out of my hand on the bus, I still think about it",
        "On Friday a woman in the queue just punched my husband and left, he still has a bruise",
        "Last year a man hit me in town and now I'm seeing others say the same, is it too late now?",
    ],
    "nobody hurt, with a past word": [
        "A crash outside on Tuesday night and nobody hurt somehow, but the wall is down, who fixes it?",
    ],
    "a headline in the present tense": [
        "Corsham pensioner left shaken after burglar breaks in while she sleeps",
    ],
    "tablets taken as prescribed, or stopped": [
        "the GP is taking me off all my tablets next month",
        "my mum keeps forgetting to take her tablets, who can help",
    ],
    "rural crime told afterwards, as a habit, or as farmers' voices": [
        "we had hare coursers through the wheat last week and they smashed the gate, who do I report it to",
        "Farmers near Pewsey say gangs with lurchers are coming onto their land every weekend and cutting "
        "fences",
        "Farmers near Pewsey say gangs with lurchers are coming onto their land, cutting fences and smashing "
        "gates",
    ],
    "a headline's rescue, arrest or warning after the event": [
        "Pensioner rescued by firefighters after getting stuck in mud on the riverbank at Bradford on Avon",
        "Shoplifter caught red handed after getting wedged in the shop's back window",
        "Police warn dog walkers after sheep attacked on farmland near Pewsey",
        "Two boys pulled out of the canal by passers by after falling through the ice, both taken to "
        "hospital",
    ],
    "what might have been": [
        "he told me I'd have been stabbed if I'd walked home that way",
    ],
    "a danger said not to be one": [
        "the council said the tree wasn't an immediate danger so they won't cut it",
    ],
    "a fear of doing harm": [
        "I'm scared of hitting a child on the school run with the hedge blocking the view",
    ],
    "going up into the loft": [
        "my husband took the box up the ladder and it went up into the loft fine",
    ],
    "a local story's voices": [
        "Tenants say rats are getting into cars in the car park by the flats",
    ],
    "a generic driver, not one there": [
        "a tyre in the fast lane, anyone drifting over the line will hit it",
    ],
    "a fear that a thing will happen": [
        "the old van by the school, worried it will be set alight",
    ],
    "a threat of next time": [
        "he shouted that next time he sees me he's smashing my windows, then drove off",
    ],
    "a child lost long ago, or away as usual": [
        "my son isn't there at the weekends, he stays with his dad",
        "she lost her little girl to meningitis years ago",
    ],
    "a confession that is not a body": [
        "I think I might have done something stupid with my council tax payment",
        "my goldfish is dead and it was me who forgot to feed him",
        "the swans on the canal may have been poisoned",
    ],
    "the wrong way that is not a driver going it": [
        "the sat nav sent me the wrong way round the roundabout off the M4",
        "the sign on the A303 slip road points drivers the wrong way",
    ],
    "onto its side, not a vehicle": [
        "the recycling box tipped onto its side in the wind",
    ],
    "all over the road, not a vehicle": [
        "there's gravel from the resurfacing and it's all over the road",
    ],
    "numb from the dentist": [
        "half my face has gone numb after the dentist's injection",
    ],
    "dark, not vision": [
        "it's going dark at four now and I fell behind with the garden",
    ],
    "a bottle without a driver": [
        "found an empty wine bottle in the hedge by the lane",
    ],
    "water, long past or at play": [
        "the sandbags got pulled out by the tide last winter",
        "my toddler loves putting her face in the water at swimming lessons",
        "we walked off the towpath into the pub garden",
        "we waded into the stream up to our knees catching tiddlers",
        "the trolley is stuck in the river and we can't get it out",
        "the new statue in the lake looks like a giant head",
    ],
    "signs that are not a 999 now": [
        "the tailor is doing a fitting for my suit",
        "my nose bled a bit but the blood stopped quickly",
        "he cut his hair off for charity",
        "I couldn't get enough breath on the hill last week, should I see the GP",
        "my asthma review is due, nothing urgent",
        "is it a stroke risk to take the pill?",
        "his arm is hanging off the sofa while he sleeps",
        "my dog is dragging his back leg",
        "I've forgotten how to speak French",
        "my teenager fell asleep at 4 and he's not getting up for school",
        "the baby fell asleep in the car and keeps dozing off",
        "my mate od'd years ago, he's fine now",
        "our baby's coming in March, where are antenatal classes",
        "last week the baby wouldn't wake for feeds, is that normal",
    ],
    "smoke outdoors, a sunset, a fire that is out": [
        "the garden is full of smoke from next door's bonfire",
        "the smoke machine at the disco meant you can't see the stage",
        "the sunset was glowing orange over the hills",
        "last night the shed was on fire, it's out now",
    ],
    "a knife told long ago": [
        "the chef was swinging the knife around while telling a story last year",
    ],
    "a hug round the neck": [
        "my toddler got me round the neck with a big hug",
    ],
    "into a car, not forced": [
        "I pulled into the car park by the leisure centre",
        "I made her get into the car because it was raining",
        "the shopping got pushed into the back of the car",
    ],
    "family coming in, not strangers": [
        "my son came in and went off with my phone charger again",
    ],
    "noise at night told as a habit": [
        "at night the neighbour's music is thumping and won't stop",
        "home by myself and the neighbours keep thumping on the wall with their music every night",
    ],
    "an ex at the door by arrangement": [
        "my ex is at the door to pick up the kids, the order says he can",
    ],
    "someone expected, footsteps as a habit": [
        "I'm expecting someone at the door tonight with a parcel",
        "there's footsteps upstairs every night from the flat above",
    ],
    "a car or a bike left, nobody missing": [
        "my bike is missing, I left it by the bridge",
    ],
    "knives in a kitchen, a knife for the roast": [
        "the knife block is in the kitchen, my son locked himself in the bathroom to sulk",
        "I bought a new knife so I can use it on the roast",
    ],
    "a pet thought to be with someone": [
        "I thought the cat was with my sister but she'd taken it to the vet, all sorted",
    ],
    "a hypothetical still a hypothetical": [
        "what do I do if he collapses?",
    ],
    "someone in the water long ago": [
        "there was a man in the river last summer holding onto a branch",
    ],
    "the aftermath after a past anchor": [
        "Last month a gang laid into a lad in our cafe and the staff are still in bits",
        "On Saturday night a car crashed into our wall, nobody hurt, we're still waiting for the council",
    ],
    "an extortion scam that threatens to kill": [
        "got an email saying someone has been paid to kill me but they'll spare me if I pay in bitcoin",
        "a text says a hitman was hired to kill me unless I pay, is this a scam",
    ],
    "a threat known only by rumour": [
        "there are rumours online that a gang want to kill my son, should we report it?",
    ],
    "a knife in the house, a child shut in to play": [
        "the knife I use for gardening is in the kitchen, my son locked himself in the shed with his lego",
    ],
    "look-alikes found by probing the widened kinds": [
        "we've checked everywhere for the cat, she's not in the shed or the garage",
        "my daughter isn't in the play area at school today, I checked with the teacher",
        "my son said some dark things in his English essay about the river, he's fine now and out with mates",
        "the engine is running rough and there's a wine bottle rolling around in the boot",
        "his arm is hanging in a sling after the op",
        "is it a heart attack if you get a pain in your chest when you run? asking for a friend",
        "my ex is at the door to drop off the kids, he used to hit me but it's years ago",
        "is this a stroke? my face feels a bit tingly after the dentist",
    ],
    "local voices told about, even in the present": [
        "older residents on a quiet street say young people on mopeds are racing until the early hours and "
        "one night set a motorbike on fire",
        "local traders say shoplifters are threatening staff with knives",
        "villagers fear someone will be killed on the bend after another crash",
    ],
    "a headline's cause": [
        "police clamp down on fighting in the town centre after complaints of drunken brawls",
        "officers target underage drinking in the park after complaints of fighting",
    ],
    "told from long after, or already in hospital": [
        "months later she still cannot sleep after being attacked with a knife",
        "he ended up in hospital after being stabbed in 2019 and now he works with young people",
        "a man who was stabbed at a cashpoint says for months afterwards he could not leave home, now he "
        "helps others",
        "he woke up in hospital after being knocked out unconscious outside a nightclub",
    ],
    "a habit ('whenever') and a routine now": [
        "whenever I walk past the pub there's fighting outside",
        "my ex has been following me, whenever he turns up I ring and he's gone by the time they come",
        "I check the locks every night now since the burglary",
    ],
    "things piled up, not a vehicle on the pavement": [
        "rubbish piled up on the pavement and people have to walk in the road",
        "bags piling up on the pavement and christmas trees lying in the road",
    ],
    "look-alikes of the kinds widened by 'gone down' and 'pointing'": [
        "the shares slumped and the market's not moving",
        "i fainted at the wedding years ago and i won't go to another one",
        "the chef pointed a knife at the fish and explained how to fillet it",
        "he was pointing at the knife block asking which one to use for carving",
        "grandad was struggling to breathe last year but he's fine now on his inhalers",
        "the old dog keeled over last week, we're not moving on easily",
    ],
    "look-alikes of a child missing now": [
        "I checked and my daughter's room is empty, she's at a sleepover at her friend's",
        "my son isn't at any of the clubs I checked for the summer holidays",
        "my daughter's cot is empty because she sleeps in with us now, I checked the guidance",
        "my son hasn't been home for dinner, he's with his girlfriend, I checked her instagram",
        "our daughter hasn't come back from her holiday yet, it's getting dark there now",
        "nobody has seen her since she moved to Spain, my daughter is not answering my calls",
        "my son has moved out and his room is empty, I've checked his old stuff",
        "my 15 year old hasn't come home yet but he texted that he's at his mate's, it's getting dark",
        "our cat hasn't come back, we've looked everywhere and it's getting dark",
    ],
    "look-alikes of smoke filling a home": [
        "the windows have gone black with mould, we've checked and the landlord won't come",
        "the ceiling has gone black with soot from the candle, we checked the smoke alarm",
        "the pub used to be full of smoke back in the day",
    ],
    "look-alikes of stroke and of the onset": [
        "the farmer's slurry tank is leaking into the stream again",
        "my toddler can only say no at the moment, is that normal for two",
        "he was fine this morning and he's fine now, just a bit of a cold yesterday",
        "I slept funny and couldn't feel my right arm for a few minutes yesterday, it's fine now",
        "he was fine this morning but he got burgled last week, should we report it",
        "the only word that comes out of his mouth is football",
        "she can't get a word out of him about school, he just grunts",
        "he was fine at breakfast but he's been moody since, teenagers",
        "this morning he's going to the GP about his cough",
        "she was fine yesterday and the burglary was on Tuesday, should we still report it",
    ],
    "look-alikes of a fall onto the head": [
        "my son fell off the sofa onto the floor, he cried and now he's playing again",
        "she came off her bike onto the pavement yesterday, grazed knee, she's been sick twice with a bug",
        "baby rolled off the bed onto the carpet, he's fine, just wanting to sleep as it's nap time",
        "the cat fell off the shelf onto the floor and keeps closing her eyes",
        "the vase fell off the shelf onto the tiles and smashed",
        "my son landed on his head doing a backflip on the trampoline but he's totally fine, laughing",
        "my toddler tumbled off the step onto the floor, bumped his head, eyes stay open, running around",
    ],
    "look-alikes of choking": [
        "a bit of lego is stuck in the drain and the sink can't drain",
        "a coin is stuck in the car park machine and it isn't making a sound",
        "something's stuck on my car windscreen and the wipers can't shift it",
        "there's a toy stuck behind the sofa and the dog can't reach it",
        "something got stuck in my printer and no paper is coming out",
        "my cough is stuck on my chest and I can't breathe through my nose with this cold",
        "some food got stuck in the sink plug and the water isn't going down",
        "a piece of the jigsaw is stuck and my son can't make it fit, he's crying his eyes out",
    ],
    "look-alikes of deep water and the tide": [
        "we were cut off by the tide years ago as kids, scary stuff",
        "the kids were in the sea today, water up to their waists, lovely day",
        "the fisherman in the river is waist deep in waders like every saturday",
        "the flood water in the street is up to my knees, the council won't clear the drain",
        "the lifeboat rescued walkers cut off by the tide last week, police appeal for people to check times",
        "is the river waist deep at the ford? we want to paddle across in summer",
        "the swimming pool water is up to my chest in the shallow end",
    ],
}


def _cases(kinds: dict) -> list:
    return [pytest.param(text, id=f"{kind}: {text[:40]}") for kind, texts in kinds.items()
            for text in texts]


@pytest.mark.parametrize("text", _cases(EMERGENCY_KINDS))
def test_every_kind_of_emergency_is_caught(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", _cases(NOT_EMERGENCY_KINDS))
def test_look_alikes_of_each_kind_are_not_emergencies(text):
    result = safety.check(text)
    assert not result.is_emergency, (text, result.reasons)


@pytest.mark.parametrize("text", [
    "he's back, he's outside now", "they're here again", "I can see him from the window",
    "he's coming back", "she's at the door",
])
def test_short_follow_up_is_danger_only_in_context(text):
    result = safety.check(text)
    assert result.danger_if_context and not result.is_emergency, (text, result)


@pytest.mark.parametrize("text", [
    "he's back from holiday last week, who do I ask about the bins",
    "they were outside yesterday",
    "the bin men are back on Tuesday and the lorry is here every week",
])
def test_ordinary_lines_are_not_follow_up_danger(text):
    assert not safety.check(text).danger_if_context, text


def test_a_hypothetical_clause_does_not_hide_a_danger_said_now():
    assert safety.check("what do I do if he gets in, he's trying to break in right now").is_emergency
    assert not safety.check("what should I do if someone is breaking in?").is_emergency


def test_crisis_cues_are_read_in_hypothetical_clauses_too():
    assert safety.CRISIS in safety.check("if this carries on I want to kill myself").flags


@pytest.mark.parametrize("text", EMERGENCIES[:-1])
def test_emergencies_are_caught(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", NOT_EMERGENCIES + EMERGENCIES[-1:])
def test_everyday_problems_are_not_emergencies(text):
    assert not safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", ["I want to kill myself", "my friend is suicidal",
                                  "i keep self harming", "I don't want to be here anymore"])
def test_crisis_is_flagged(text):
    assert safety.CRISIS in safety.check(text).flags


def test_domestic_abuse_cue_is_flagged():
    assert safety.DOMESTIC in safety.check("my boyfriend controls everything and hits me").flags


def test_disguised_text_is_still_caught():
    # zero-width characters and Cyrillic look-alikes must not hide a weapon
    assert safety.check("he has a kn\u200bife").is_emergency
    assert safety.check("he h\u0430s \u0430 gun").is_emergency


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_handled(text):
    result = safety.check(text)
    assert result.level in (None, safety.EMERGENCY, safety.CRISIS, safety.DOMESTIC)


def _hits_one_by_one(prepared: str) -> set:
    return {n for n, pats in safety._COMPILED.items() if any(p.search(prepared) for p in pats)}


def _hits_combined(prepared: str) -> set:
    return {n for n, pattern in safety._ANY.items() if pattern.search(prepared)}


def _all_texts() -> list:
    from pathlib import Path

    import yaml
    texts = []
    for path in (Path("data/nlu.yml"), Path("tests/nlu/heldout.yml")):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            texts += [t[2:] for t in block.get("examples", "").splitlines() if t.startswith("- ")]
    for kinds in (EMERGENCY_KINDS, NOT_EMERGENCY_KINDS):
        texts += [t for ts in kinds.values() for t in ts]
    return texts + EMERGENCIES + NOT_EMERGENCIES


def test_combined_and_gated_scans_find_what_each_pattern_finds():
    texts = _all_texts()
    assert len(texts) > 2000
    found = 0
    for text in texts:
        prepared = safety.prepare(text)
        one_by_one = _hits_one_by_one(prepared)
        assert _hits_combined(prepared) == one_by_one, text
        assert safety._scan(prepared) == one_by_one, text
        found += bool(one_by_one)
    assert found > 100


def test_gates_are_found_for_nearly_every_pattern():
    # a pattern without a gate is searched on every message: keep them rare (speed, not safety)
    assert len(safety._ALWAYS) <= 5, [safety._PATTERNS[i][1].pattern for i in safety._ALWAYS]


def test_gate_of_a_pattern_is_in_each_of_its_matches():
    assert safety._gate(r"\b(he|she)( is|'s)* (collapsed|passed out)\b") == \
        frozenset({"col", "pas"})
    assert safety._gate(r"\b(a|b)\w+") is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["knife", "stabbed", "now", "breaking", "in", "my", "house",
                                 "kill", "myself", "partner", "hits", "me", "car", "fire",
                                 "not", "yesterday", "someone", "is", "outside", "he's", "face",
                                 "dropped", "smoke", "coming", "from", "the", "roof", "river",
                                 "hasn't", "come", "up", "just", "flipped", "lorry", "swerving",
                                 "drunk", "driving", "off", "help", "please", "lost", "our",
                                 "little", "boy", "chest", "pain", "won't", "wake", "blue"]),
                max_size=14))
def test_combined_and_gated_patterns_on_word_salad(words):
    prepared = safety.prepare(" ".join(words))
    assert _hits_combined(prepared) == _hits_one_by_one(prepared) == safety._scan(prepared)


# -- kinds found in the enlarged real-voice train and dev splits (late 2026-11-29); the sentences
# are the team's own --------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "grandad is lying on the floor and he won't answer me",
    "my nan collapsed in the hall and she isn't moving",
    "her seizure stopped but she keeps having more of them",
    "he's breathing all wrong, there are long gaps between breaths",
    "someone is forcing the patio door right now",
    "two men are kicking in the back door",
    "my daughter texted me, she says there's a man she doesn't know upstairs in our house",
    "my boy has set fire to the curtains and the room is filling with smoke",
    "the landing's gone black with smoke and the kids are still up there",
    "yes he's still in the house, please be quick",
    "came back to find the kitchen window wide open, they might still be inside",
])
def test_new_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    "since my husband passed I keep getting in the car and driving around at night",
    "the lift went up to the top floor and now the doors won't open, nobody is hurt",
    "a couple of weeks back someone was trying car doors on our street, who do I tell",
    "how do you get over being burgled?",
    "he was sent down for hitting me, it's all over now but I still get nightmares",
    "mark my words someone is going to get killed on this road one day",
    "victims often worry the burglar will come back",
    "Now I've had a letter from the court asking me to be a witness and I'm panicking",
    "where they live the police never come",
])
def test_story_words_that_are_not_999(text):
    assert not safety.check(text).is_emergency, (text, safety.check(text).reasons)


# -- a long story is told afterwards unless it says "here, now" in so many words (2026-11-30,
# fifth session: rules-only on train + dev, 132 -> 65 false 999s, no emergency missed); the
# sentences are the team's own ------------------------------------------------------------------
LONG_STORY_NOT_999 = [
    # present verbs and a bare "now" all through, but a habit told at length
    "We moved here three years ago and it was lovely at first. Then a new family moved in at the "
    "end and the lads started racing quad bikes up and down the back lane, revving at all hours. "
    "They smash bottles on the path, they are shouting and swearing at anyone who says a word, "
    "and now my wife won't walk the dog after dark. The council say it's the police, the police "
    "say it's the council. Who actually deals with this?",
    # a threat to life in a long account of someone's illness, not danger now
    "My dad has had memory problems for a couple of years and it is getting harder. He thinks the "
    "neighbours are plotting to kill him and that they come into the house at night and move "
    "his things. He rings me every evening in a state, and he has stopped eating properly because "
    "he says the food is poisoned. His GP just says keep an eye on him. I live an hour away and "
    "I work full time. Where do I even start getting him some help?",
    # "just" as a manner word and things (not people) "still here": not danger now
    "Somebody got in through the back while we were at the match on Saturday. They went through "
    "every drawer and took the jewellery box and the spare car key, though the telly and the "
    "laptop are still here. The police came and took prints. I keep telling myself it's just "
    "stuff but I'm not sleeping and every noise sets me off. There are lads going round trying "
    "car doors on our road at night. Is it normal to feel like this a week later?",
]
LONG_STORY_999 = [
    "Sorry this is long. Our street has had trouble for months with the people at the end, "
    "parties, shouting, the lot, and I've reported it before and nothing happened. Tonight it is "
    "different. There are two men in my back garden right now with what looks like a bat, one of "
    "them is trying the back door and my children are upstairs asleep. My husband is away and I "
    "don't know what to do, I'm hiding in the bathroom with the light off",
    "We've had cars broken into on our road every week since the summer and the police never "
    "seem to come. I got up for a glass of water and there's a man going along the parked cars "
    "with a torch trying every handle, and he's still there at the end by the garages with "
    "another one keeping watch. I can see them from the landing window. My neighbour's van is "
    "one of the ones he has already opened. What should I do?",
    # background at length, then a weapon now in the last words
    "I've lived next to this family for six years and it has always been up and down. They argue, "
    "the music goes on at all hours, the police have been out a few times over the summer and the "
    "council sent letters about the rubbish. I have tried to keep out of it and keep myself to "
    "myself, and mostly it works. It all blew up over the parking and now he has a knife out and "
    "is threatening my husband over the fence",
]


@pytest.mark.parametrize("text", LONG_STORY_NOT_999)
def test_a_long_story_without_here_and_now_is_not_999(text):
    assert len(text.split()) >= safety.LONG_STORY
    assert not safety.check(text).is_emergency, safety.check(text).reasons



@pytest.mark.parametrize("text", LONG_STORY_999)
def test_a_long_story_that_says_here_and_now_is_999(text):
    assert len(text.split()) >= safety.LONG_STORY
    assert safety.check(text).is_emergency


# -- someone at risk (past attempts, talk of not wanting to live) and now out of reach: the
# history is past by nature, so its past words do not lower the 999 (2026-11-30, fifth session:
# 4 more caught on train + dev, no false 999 added); the sentences are the team's own ---------
@pytest.mark.parametrize("text", [
    "my brother has tried to end his life twice and now he isn't answering his phone, his flat is dark",
    "Dad said last month he didn't want to go on, he went out after dinner and never came back, "
    "his mobile goes straight to voicemail",
])
def test_at_risk_and_out_of_reach_is_999(text):
    assert safety.check(text).is_emergency, safety.check(text).reasons


@pytest.mark.parametrize("text", [
    "my sister tried to take her own life two years ago, she's doing well now, how do I support her",
    "he's attempted before and wasn't answering last night but he turned up this morning, he's safe",
])
def test_at_risk_but_reached_or_no_absence_is_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


# -- a vulnerable adult gone now: the morning they left and where the family looked are part of
# the story (2026-11-30, fifth session: 4 more caught on train + dev, no false 999 added); the
# sentences are the team's own -------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "my nan has dementia and she's not in the house, the back door was open when I came down this "
    "morning, we've checked the garden and the lane",
    "Turned my back for a minute at the garden centre and my husband has gone. He has Alzheimer's "
    "and can't say where he lives",
])
def test_vulnerable_adult_gone_now_is_999(text):
    assert safety.check(text).is_emergency, safety.check(text).reasons


@pytest.mark.parametrize("text", [
    "my grandad has dementia and went missing last year, the police were brilliant, how do I thank them",
    "dad with dementia didn't come back from his walk this morning but a neighbour brought him home, "
    "he's safe now",
])
def test_vulnerable_adult_found_or_long_ago_is_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


# -- sixth session (2026-11-30): kinds found by batches general_25/26, emergencies_21, bodies_7,
# scored once unseen before any change; each rule measured on train + dev (6 more caught, 2 fewer
# false 999s, none lost). The sentences are the team's own. ----------------------------------
@pytest.mark.parametrize("text", [
    # a young child out of sight, nobody can see him
    "our little boy ran off behind the bouncy castle at the fete and none of us can see him",
    # people on the railway line now
    "is that even allowed? there's a bunch of teenagers sitting on the railway line by the crossing",
    # a vehicle reversing on a motorway or its slip road
    "a lorry is reversing back up the slip road onto the motorway, cars are swerving round it",
    # hammering at the door with tools
    "a group of them are banging on our front door with bats, the wood's splitting",
    # horses or cattle loose on a road, with traffic
    "three cows are wandering down the middle of the road by the farm and cars are coming round the bend",
    # someone who lives alone, not seen for days, no answer
    "the old man next door lives alone and nobody has seen him since the weekend, his post is piling "
    "up and he won't answer the door",
    # (second group, from emergencies_22: 2 more caught on train + dev, none lost)
    "the smoke alarm next door is going and they're on holiday, through the glass the hall looks hazy "
    "and orange",
    "a wave knocked my son off the sandbank and he's been dragged out past the surf, he can't get back in",
    "two gangs outside the club are squaring up, it's about to kick off",
    "I won't be around much longer, I'm sat on the top of the multi storey car park",
    "CO alarm went off last night, engineer said nothing wrong. this morning we all feel sick and my "
    "daughter is hard to wake",
    # a habit's words that are not a habit: background ("lived here for months"), a knife carried now
    "we've lived here for months and there's smoke pouring out of next door's roof",
    "my husband has been carrying a knife around the house all evening and threatening me",
    # flames out, but the room still full of smoke and someone coughing in it
    "we've got the flames out with a towel but the kitchen's full of black smoke and the baby won't "
    "stop coughing",
])
def test_sixth_session_kinds_are_999(text):
    assert safety.check(text).is_emergency, safety.check(text).reasons


@pytest.mark.parametrize("text", [
    # someone away or home now; an arrest made; a fire the crew put out
    "since we split up he texts all day, last week he said he'd set fire to the house. he's not here "
    "now but I'm sick of it",
    "two men robbed the shop with a knife on Friday and said they'd kill us. police have arrested "
    "someone, is there any help for my staff?",
    "someone torched a dumped car behind our garages last night, I had to move mine before it caught. "
    "fire crew had it out in minutes. the burnt shell is still sat there, who gets rid of it?",
    "my son got hit by a car on Saturday and it didn't stop, he hit his head on the kerb. he's home now, "
    "how do we find them?",
    # habits and campaigns, not danger now
    "my nephew has started carrying a knife and I don't know who to tell",
    "another friday, another fight outside the kebab shop",
    "farmers are being urged to report hare coursing and poaching to help catch the gangs",
    # debris, an animal hurt, a bed's edge, people getting in and out, years of online stalking
    "two cars on the corner have had the driver's wing mirrors smashed clean off, bits all over the road",
    "a heron by the canal has been shot with an air rifle, it's limping on the bank, who deals with that?",
    "I spend Christmas on my own, sitting on the edge of someone else's family just makes it worse",
    "vans parking across my drive stop people getting in and out of the house",
    "a man has been following me around the internet for years and I moved but he still found me",
    "racist graffiti was painted on the shelter with a threat to kill them, over the past month",
    # (second group) the services already there; tangled, not alight; a fire that went out; the
    # threatener away now
    "passing the roundabout and there's a car upside down with firefighters cutting the roof off and "
    "someone inside, what's happened?",
    "young swan by the weir, it's caught up in fishing line and stuck in the reeds, struggling to keep "
    "its head up",
    "chip pan caught light at tea, it went out when I put the lid on, nothing else caught, do I need to "
    "tell anyone?",
    "my ex turns up drunk most nights and has said he'll stab my brother. he's not here right now but "
    "it's constant",
])
def test_sixth_session_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


# Seventh session: kinds found in the new real-voice batches' train and dev items (each written anew).
@pytest.mark.parametrize("text", [
    # a dog with hold of a child now
    "next door's dog got through the fence and it's got my daughter by the arm, I can't get it off her",
    "a big bull terrier has bitten my son on the hand in the park and it won't let go",
    # a burning smell with an alarm beeping; petrol fumes indoors that made people go out
    "there's a smell of burning in the stairwell and a smoke alarm beeping in the flat opposite",
    "strong stink of petrol in our house and next door's, we've all gone out into the street",
    # half an hour ago is still now for a child gone
    "our little girl went off from the picnic about half an hour ago and we can't find her anywhere",
    # a smoke alarm going for minutes in someone else's flat; hiding from someone raging now
    "the smoke alarm in the flat below has been going off for twenty minutes and nobody's answering",
    "he's come back drunk, shouting and throwing things about, I've locked myself in the bathroom",
])
def test_seventh_session_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # "taking" as everyday words; who does the driving; figurative fighting
    "the council are taking the extra money off my housing benefit and I'm scared how we'll manage",
    "my workmate is taking my ideas and passing them off as hers in meetings, what can I do?",
    "mum can barely walk since her operation so I do all the driving now, can she get a blue badge?",
    "my friend says he's tired of fighting all the time and just wants a rest, should I worry?",
    # a witness to be; a worry about who could be out there; a police warning; pests getting in
    "I'm due to be a witness at the crown court next month about a fight I saw, can someone support me?",
    "the new street lights are so dim anyone could be out there trying car doors, who do I complain to?",
    "Police in Calne say a handful of teenagers are behind the robberies with knives this autumn",
    "the rats have started getting into our kitchen, who do I call?",
    # damage found afterwards
    "woke up to find every tyre on the street slashed, looks like someone went along with a blade. "
    "now I can't get to work",
    # a crash over with everyone fine; a parent's worry said not to be danger; a bag to take
    "car on its roof in the ditch this morning, thankfully the driver was ok, people still fly down it",
    "my daughter's away at uni and gets low. I'm not saying she's in danger right now, I just worry",
    "the verges are full of rubbish, worth taking a bag when you walk the dog",
])
def test_seventh_session_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


@pytest.mark.parametrize("text", [
    # an aircraft down
    "just heard an engine cut out over the village and a thump, I think a small plane has come down "
    "behind the farm",
    "a microlight has crashed in the field by the allotments, can't see anyone getting out",
    # a person pinned under something heavy
    "my husband's pinned under the trailer in the yard, the jack slipped and he can't get out",
    "neighbour is trapped under his quad bike in the paddock, it rolled on the bank",
    # cattle or a horse have attacked someone, who is hurt or down
    "the bullocks went for my wife on the footpath, she's on the ground and can't get up",
    "a horse kicked my friend in the yard and she's lying there not answering me",
    # a toddler who has got out, and a search
    "our 3 year old has got out the front door, we've checked the whole house and the street",
    "the back gate was left open and we can't see the toddler anywhere, we've searched the garden",
    # someone alone whose routine has stopped, told with the routine's habit words
    "the lady opposite lives alone and her blinds haven't been opened today, she's always up at six. "
    "no answer at the door",
    # a knife out of a drawer is still a knife out
    "he's just got a knife out of the kitchen drawer and he's going after my brother",
    # people on the line at a station; a child repeating a word is not a habit
    "two kids are mucking about down on the line at the station and the next train is due",
    "rang my sister and her toddler picked up crying mummy over and over, she's got epilepsy and isn't "
    "answering",
])
def test_eighth_session_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # a feeling, not an attack; a weapon taken off someone long ago
    "the drilling next door all weekend feels like being attacked in my own home, who enforces it?",
    "I'm the one who got the knife off him that night and the trial is next month, can someone come "
    "with me?",
    # a routine since; a decision since; a cost since
    "every other night now the lamping lads are on our land with lights, smashing gates, who do we tell?",
    "they jumped him on the way home from school on Tuesday and he had stitches. I'm not letting him "
    "walk on his own now",
    "bins set on fire and the shelter smashed, all in the last few weeks. now we're paying for cameras",
    # a gas smell known for a week and looked at
    "there's been a whiff of gas by the postbox for over a week, the gas people came and dug a hole, "
    "who chases them?",
    # an old crash, an aircraft that landed safely, a cat under a car
    "a plane came down on the hill in 1998, is there a memorial anywhere?",
    "the glider came down safely in the field next to ours, the pilot waved, is that allowed?",
    "our cat is stuck under the car and won't come out, any tips?",
    # money chased; knives pulled out of a hedge on a litter pick; a weekend routine with "now"
    "the hire company are now chasing me for £400 over a scratch, can they do that?",
    "the scouts found two kitchen knives on a litter pick and pulled more knives out of the hedge by the "
    "school, who should know?",
    "lads on bikes round the precinct every fri and sat night now, shouting and fighting, who do we tell?",
    # calls made over and over; a case's outcome said with "now"; a video passed round
    "my uncle keeps ringing for an ambulance over and over when nothing's wrong, he's lonely. now he's "
    "been fined, who can help him?",
    "there's a video going round of kids running across the line in front of a train at the station, "
    "who do I send it to?",
])
def test_eighth_session_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


# Ninth session: kinds found in train or dev messages of batches already scored unseen (general_41-43,
# emergencies_28), written here in our own words.
@pytest.mark.parametrize("text", [
    # a dog shut in a hot car, with words between and the heat said another way
    "there's a little dog barking and whining locked in a car at the garden centre, sun's beating down, "
    "it's boiling today and nobody's come back",
    # a child gone for an hour or more, told with where they went and who has looked
    "my daughter has been gone nearly two hours. she took the dog round the block and we've been to "
    "all her mates' houses, my partner's out driving round",
    # narrowings that must not lose these
    "my neighbour's just found her husband on the floor of the shed, she thought he was dead but he's "
    "breathing, he's not moving",
    "he's collapsed in the hallway and his arm is hanging limp, send an ambulance now",
])
def test_ninth_session_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # a car in limp mode; an animal's leg; an animal hit on the road; an animal's body in the water
    "the van went into limp mode on the A350 and the garage says it's the turbo, can I claim?",
    "me and my neighbour got a fox out of the netting an hour ago, it can't stand and its leg is hanging "
    "wrong, who do we ring?",
    "a van has just hit a badger on the lane and kept going, it's lying in the road still moving",
    "there's a duck in the pond with plastic rings round its body going under every time it dives",
    # an ambulance asked for as a lift
    "my hospital appointment is at nine and I can't get a bus, can you send an ambulance to take me?",
    # kicking a ball; a recording watched afterwards; a complaint told; a hoax; the teller taken for drowning
    "youngsters kicking a football against the garages every evening have dented two doors now",
    "went through the camera footage and there's a man walking up to my van on the drive trying the "
    "door, he just wandered off",
    "caravans have been moved off the rec after residents complained about people trying car doors",
    "my nephew thought it would be funny to ring 999 saying there was a man with a gun at school, "
    "what happens to him now?",
    "I swim in the lake every morning and three times now someone on the bank has rung the police "
    "because they thought I was drowning. how do I stop this?",
])
def test_ninth_session_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


# Ninth session, second round (general_44, emergencies_29, scored unseen first), in our own words.
@pytest.mark.parametrize("text", [
    # a scream and then silence; a takeaway order that is a call for help; sparks out of a chimney
    "banging and shouting through the wall for ages then she screamed and now there's nothing, not a sound",
    "hello yes can I get a large pizza delivered to the flats on the corner. yes I know who I've rung. "
    "no I can't stay on",
    "red bits are shooting out of the top of our chimney and the stove went out an hour ago, should "
    "we be worried",
    # a threat to attack a school; an old grenade dug up
    "my son showed me a post from a lad in his year saying he's bringing a gun in on friday and "
    "you'll all die",
    "the lads digging the footings have hit something and we think it's an old grenade, rusty as anything",
])
def test_ninth_session_second_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # a bang likened to a grenade is not a grenade found
    "next door are letting off bangers, it sounds like a grenade every few minutes, who do I complain to",
    # parked facing the wrong way; a CO alarm beeping with symptoms denied
    "is it an offence to leave your car parked facing the wrong way on the road overnight?",
    "the carbon monoxide alarm keeps chirping but we're all fine, no headaches or anything, who checks it?",
])
def test_ninth_session_second_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


# Ninth session, third round (general_45, emergencies_30, scored unseen first), in our own words.
@pytest.mark.parametrize("text", [
    # going garden to garden trying the back doors
    "couple of lads climbing through the gardens behind our close, one after another, looking at the "
    "back doors",
])
def test_ninth_session_third_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # locked out; a season's routine; a farmer quoted; a wish not to wake; recovering since
    "locked myself out again, the spare key is inside on the hook, can someone come and let me in?",
    "every autumn once the maize is down the lampers are back out on our land at night with their dogs",
    "a farmer near Mere says poachers are driving through the crops at night and threatening anyone "
    "who challenges them",
    "some nights I just want to fall asleep and not wake up, I don't know who to talk to",
    "my son was knocked out cold outside the club on friday, the police took statements and he's now "
    "recovering at home, will they catch them?",
])
def test_ninth_session_third_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


# Tenth session (general_46-48, emergencies_31, scored unseen first), in our own words.
@pytest.mark.parametrize("text", [
    # an overdose said with an intensifier
    "my flatmate has taken way too many sleeping pills, what do I do",
    "mum has swallowed far too many tablets, what do we do",
    # a live line down where people walk or drive; a cable in the street sparking
    "power cable come down across the lane in the wind and it's lying on the road",
    "the overhead cables over our street are sparking and there's little bangs",
    # a dog attack on the teller: the animal in the story does not make it a vet's
    "a dog has just gone for me in the park and I'm bleeding badly from my leg",
    "thought the noise upstairs was one of the dogs, ran up and he's on the bed shaking, his lips have "
    "gone blue",
])
def test_tenth_session_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # a pet bird or rabbit poorly: a vet's, not a 999
    "please help, my rabbit is struggling to breathe and won't eat",
    # the teller's options ("can I still send it"), not someone still there
    "was behind a lorry last night weaving all over the A36, police pulled him over later on. can I still "
    "send in my dashcam?",
    # a place taken over by things, not a person taken
    "is it just me or is the high street being taken over by vape shops and e-scooters",
    # a habit said as times a day
    "car alarms in the car park go off three times a day, either they're faulty or cars are getting broken "
    "into",
    "car alarms in the car park go off every single day, either they're faulty or cars are getting broken "
    "into",
    # a phone line down is not a live cable
    "the phone line is down across our lane since the storm, who fixes it?",
])
def test_tenth_session_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


# Tenth session, second round (general_49-51, emergencies_32, scored unseen first), in our own words.
@pytest.mark.parametrize("text", [
    # a yearly night's routine, even with "now"
    "every bonfire night now there's kids lobbing eggs at the houses on our road, can the shops stop "
    "selling them?",
    # a count over weeks is a pattern, not this minute
    "the fire brigade have been out ten times in six weeks to bins set alight behind the flats in Melksham",
])
def test_tenth_session_second_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


@pytest.mark.parametrize("text", [
    # guards: a fire or an attack now is still a 999 whatever the season
    "it's bonfire night and the shed next door is on fire, flames up to the roof",
    "kids are throwing bricks at my windows right now, every halloween it's the same",
])
def test_tenth_session_second_still_999(text):
    assert safety.check(text).is_emergency, text


# Eleventh session (general_52-54, emergencies_33, scored unseen first), in our own words.
@pytest.mark.parametrize("text", [
    # a wound that spurts is an artery, whatever cut it
    "glass door shattered and caught my brother's leg, it's spurting, we've got a towel on it",
    # a dog among livestock now is worrying happening
    "a loose dog is in with our lambs now and nobody's with it",
    "there's dogs chasing the farmer's sheep at the moment, up by the church in Bratton",
    # animals loose on a road, told at length, with traffic
    "three cows have got through the hedge by the farm shop and are now wandering along the main road, "
    "cars having to stop",
    "ponies all over the carriageway near Beckhampton, a car has just clipped one",
    # hare coursers on the land, or said to be at it now
    "hare coursers in our bottom field with lamps and dogs, two trucks, can you send someone",
    "there's lamps and dogs going across the downs behind us right now, poachers I reckon",
])
def test_eleventh_session_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # the crime spoken of in general: a season, gangs, a question about a problem
    "hare coursing gangs are getting worse every year round Pewsey, what are the police doing?",
    "Is poaching still much of a problem in the Vale? Who do farmers report it to?",
    "Poachers cut the gate chains and drove across our wheat near Tilshead",
    # a dream, not an event
    "had a horrible dream that my sister had been stabbed and now I can't get back to sleep, is that normal",
    # a thing that happens a few times a year
    "a few times a year a house round here goes up because of the old wiring, who checks it?",
    "it seems to happen every winter, a car on fire in the lay-by, who clears the wrecks?",
    # a dog among sheep told afterwards
    "a dog got in with my ewes last week and two lambs had to be put down, who do I tell?",
])
def test_eleventh_session_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


def test_eleventh_session_times_a_year_now_is_a_habit():
    text = "it's a few times a year now that a car gets torched on the old airfield, who do I tell?"
    assert not safety.check(text).is_emergency, safety.check(text).reasons
    assert safety.check("a car is on fire on the old airfield right now, flames everywhere").is_emergency


# Eleventh session, second round (general_55-57, emergencies_34, scored unseen first), own words.
@pytest.mark.parametrize("text", [
    # a face that won't move or smile on one side, played down: a stroke's signs
    "got up today and the left side of my face won't move, can't smile that side, probably nothing?",
    "my dad's face just won't work on one side and he's talking funny, he says it's tiredness",
    "wife thinks it could be a mini stroke, her words came out wrong for a minute and her arm went weak",
])
def test_eleventh_session_second_is_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # bleeding said to be easing, nothing else wrong: A&E or a plaster
    "my lad fell off the wall and cut his knee, lots of blood but it's stopping now with a tea towel on "
    "it, does it need glue?",
    "loads of blood from her finger when the knife slipped but the bleeding has slowed right down, stitches?",
    # a garden fire of green waste, however big the smoke
    "neighbour burning a huge pile of hedge cuttings, smoke pouring over our washing, who do I complain to?",
])
def test_eleventh_session_second_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


@pytest.mark.parametrize("text", [
    # guards: bleeding easing but someone out cold, or heavy bleeding that isn't easing
    "he's lying unconscious in the road, lots of blood but it's slowing down",
    "blood is pouring from his leg and it won't stop",
])
def test_eleventh_session_second_still_999(text):
    assert safety.check(text).is_emergency, text


# Eleventh session, third round (general_58-60, emergencies_35, scored unseen first), own words.
@pytest.mark.parametrize("text", [
    # asking whether an ambulance is needed is no sign itself; the other words decide
    "my son got soaked in the rain and now he's got a temperature, does he need an ambulance?",
    "ate a whole tub of ice cream and feel a bit sick, do I need an ambulance lol",
    # a thing that keeps being done is a habit
    "rubbish keeps being dumped behind the garages and set alight, can we get a camera?",
])
def test_eleventh_session_third_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


@pytest.mark.parametrize("text", [
    # just pulled out of cold water and shaking or vague: the cold is the danger
    "we pulled the lad out of the canal by the lock, he's shaking all over and not making sense, do we "
    "need an ambulance?",
    # guards: asking whether, with a real sign
    "she's collapsed and isn't breathing properly, do I need an ambulance?",
])
def test_eleventh_session_third_is_999(text):
    assert safety.check(text).is_emergency, text


# Twelfth session (general_61-62, emergencies_36, scored unseen first), in our own words.
@pytest.mark.parametrize("text", [
    # the tide closing round someone; a board that can't get back to shore; blown out to sea
    "stuck on the rocks under the cliff at the bay and the sea's come right round me, I can't climb up",
    "my friend's kayak can't get back to the shore, the wind is too strong and she's getting tired",
    "the current has blown us right out to sea on the lilo, we can't paddle back",
    # a beating going on now
    "two men are kicking a lad on the ground outside the chip shop in Calne",
    # he has hurt the teller's face and is still in the house
    "he's broke in again, he's punched my face and my little one is still inside with him",
    # numb down one side
    "just come over all funny at my desk, I've gone numb down one side",
    # the teller gone in after an animal, or with it and cut off
    "I've jumped in the canal after our spaniel and I can't get up the side, the water's so cold",
    "my dog's gone through the ice on the lake, should I go out to get him?",
    "me and my dog are stuck on the mudflats and the tide is coming in fast",
])
def test_twelfth_session_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # an animal's sign, its kin, a pet fish
    "our goldfish is lying on the bottom of the tank gasping, I think he's dying, what do I do",
    "a ewe in the top field is on her side with her legs going, foaming at the mouth, nobody about to ask",
    "a heron's been stood on the jetty for hours, its mate flew off, I think its wing is broken",
    "the mum swan and her cygnets have gone and the cob is in the reeds with blood all over his neck",
    # a dog through the ice that the teller has not gone in after: for the fire service via the RSPCA
    # advice, not a person in the water
    "a dog is through the ice on the pond at the park, the owner is on the bank phoning someone",
    # kicking a ball, not a person
    "kids are kicking a football against the garage door every night, who do I complain to",
])
def test_twelfth_session_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


@pytest.mark.parametrize("text", [
    # livestock on a numbered road, or in the dark or on a bend where traffic will come
    "a bullock is stood in the middle of the A342 just past the bend, cars coming both ways",
    "half a dozen cows are wandering down the lane in the pitch black, no lights anywhere",
    # a car upside down just now
    "a car is upside down in the ditch by the garage and I can't see the driver",
    # "every time we try to move him" is one event, not a habit
    "mum fell on the stairs and she cries out every time we try to lift her, she can't stand",
])
def test_twelfth_session_second_is_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # a habit: the third time in a few weeks, the same lot every time
    "the ponies are out on the lane yet again, the third time in a few weeks, someone will hit one on the "
    "bend one day, who do I tell",
    "them lads on the quads come flying along the pavement and doing wheelies by the swings, same lot "
    "every time, who do I tell",
    # smoke from a pan left on, and nothing burning
    "came home to the flat full of smoke, the soup had boiled dry, window open now and nothing actually "
    "caught fire, do I need to tell anyone",
])
def test_twelfth_session_second_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


# Thirteenth session (general_67-71, emergencies_40-42, scored unseen first), in our own words.
@pytest.mark.parametrize("text", [
    # deer or swans on the carriageway of a fast road now
    "three deer standing in the fast lane of the M4 near the services, it's pitch dark",
    "a family of swans walking along the A36 dual carriageway, lorries are braking hard behind them",
    # guards for the kinds narrowed below: a fight, an attack now, a scream then silence from a person,
    # a car hitting someone now
    "two lads fighting over a girl outside the pub right now, one's got a bottle",
    "someone is being attacked at the bus stop on the high street",
    "a woman screamed in the flat upstairs and now it's gone dead quiet",
    "a car has just hit a kid on the crossing and drove off, he's lying in the road",
    "my nan has just gone into the river off the towpath",
    # an explosive found and judged one since, whatever the tense of the find
    "we pulled a rusty lump out of the river with the magnet on Sunday, it's in the garage and my brother "
    "thinks it's an old grenade",
])
def test_thirteenth_session_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # fighting a thing, not a person
    "we spent a year fighting damp and mould in that council flat before we gave it up",
    "been fighting the landlord for months to get the boiler fixed",   # (a guard)
    "the estate looks like an old bomb site since they pulled the garages down",   # (a guard)
    # survived ("he pulled through"), and a count in a month is a pattern, not a fight now
    "my brother took an overdose on Saturday, he pulled through but I can't stop thinking about next time",
    "there's been fighting outside the pub on the corner twice this month, who do I tell",
    # a fear of a crime, not the crime
    "I'm so scared of being broken into that I can't sleep, nothing has ever happened here",
    # a reason given afterwards, and a manner in a story
    "the taxi that hit our puppy last night just carried on, we don't blame him for hitting him but he "
    "should have stopped",
    # an animal's scream then silence, no person in the story
    "something was screaming down the lane under the trees, must be a fox that got hit by a car, it's "
    "gone quiet now",
    # a swan attacking cars in a town road
    "there's a swan in the road by the retail park going at every car in the queue, who do I call",
    # placed in a care home, not fallen in
    "her mum has just gone into a care home and now she's been sent a bill for the spare room",
    # "every day now" is a habit; "have a look" is a noun
    "hare coursers on our land again, it's every single day now and they stood round me this afternoon",
    "Took the kids to the park and two men came out of the toilets. I rang the police who said they'd "
    "have a look but they didn't, then one went down on the ground and we put him on his side and rang "
    "an ambulance. After half an hour he got up and left. How is this not a safeguarding issue when the "
    "kids had to see the man on the floor",
])
def test_thirteenth_session_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons


@pytest.mark.parametrize("text", [
    # the kinds narrowed in the fourteenth session still raise a 999 when it is happening now
    "he's just said he'll kill me tonight and he's got the kitchen knife",
    "someone's getting into the house through the back window right now",
    "the car outside is alight and the flames are reaching the house, the family are still inside",
    "my dad has collapsed and isn't breathing what do I do now",
    # a fall in other words, and can't get up
    "I've come a cropper on the stairs and I'm stuck down here, can't get myself up, please send someone",
    # guards for the narrowed kinds
    "there's a burglar in my kitchen right now",
    "a man is hitting a woman outside the chip shop right now",
    "someone is trying to get the back door open right now",
    "yellow car coming straight at us on the M4 on the wrong side, everyone swerving out of his way",
    # a threat to murder someone coming home soon
    "the bloke across the road just banged on my door and said he will murder my son when he gets back from "
    "school, he's been simmering for weeks over the hedge",
    # a child not where they were left, nobody knows where
    "came out of the toilets at the garden centre and my daughter isn't by the trolley with her gran, "
    "none of them know where she went",
])
def test_fourteenth_session_kinds_are_999(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", [
    # a fear told to a nurse, for some day
    "I told the nurse at the surgery a while back that I think he'll kill me one day. Nothing much has "
    "happened since, he just goes quiet and watches me",
    # smoke or smells getting in are not a person breaking in
    "Neighbour's wood burner smoke getting into my house - what can I do?",
    "the smell is getting into our flat from the takeaway bins, who do I complain to",
    # what is left after a fire
    "somebody set the car alight outside the house in the early hours, it's a burnt out shell now and "
    "a few others round town were done the same night",
    # asking whom to tell, after the event
    "A few weeks back I rang 999 because the man next door was beating my neighbour. Police came but "
    "nobody spoke to me and I know a lot more than they think. Who do I tell now?",
    # a consequence to live with
    "why has the council put a loading bay outside my house when there's no shop on our road?? we pay for "
    "permits every year and now I have to leave the car halfway down the street because you can't use it "
    "overnight. we were already fighting for spaces",
    # a heading asking when
    "When to call an ambulance for a child with a high temperature",
    # a smell said harmless and blown across a whole town
    "the whole town stinks of gas today, the news says it's blown across from a plant over the channel and "
    "it's harmless, who do we tell",
    # crews there, everyone out and fine
    "3 fire engines outside next door right now, she put chips on and dozed off and the flat filled with "
    "smoke. she's out and fine, they're blowing the smoke out with a fan",
    # burglars as a worry about the kind
    "they switch the street lights off at midnight now, it's a gift for burglars",
    # animals at the bins
    "the seagulls are trying to get the lids off our food bins now, when are they being emptied",
    # asking afterwards
    "do I have to report it after hitting a badger on the way home?",
    # temper, and a story told afterwards
    "honestly I could murder a curry after the week I've had",
    "our son went off for a whole night last year and nobody knew where he went, who can we talk to now",
])
def test_fourteenth_session_not_999(text):
    assert not safety.check(text).is_emergency, safety.check(text).reasons
