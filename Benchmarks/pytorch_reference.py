"""Plain-PyTorch reference for ModelDsl's benchmarks.

Trains the architectures ModelDsl ships (seed CNN, PriceLstm, NewsTransformer) as ModelDsl emits them for PyTorch (each
model's twin, `<module>.py`, written by the .NET side into the data folder's `twins/`), with their declared optimizer,
learning rate, weight decay and gradient clipping, on the exact tensors the .NET benchmark wrote (one <case>.json header
and one <case>.bin of raw little-endian bytes per case), and prints one JSON line per case with training throughput
(examples/second, best of the repeats), so the .NET side prints ModelDsl / PyTorch ratios measured in the same run.

Each timed run mirrors ModelDsl's trainer: a fresh seeded model, data moved to the device once, a seeded permutation per
epoch, index_select batches, loss and accuracy summed on the device and read once per epoch.

Usage: python3 pytorch_reference.py --data-dir DIR --cases cnn32,cnn512,lstm,transformer --threads 2 --device cpu --repeats 3
"""
import argparse
import importlib
import json
import os
import sys
import time

import torch
from torch import nn

DTYPES = {"float32": torch.float32, "int64": torch.int64}


def twin_type(data_dir, header):
    """The emitted PyTorch twin a case trains: class header["model_class"] of module header["model"] in twins/."""
    twins = os.path.join(data_dir, "twins")
    if twins not in sys.path:
        sys.path.insert(0, twins)
    return getattr(importlib.import_module(header["model"]), header["model_class"])


def load_case(data_dir, name):
    """Reads <name>.json and the tensors it describes from <name>.bin: returns (header, {tensor name: tensor})."""
    with open(os.path.join(data_dir, name + ".json"), encoding="utf-8") as f:
        header = json.load(f)
    with open(os.path.join(data_dir, header["data"]), "rb") as f:
        raw = bytearray(f.read())
    tensors = {}
    for tensor in header["tensors"]:
        dtype = DTYPES[tensor["dtype"]]
        count = 1
        for size in tensor["shape"]:
            count *= size
        values = torch.frombuffer(raw, dtype=dtype, count=count, offset=tensor["offset"]) if count else torch.empty(0, dtype=dtype)
        tensors[tensor["name"]] = values.reshape(tensor["shape"]).clone()
    return header, tensors


def train_epoch(model_type, header, features, labels, device, seed):
    torch.manual_seed(seed)
    model = model_type().to(device).train()
    if header["optimizer"] == "adamw":
        optimizer = torch.optim.AdamW(model.parameters(), lr=header["learning_rate"], weight_decay=header["weight_decay"])
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=header["learning_rate"], weight_decay=header["weight_decay"])
    loss_fn = nn.CrossEntropyLoss()
    clip = header["clip_norm"]
    batch = header["batch"]
    x, y = features.to(device), labels.to(device)
    n = x.shape[0]
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed)).to(device)
    loss_sum = torch.zeros((), dtype=torch.float64, device=device)
    correct = torch.zeros((), dtype=torch.int64, device=device)
    for start in range(0, n, batch):
        rows = order[start:start + batch]
        xb, yb = x.index_select(0, rows), y.index_select(0, rows)
        optimizer.zero_grad()
        output = model(xb)
        loss = loss_fn(output, yb)
        loss.backward()
        if clip > 0:
            nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
        loss_sum += loss.detach().double() * xb.shape[0]
        correct += (output.argmax(1) == yb).sum()
    return loss_sum.item() / n  # one host sync per epoch, as ModelDsl does


def measure(data_dir, name, device, repeats):
    header, tensors = load_case(data_dir, name)
    model_type = twin_type(data_dir, header)
    features, labels = tensors["features"], tensors["labels"]
    warm = min(max(640, 2 * header["batch"]), features.shape[0])
    train_epoch(model_type, header, features[:warm], labels[:warm], device, header["seed"])
    best = 0.0
    for _ in range(repeats):
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        begin = time.perf_counter()
        train_epoch(model_type, header, features, labels, device, header["seed"])
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        best = max(best, features.shape[0] / (time.perf_counter() - begin))
    return {"case": name, "batch": header["batch"], "examples": int(features.shape[0]), "examples_per_second": best}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--cases", default="cnn32,cnn512,lstm,transformer")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for name in args.cases.split(","):
        result = measure(args.data_dir, name, args.device, args.repeats)
        result.update({"framework": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(), "device": args.device})
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
