"""Plain-PyTorch reference for ModelDsl's benchmarks.

Trains the same architectures ModelDsl ships (seed CNN, LSTM, small Transformer encoder) on in-memory data
already on the device and prints one JSON line per case with training throughput (examples/second), so the
.NET side can print ModelDsl / PyTorch ratios measured in the same run.

Usage: python3 pytorch_reference.py --threads 2 --device cpu --steps 200 --cases cnn32,cnn512,lstm,transformer
"""
import argparse
import json
import time

import torch
from torch import nn


class SeedCnn(nn.Module):
    """Conv2D 32 3x3 relu -> MaxPool 2 -> Flatten -> Dense 10 (logits)."""

    def __init__(self):
        super().__init__()
        self.conv2d_1 = nn.Conv2d(1, 32, 3)
        self.dense_1 = nn.Linear(32 * 13 * 13, 10)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv2d_1(x)), 2)
        return self.dense_1(x.flatten(1))


class PriceLstm(nn.Module):
    """LSTM 128 over [window, features], last step -> Dense 2 (logits)."""

    def __init__(self, features=4):
        super().__init__()
        self.lstm_1 = nn.LSTM(features, 128, batch_first=True)
        self.dense_1 = nn.Linear(128, 2)

    def forward(self, x):
        out, _ = self.lstm_1(x)
        return self.dense_1(out[:, -1, :])


class NewsTransformer(nn.Module):
    """Embedding -> learned positions -> 2 encoder layers -> mean pool -> Dense 3 (logits)."""

    def __init__(self, vocab=8000, length=48, width=64, heads=4, ff=128):
        super().__init__()
        self.embedding_1 = nn.Embedding(vocab, width)
        self.positions = nn.Parameter(torch.zeros(length, width))
        layer = nn.TransformerEncoderLayer(width, heads, ff, dropout=0.1, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
        self.dense_1 = nn.Linear(width, 3)

    def forward(self, x):
        h = self.embedding_1(x) + self.positions
        return self.dense_1(self.encoder(h).mean(1))


def make_case(name, device, examples):
    g = torch.Generator().manual_seed(0)
    if name.startswith("cnn"):
        batch = int(name[3:])
        x = torch.rand(examples, 1, 28, 28, generator=g)
        y = torch.randint(0, 10, (examples,), generator=g)
        return SeedCnn(), x.to(device), y.to(device), batch
    if name == "lstm":
        x = torch.randn(examples, 30, 4, generator=g)
        y = torch.randint(0, 2, (examples,), generator=g)
        return PriceLstm(), x.to(device), y.to(device), 64
    if name == "transformer":
        x = torch.randint(0, 8000, (examples, 48), generator=g)
        y = torch.randint(0, 3, (examples,), generator=g)
        return NewsTransformer(), x.to(device), y.to(device), 32
    raise SystemExit(f"unknown case {name}")


def measure(name, device, steps, warmup):
    torch.manual_seed(0)
    model, x, y, batch = make_case(name, device, examples=max(batch_guess(name) * 8, 4096))
    model = model.to(device).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    n = x.shape[0]
    generator = torch.Generator(device=device).manual_seed(0)

    def run(count):
        total = torch.zeros((), device=device)
        for step in range(count):
            start = (step * batch) % (n - batch)
            idx = torch.arange(start, start + batch, device=device)
            xb, yb = x.index_select(0, idx), y.index_select(0, idx)
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.detach()
        return total.item()  # one host sync per measured run, as ModelDsl does per epoch

    run(warmup)
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    begin = time.perf_counter()
    run(steps)
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    seconds = time.perf_counter() - begin
    del generator
    return {"case": name, "batch": batch, "steps": steps, "seconds": seconds,
            "examples_per_second": steps * batch / seconds}


def batch_guess(name):
    return int(name[3:]) if name.startswith("cnn") else 64


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--cases", default="cnn32,cnn512,lstm,transformer")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for name in args.cases.split(","):
        result = measure(name, args.device, args.steps, args.warmup)
        result.update({"framework": "pytorch", "version": torch.__version__, "threads": args.threads, "device": args.device})
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
