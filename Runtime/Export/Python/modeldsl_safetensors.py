"""Reads and writes safetensors files with torch alone.

Debian's python3-torch comes without the `safetensors` package, and ModelDsl's PyTorch twin must run wherever torch
does, so this module implements the little the format asks: an 8-byte little-endian header length, a JSON header that
maps each tensor name to its dtype, shape and byte range, then the raw little-endian data. Files written here load with
`safetensors.torch.load_file` and TorchSharp.PyBridge; files either writes load here.
"""
import json
import os
import struct
import sys

import torch

DTYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool,
}
NAMES = {dtype: name for name, dtype in DTYPES.items()}

if sys.byteorder != "little":
    raise ImportError("modeldsl_safetensors reads and writes raw little-endian data; this machine is big-endian")


def read_header(path):
    """Returns (header, data_start): the JSON header and the file offset its byte ranges count from."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        return json.loads(f.read(length)), 8 + length


def read_row(handle, entry, data_start, row):
    """Row `row` (along the first axis) of the tensor a header entry describes, read from an open file descriptor."""
    dtype = DTYPES[entry["dtype"]]
    shape = entry["shape"][1:]
    size = torch.empty((), dtype=dtype).element_size()
    for dimension in shape:
        size *= dimension
    raw = os.pread(handle, size, data_start + entry["data_offsets"][0] + row * size)
    return torch.frombuffer(bytearray(raw), dtype=dtype).reshape(shape) if size else torch.zeros(shape, dtype=dtype)


def load_file(path):
    """Returns {name: tensor} from a safetensors file (on the CPU; the "__metadata__" entry is skipped)."""
    header, data_start = read_header(path)
    with open(path, "rb") as f:
        f.seek(data_start)
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        dtype = DTYPES[entry["dtype"]]
        if end > start:
            tensors[name] = torch.frombuffer(bytearray(data[start:end]), dtype=dtype).reshape(entry["shape"])
        else:
            tensors[name] = torch.zeros(entry["shape"], dtype=dtype)
    return tensors


def save_file(tensors, path, metadata=None):
    """Writes {name: tensor} as safetensors, through a temporary file renamed over `path` (a crash leaves the old file)."""
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        tensor = tensors[name].detach().cpu().contiguous()
        raw = tensor.reshape(-1).view(torch.uint8).numpy().tobytes() if tensor.numel() else b""
        header[name] = {"dtype": NAMES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    if metadata:
        header["__metadata__"] = {str(key): str(value) for key, value in metadata.items()}
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)  # the data starts 8-byte aligned, as the reference implementation writes it
    temporary = path + ".tmp"
    with open(temporary, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for raw in chunks:
            f.write(raw)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)
