"""The intent model: fast path equals scikit-learn, saves without pickle, reloads identically."""
import numpy as np
import pytest

from bot.understanding.textclf import CHAR, WORD, IntentModel, model_text

TEXTS = ["someone dumped a mattress in the lane", "fly tipping behind the shops",
         "rubbish dumped on the verge again", "builders waste left in the layby",
         "loud music next door every night", "neighbours partying till 4am",
         "noisy neighbours banging all night", "music blasting from the flat upstairs",
         "my bike was nicked from the station", "someone stole my phone in town",
         "shed broken into and tools taken", "pickpocket took my purse"] * 2
LABELS = (["fly_tipping"] * 4 + ["noise"] * 4 + ["theft"] * 4) * 2


@pytest.fixture(scope="module")
def model():
    return IntentModel.fit(TEXTS, LABELS)


def test_predicts_unseen_wording(model):
    assert model.ranking("someone has dumped a fridge")[0][0] == "fly_tipping"
    assert model.ranking("neighbours play really loud music")[0][0] == "noise"
    assert model.ranking("my bike got stolen")[0][0] == "theft"


def test_fast_path_matches_scikit_learn(model):
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vecs = [TfidfVectorizer(**WORD), TfidfVectorizer(**CHAR)]
    X = hstack([v.fit_transform(TEXTS) for v in vecs]).tocsr()
    clf = LogisticRegression(C=model.c, solver="liblinear", class_weight="balanced").fit(X, LABELS)
    probe = "my shed was broken into"
    expected = clf.predict_proba(hstack([v.transform([probe]) for v in vecs]).tocsr())[0]
    assert np.allclose(model.predict_proba(probe), expected, atol=1e-4)


def test_save_and_load_without_pickle(model, tmp_path):
    model.save(tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {"intent_model.json", "intent_model.npz"}
    again = IntentModel.load(tmp_path)
    for text in ("loud party", "dumped sofa", "stolen bike", "", "zzzz"):
        assert np.allclose(again.predict_proba(text), model.predict_proba(text))


def test_empty_text_gives_a_valid_distribution(model):
    p = model.predict_proba("")
    assert p.shape == (3,) and abs(p.sum() - 1) < 1e-6


def test_model_text_adds_lemmas():
    assert model_text("Burgled", ["burgle"]) == "burgled || burgle"


def test_word_cache_gives_the_same_features_as_the_analyser():
    """The char_wb block looks n-grams up word by word (cached); it must give exactly what
    scikit-learn's analyser gives for the whole text, in the same order."""
    import numpy as np
    import yaml
    from sklearn.feature_extraction.text import TfidfVectorizer

    from bot.understanding.textclf import CHAR, _Block

    texts = []
    for block in yaml.safe_load(open("data/nlu.yml"))["nlu"]:
        texts += [t[2:] for t in block.get("examples", "").splitlines() if t.startswith("- ")]
    vectoriser = TfidfVectorizer(**CHAR).fit(texts)
    vocab = {g: int(i) for g, i in vectoriser.vocabulary_.items()}
    cached = _Block(CHAR, vocab, vectoriser.idf_.astype(np.float32), 7)
    plain = _Block(CHAR, vocab, vectoriser.idf_.astype(np.float32), 7)
    plain._by_word = None
    assert cached._by_word is not None
    odd = ["Someone   SMASHED\tmy car window!!  ", "ÉCOLE straße İstanbul", "", "   ", "a b c",
           "x" * 300, "burglary burglary burglary"]
    for text in texts + odd:
        (i1, v1), (i2, v2) = cached.features(text), plain.features(text)
        assert np.array_equal(i1, i2) and np.array_equal(v1, v2), text


def test_example_weights_decide_between_conflicting_examples():
    texts = ["the bins were not emptied", "the bins were not emptied", "loud music next door",
             "a dog barking all night"]
    heavy_first = IntentModel.fit(texts, ["missed_bin", "noise", "noise", "barking_dog"],
                                  weights=[5.0, 1.0, 1.0, 1.0])
    heavy_second = IntentModel.fit(texts, ["missed_bin", "noise", "noise", "barking_dog"],
                                   weights=[1.0, 5.0, 1.0, 1.0])
    assert heavy_first.ranking("the bins were not emptied")[0][0] == "missed_bin"
    assert heavy_second.ranking("the bins were not emptied")[0][0] == "noise"


def test_only_real_voice_blocks_get_the_real_voice_weight():
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.components import example_weight
    from bot.understanding.textclf import REAL_VOICE

    real = Message.build("bins not emptied again", "missed_bin", None, {"corpus": REAL_VOICE}, None)
    own = Message.build("my bin was missed", "missed_bin")
    assert example_weight(real, 3.0) == 3.0
    assert example_weight(own, 3.0) == 1.0


# -- the learned 999 detector -------------------------------------------------------------------
DANGER = ["someone is breaking in downstairs right now", "he has a knife and is at the door now",
          "she is not breathing and has gone blue", "smoke pouring out of next door, they're inside"]
CALM = ["my bike was nicked last week", "someone dumped a mattress in the lane",
        "loud music next door every night", "the street light has been out for a month"]


@pytest.fixture(scope="module")
def detector_setup():
    from bot.understanding.textclf import EmergencyDetector

    texts = (DANGER + CALM) * 3
    labels = (["emergency"] * 4 + ["other"] * 4) * 3
    model = IntentModel.fit(texts, labels)
    dense = np.zeros((len(texts), 8))   # no embedding signal: the words alone must decide
    detector = EmergencyDetector.fit(model, texts, dense, [y == "emergency" for y in labels],
                                     threshold=0.5, agreement=0.3)
    return model, detector


def test_detector_reads_the_words(detector_setup):
    model, detector = detector_setup
    zero = np.zeros(8)
    danger = detector.probability(model.sparse_features("someone is breaking in right now"), zero)
    calm = detector.probability(model.sparse_features("my bike was nicked last week"), zero)
    assert 0.0 <= calm < 0.5 < danger <= 1.0


def test_detector_agreement_needs_both_leanings(detector_setup):
    from bot.understanding.textclf import EmergencyDetector

    model, fitted = detector_setup
    features = model.sparse_features("is at the door")
    zero = np.zeros(8)
    p = fitted.probability(features, zero)
    # a detector whose own threshold is out of reach: only agreement can say 999
    detector = EmergencyDetector(fitted.coef_sparse, fitted.coef_dense, fitted.intercept,
                                 threshold=1.01, agreement=p)
    assert detector.is_emergency(features, zero, words_say=p)
    assert not detector.is_emergency(features, zero, words_say=p - 0.01)
    assert not EmergencyDetector(fitted.coef_sparse, fitted.coef_dense, fitted.intercept,
                                 threshold=1.01, agreement=p + 0.01).is_emergency(features, zero, 1.0)


def test_detector_saves_and_loads_without_pickle(detector_setup, tmp_path):
    from bot.understanding.textclf import EmergencyDetector

    model, detector = detector_setup
    detector.save(tmp_path)
    again = EmergencyDetector.load(tmp_path)
    features = model.sparse_features("he has a knife at the door")
    assert again is not None and again.agreement == detector.agreement
    assert again.probability(features, np.zeros(8)) == pytest.approx(
        detector.probability(features, np.zeros(8)))


def test_detector_of_an_older_format_asks_for_retraining(tmp_path):
    from bot.understanding.textclf import EmergencyDetector

    (tmp_path / "emergency_detector.json").write_text('{"intercept": 0.0, "threshold": 0.9}')
    with pytest.raises(ValueError, match="retrain"):
        EmergencyDetector.load(tmp_path)
    assert EmergencyDetector.load(tmp_path / "none") is None
