"""Plain-PyTorch reference for ModelDsl's benchmarks.

Trains the architectures ModelDsl ships (seed CNN, PriceLstm, NewsTransformer) as ModelDsl emits them for PyTorch (each
model's twin, `<module>.py`, written by the .NET side into the data folder's `twins/`), with their declared optimizer,
learning rate, weight decay and gradient clipping, on the exact tensors the .NET benchmark wrote (one <case>.json header
and one <case>.bin of raw little-endian bytes per case), and prints one JSON line per case with training throughput
(examples/second, best of the repeats), so the .NET side prints ModelDsl / PyTorch ratios measured in the same run.

Each timed run mirrors ModelDsl's trainer: a fresh seeded model, data moved to the device once, a seeded permutation per
epoch, index_select batches, loss and accuracy summed on the device and read once per epoch.

A fine-tuning case (news-minilm) names a safetensors file of starting weights (header "weights", written by the .NET
side from its module) that every run copies into a fresh twin, and the full training options (header "training", as
training_options.json names them) that modeldsl_train.py, shipped beside the twin, turns into the optimizer (AdamW
without decay on biases and LayerNorm weights, nothing frozen) and the per-step schedule. Its line also carries the
loss of the first "start_loss_rows" examples in evaluation mode before training, and the parameters the optimizer trains.

Usage: python3 pytorch_reference.py --data-dir DIR --cases cnn32,cnn512,lstm,transformer,news-minilm --threads 1 --device cpu --repeats 3
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


def twins_module(data_dir, name):
    """A module from the data folder's twins/ (a twin, or a script PyTorchExport ships beside it)."""
    twins = os.path.join(data_dir, "twins")
    if twins not in sys.path:
        sys.path.insert(0, twins)
    return importlib.import_module(name)


def twin_type(data_dir, header):
    """The emitted PyTorch twin a case trains: class header["model_class"] of module header["model"] in twins/."""
    return getattr(twins_module(data_dir, header["model"]), header["model_class"])


def starting_weights(data_dir, header):
    """The state every run of a fine-tuning case starts from ({name: tensor}), or None for a fresh seeded model."""
    if not header.get("weights"):
        return None
    return twins_module(data_dir, "modeldsl_safetensors").load_file(os.path.join(data_dir, header["weights"]))


def new_model(model_type, weights, device):
    model = model_type()
    if weights is not None:
        model.load_state_dict(weights, strict=True)
    return model.to(device).train()


def start_loss(model_type, weights, features, labels, rows):
    """Cross-entropy of the starting model in evaluation mode (no dropout) on the first `rows` examples."""
    model = new_model(model_type, weights, "cpu").eval()
    with torch.no_grad():
        return nn.functional.cross_entropy(model(features[:rows]), labels[:rows]).item()


def make_optimizer(data_dir, header, model, batches):
    """(optimizer, per-step schedule or None): from the full options when the case has them, else the header's parameters."""
    training = header.get("training")
    if training:
        train = twins_module(data_dir, "modeldsl_train")
        if training.get("accumulate_steps", 1) != 1 or training["schedule"] not in train.PER_STEP | {"none"}:
            raise SystemExit(f"{header['case']}: this script steps every batch with a per-step schedule or none")
        optimizer = train.make_optimizer(training, train.trainable_parameters(model, training.get("freeze") or []))
        return optimizer, train.make_schedule(training, optimizer, batches)
    if header["optimizer"] == "adamw":
        return torch.optim.AdamW(model.parameters(), lr=header["learning_rate"], weight_decay=header["weight_decay"]), None
    return torch.optim.Adam(model.parameters(), lr=header["learning_rate"], weight_decay=header["weight_decay"]), None


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


def train_epoch(data_dir, model_type, weights, header, features, labels, device, seed):
    torch.manual_seed(seed)
    model = new_model(model_type, weights, device)
    batch = header["batch"]
    x, y = features.to(device), labels.to(device)
    n = x.shape[0]
    optimizer, schedule = make_optimizer(data_dir, header, model, (n + batch - 1) // batch)
    loss_fn = nn.CrossEntropyLoss()
    clip = header["clip_norm"]
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
        if schedule is not None:
            schedule.step()
        loss_sum += loss.detach().double() * xb.shape[0]
        correct += (output.argmax(1) == yb).sum()
    loss = loss_sum.item() / n  # one host sync per epoch, as ModelDsl does
    return loss, sum(p.numel() for group in optimizer.param_groups for p in group["params"])


def measure(data_dir, name, device, repeats):
    header, tensors = load_case(data_dir, name)
    model_type = twin_type(data_dir, header)
    weights = starting_weights(data_dir, header)
    features, labels = tensors["features"], tensors["labels"]
    result = {"case": name, "batch": header["batch"], "examples": int(features.shape[0])}
    if header.get("start_loss_rows"):
        result["start_loss"] = start_loss(model_type, weights, features, labels, header["start_loss_rows"])
    warm = min(max(640, 2 * header["batch"]), features.shape[0])
    train_epoch(data_dir, model_type, weights, header, features[:warm], labels[:warm], device, header["seed"])
    best = 0.0
    for _ in range(min(repeats, header.get("max_repeats") or repeats)):
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        begin = time.perf_counter()
        _, trained = train_epoch(data_dir, model_type, weights, header, features, labels, device, header["seed"])
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        best = max(best, features.shape[0] / (time.perf_counter() - begin))
    result.update({"examples_per_second": best, "trained_parameters": trained})
    return result


def blas_library():
    """The BLAS library torch's matrix products call, as loaded into this process: Debian's torch links the system
    libblas.so.3, which is the slow reference BLAS unless OpenBLAS (libopenblas0-pthread) is installed."""
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() or "mkl" in line.lower()}
    libraries = sorted(p for p in paths if p.startswith("/"))
    if not libraries:
        return "not found in /proc/self/maps (linked into torch, e.g. MKL)"
    kind = "OpenBLAS" if any("openblas" in p for p in libraries) else "MKL" if any("mkl" in p for p in libraries) else "reference BLAS"
    return f"{kind} ({', '.join(libraries)})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--cases", default="cnn32,cnn512,lstm,transformer,news-minilm")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"blas: {blas_library()}", flush=True)
    for name in args.cases.split(","):
        result = measure(args.data_dir, name, args.device, args.repeats)
        result.update({"framework": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(), "device": args.device})
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
