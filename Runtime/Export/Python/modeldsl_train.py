"""Trains a ModelDsl model's PyTorch twin under torchrun, with DistributedDataParallel.

ModelDsl writes this script next to the twin (`<module>.py`) and the declared options (`training_options.json`). It runs
the declared optimizer, loss, learning-rate schedule, gradient clipping, epochs and batch size on the tensors that
`export-data` wrote, and rank 0 saves the weights as safetensors under the generated parameter names, which .NET loads
with `evaluate --checkpoint` (and `predict`, `explain`, `export`).

    torchrun --standalone --nproc_per_node=2 modeldsl_train.py --data DATA --out RUN

One process per rank; gloo on CPUs, NCCL on GPUs (one GPU per rank, chosen by LOCAL_RANK). `batch_size` is per rank, so
one optimizer step sees batch_size x world_size examples (the global batch); pass --batch-size to change it. The
DistributedSampler is seeded with the declared seed, so a run with the same world size takes the same batches. After
every epoch rank 0 writes `model.safetensors` and `trainer_state.pt` (optimizer, schedule, epoch, history) into --out
through temporary files; --resume continues from them. One JSON line per epoch and one for the test split go to stdout.
"""
import argparse
import bisect
import contextlib
import importlib
import json
import math
import os
import shutil
import sys

import torch
import torch.distributed as dist
from torch import nn
from torch.nn import functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import modeldsl_safetensors  # noqa: E402  (found beside this script)

# Options this script applies; any other option with a value set is reported, so nothing declared is silently dropped.
APPLIED = {
    "optimizer", "learning_rate", "weight_decay", "momentum", "nesterov", "loss", "class_weights", "batch_size", "epochs",
    "schedule", "step_size", "gamma", "schedule_patience", "gradient_clip_norm", "seed", "device", "decay_bias_and_norm",
    "warmup_steps", "warmup_ratio", "accumulate_steps", "freeze",
}
# Schedules that step with the optimizer (after each group of accumulated batches) rather than once per epoch.
PER_STEP = {"one_cycle", "warmup_linear", "warmup_cosine"}
# Options that concern .NET's run only (metrics it prints, its early stopping and logging) and need nothing here.
NOT_APPLIED = {"metrics", "validation_split", "monitor", "patience", "min_delta", "restore_best_weights", "log_every_steps"}


class ShardedSplit(Dataset):
    """One split of `export-data`'s shards, read a row at a time from disk (nothing is loaded whole)."""

    def __init__(self, folder, shards, names):
        self.names = names
        self.files, self.starts, self.rows = [], [], 0
        for shard in shards:
            path = os.path.join(folder, shard)
            header, data_start = modeldsl_safetensors.read_header(path)
            count = header["labels"]["shape"][0]
            self.files.append((path, header, data_start))
            self.starts.append(self.rows)
            self.rows += count
        self._handles = {}

    def __len__(self):
        return self.rows

    def __getitem__(self, index):
        shard = bisect.bisect_right(self.starts, index) - 1
        path, header, data_start = self.files[shard]
        row = index - self.starts[shard]
        handle = self._handles.get(path)
        if handle is None:
            handle = self._handles[path] = os.open(path, os.O_RDONLY)
        return {name: modeldsl_safetensors.read_row(handle, header[name], data_start, row) for name in self.names + ["labels"]}


def parse_arguments():
    parser = argparse.ArgumentParser(description="Train a ModelDsl PyTorch twin with DistributedDataParallel.")
    parser.add_argument("--data", required=True, help="folder export-data wrote (data.json and its shards)")
    parser.add_argument("--out", required=True, help="folder for model.safetensors and trainer_state.pt")
    parser.add_argument("--options", default=os.path.join(HERE, "training_options.json"))
    parser.add_argument("--epochs", type=int, help="override the declared epochs")
    parser.add_argument("--batch-size", type=int, help="override the declared batch size (per rank)")
    parser.add_argument("--learning-rate", type=float, help="override the declared learning rate")
    parser.add_argument("--resume", action="store_true", help="continue from --out's trainer_state.pt")
    return parser.parse_args()


def start_process_group(requested):
    """Joins torchrun's group: NCCL with one GPU per rank when CUDA is there and wanted, gloo on CPUs otherwise."""
    use_cuda = torch.cuda.is_available() and requested != "cpu"
    dist.init_process_group("nccl" if use_cuda else "gloo")
    if use_cuda:
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        torch.cuda.set_device(local_rank)
        return torch.device("cuda", local_rank)
    return torch.device("cpu")


def trainable_parameters(module, freeze):
    """(name, parameter) pairs the optimizer updates: `freeze` prefixes match whole dotted segments, as in .NET."""
    named = list(module.named_parameters())
    for prefix in freeze:
        if not any(name == prefix or name.startswith(prefix + ".") for name, _ in named):
            raise SystemExit(f"freeze '{prefix}' matches no parameter (its parameters start with {', '.join(n for n, _ in named[:3])}, ...)")
    for name, parameter in named:
        if any(name == prefix or name.startswith(prefix + ".") for prefix in freeze):
            parameter.requires_grad_(False)
    return [(name, parameter) for name, parameter in named if parameter.requires_grad]


def make_optimizer(options, named):
    lr, decay = options["learning_rate"], options["weight_decay"]
    name = options["optimizer"]
    parameters = [parameter for _, parameter in named]
    if name == "adamw" and decay > 0 and not options.get("decay_bias_and_norm", False):
        # The fine-tuning recipe: matrices, kernels and embeddings decay; biases and normalisation weights do not.
        groups = [{"params": [p for p in parameters if p.dim() >= 2], "weight_decay": decay},
                  {"params": [p for p in parameters if p.dim() < 2], "weight_decay": 0.0}]
        return torch.optim.AdamW([g for g in groups if g["params"]], lr=lr)
    if name == "adamw":
        return torch.optim.AdamW(parameters, lr=lr, weight_decay=decay)
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=lr, momentum=options["momentum"], weight_decay=decay, nesterov=options["nesterov"])
    if name == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=lr, momentum=options["momentum"], weight_decay=decay)
    return torch.optim.Adam(parameters, lr=lr, weight_decay=decay)


def make_schedule(options, optimizer, steps_per_epoch):
    """The declared schedule; `steps_per_epoch` counts optimizer steps (batch groups), which per-step schedules take."""
    name = options["schedule"]
    total = options["epochs"] * steps_per_epoch
    if name in ("warmup_linear", "warmup_cosine"):
        # Hugging Face's linear and cosine schedules with warm-up, as ModelDsl's WarmupSchedule computes them.
        warmup = options["warmup_steps"] or math.ceil(options["warmup_ratio"] * total)

        def factor(step):
            if step < warmup:
                return step / max(1, warmup)
            progress = (step - warmup) / max(1, total - warmup)
            return max(0.0, 0.5 * (1 + math.cos(math.pi * progress))) if name == "warmup_cosine" else max(0.0, 1 - progress)
        return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
    if name == "step":
        return torch.optim.lr_scheduler.StepLR(optimizer, options["step_size"], options["gamma"])
    if name == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, options["epochs"])
    if name == "one_cycle":
        return torch.optim.lr_scheduler.OneCycleLR(optimizer, options["learning_rate"], total_steps=total)
    if name == "reduce_on_plateau":
        return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, "min", options["gamma"], options["schedule_patience"])
    return None


def loss_function(options, device):
    """The declared loss on forward()'s logits, as ModelDsl's trainer computes it."""
    name = options["loss"]
    weights = options.get("class_weights")
    weights = torch.tensor(weights, dtype=torch.float32, device=device) if weights else None
    if name == "cross_entropy":
        return lambda output, target: F.cross_entropy(output, target.long(), weight=weights)
    if name == "binary_cross_entropy":
        return lambda output, target: F.binary_cross_entropy_with_logits(output.reshape(-1), target.reshape(-1).to(output.dtype), pos_weight=weights)
    if name == "mae":
        return lambda output, target: F.l1_loss(output, target.reshape(output.shape).to(output.dtype))
    if name == "huber":
        return lambda output, target: F.huber_loss(output, target.reshape(output.shape).to(output.dtype))
    return lambda output, target: F.mse_loss(output, target.reshape(output.shape).to(output.dtype))


def evaluate(model, split, names, task, compute_loss, device, batch_size):
    """Mean loss (and accuracy for classifiers) over a whole split, in one process."""
    model.eval()
    loss_sum, correct, count = 0.0, 0, 0
    with torch.no_grad():
        for batch in DataLoader(split, batch_size=batch_size):
            inputs = [batch[name].to(device) for name in names]
            labels = batch["labels"].to(device)
            output = model(*inputs)
            loss_sum += compute_loss(output, labels).item() * labels.shape[0]
            if task == "multi_class":
                correct += (output.argmax(1) == labels.long()).sum().item()
            elif task == "binary":
                correct += ((output.reshape(-1) > 0).long() == labels.reshape(-1).long()).sum().item()
            count += labels.shape[0]
    result = {"loss": loss_sum / count}
    if task != "regression":
        result["accuracy"] = correct / count
    return result


def save_checkpoint(out, module, optimizer, schedule, epoch, history, spec_hash):
    """Rank 0 only: the weights under the generated names, then the state resume needs (each through a renamed temp file)."""
    os.makedirs(out, exist_ok=True)
    modeldsl_safetensors.save_file(module.state_dict(), os.path.join(out, "model.safetensors"), {"spec_hash": spec_hash, "epoch": epoch})
    state = {"epoch": epoch, "history": history, "optimizer": optimizer.state_dict(),
             "schedule": schedule.state_dict() if schedule is not None else None}
    temporary = os.path.join(out, "trainer_state.pt.tmp")
    torch.save(state, temporary)
    os.replace(temporary, os.path.join(out, "trainer_state.pt"))


def main():
    arguments = parse_arguments()
    with open(arguments.options, encoding="utf-8") as f:
        declared = json.load(f)
    options = dict(declared["training"])
    for key, value in (("epochs", arguments.epochs), ("batch_size", arguments.batch_size), ("learning_rate", arguments.learning_rate)):
        if value is not None:
            options[key] = value
    with open(os.path.join(arguments.data, "data.json"), encoding="utf-8") as f:
        data = json.load(f)
    if data["spec_hash"] != declared["spec_hash"]:
        raise SystemExit(f"{arguments.data} holds data for spec {data['spec_hash']}, but the module is spec {declared['spec_hash']}")

    device = start_process_group(options["device"])
    rank, world = dist.get_rank(), dist.get_world_size()
    if rank == 0:
        # What .NET needs beside the weights to load them as a checkpoint (a featurizer's statistics, the run record).
        os.makedirs(arguments.out, exist_ok=True)
        for name in data.get("extra_files", []):
            shutil.copyfile(os.path.join(arguments.data, name), os.path.join(arguments.out, name))
        for key in sorted(set(options) - APPLIED - NOT_APPLIED):
            print(f"warning: option '{key}' ({options[key]!r}) is not applied by this entry point", file=sys.stderr)

    module_type = getattr(importlib.import_module(declared["module"]), declared["model"])
    names = [entry["name"] for entry in module_type.INPUTS]
    torch.manual_seed(options["seed"])  # every rank starts from the same weights; DDP also broadcasts rank 0's
    module = module_type().to(device)
    model = DistributedDataParallel(module, device_ids=[device.index] if device.type == "cuda" else None)

    train = ShardedSplit(arguments.data, data["splits"]["train"], names)
    sampler = DistributedSampler(train, num_replicas=world, rank=rank, shuffle=True, seed=options["seed"])
    loader = DataLoader(train, batch_size=options["batch_size"], sampler=sampler)
    optimizer = make_optimizer(options, trainable_parameters(module, options.get("freeze") or []))
    accumulate = options.get("accumulate_steps", 1)
    schedule = make_schedule(options, optimizer, (len(loader) + accumulate - 1) // accumulate)
    compute_loss = loss_function(options, device)
    clip = options["gradient_clip_norm"]
    validation = ShardedSplit(arguments.data, data["splits"]["validation"], names) if data["splits"].get("validation") else None

    start_epoch, history = 0, []
    state_path = os.path.join(arguments.out, "trainer_state.pt")
    if arguments.resume and os.path.exists(state_path):
        state = torch.load(state_path, map_location=device)
        weights = modeldsl_safetensors.load_file(os.path.join(arguments.out, "model.safetensors"))
        module.load_state_dict(weights, strict=True)
        optimizer.load_state_dict(state["optimizer"])
        if schedule is not None and state["schedule"] is not None:
            schedule.load_state_dict(state["schedule"])
        start_epoch, history = state["epoch"], state["history"]

    for epoch in range(start_epoch, options["epochs"]):
        sampler.set_epoch(epoch)
        model.train()
        loss_sum = torch.zeros((), dtype=torch.float64, device=device)
        count = torch.zeros((), dtype=torch.float64, device=device)
        batches = len(loader)
        for index, batch in enumerate(loader):
            inputs = [batch[name].to(device) for name in names]
            labels = batch["labels"].to(device)
            # Gradients add up over a group of `accumulate` batches (the epoch's last group may be shorter), each loss
            # divided by its group's size, so a step sees the group's mean gradient; ranks synchronise once per group.
            group_start = index - index % accumulate
            group_size = min(accumulate, batches - group_start)
            steps = index + 1 == group_start + group_size
            if index == group_start:
                optimizer.zero_grad()
            with model.no_sync() if not steps else contextlib.nullcontext():
                loss = compute_loss(model(*inputs), labels)
                (loss / group_size if group_size > 1 else loss).backward()
            if steps:
                if clip > 0:
                    nn.utils.clip_grad_norm_(model.parameters(), clip)
                optimizer.step()
                if options["schedule"] in PER_STEP:
                    schedule.step()
            loss_sum += loss.detach().double() * labels.shape[0]
            count += labels.shape[0]
        # Each rank saw its share; the epoch's loss is the mean over every rank's examples.
        totals = torch.stack([loss_sum, count])
        dist.all_reduce(totals)
        record = {"epoch": epoch + 1, "loss": (totals[0] / totals[1]).item(), "lr": optimizer.param_groups[0]["lr"]}
        if validation is not None:
            # Every rank evaluates the whole split, so a plateau schedule decides alike everywhere.
            figures = evaluate(module, validation, names, declared["task"], compute_loss, device, options["batch_size"])
            record.update({"val_" + key: value for key, value in figures.items()})
        if options["schedule"] == "reduce_on_plateau":
            schedule.step(record.get("val_loss", record["loss"]))
        elif schedule is not None and options["schedule"] not in PER_STEP:
            schedule.step()
        history.append(record)
        if rank == 0:
            save_checkpoint(arguments.out, module, optimizer, schedule, epoch + 1, history, declared["spec_hash"])
            print(json.dumps(record), flush=True)
        dist.barrier()

    if rank == 0 and data["splits"].get("test"):
        test = ShardedSplit(arguments.data, data["splits"]["test"], names)
        figures = evaluate(module, test, names, declared["task"], compute_loss, device, options["batch_size"])
        print(json.dumps({"split": "test", "examples": len(test), **{"test_" + k: v for k, v in figures.items()}}), flush=True)
    dist.barrier()
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
