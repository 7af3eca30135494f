#!/usr/bin/env python3
"""A posplan /v1 client that needs numpy alone (Debian: python3-numpy; no PyPI).

Plan a request and load the answer in any of the service's formats:

    python3 posplan_client.py plan request.json --url http://localhost:8080 --format safetensors

Decode a file saved earlier (prints each array's dtype, shape and values as JSON):

    python3 posplan_client.py load answer.npz --format npz

As a library: ``plan(request, url, fmt)`` returns a dict of numpy arrays (plus "metadata" for safetensors
and the whole JSON object for json).
"""
import argparse
import io
import json
import struct
import sys
import urllib.request

import numpy as np

CONTENT_TYPES = {
    "json": "application/json",
    "safetensors": "application/vnd.safetensors",
    "npy": "application/x-npy",
    "npz": "application/x-npz",
}

SAFETENSORS_DTYPES = {"I32": "<i4", "I64": "<i8", "F32": "<f4", "F64": "<f8", "I16": "<i2", "U8": "u1"}


def load_safetensors(data):
    """Returns ({name: array}, metadata) from safetensors bytes."""
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    metadata = header.pop("__metadata__", {})
    base = 8 + header_len
    arrays = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        dtype = np.dtype(SAFETENSORS_DTYPES[info["dtype"]])
        flat = np.frombuffer(data, dtype=dtype, count=(end - begin) // dtype.itemsize, offset=base + begin)
        arrays[name] = flat.reshape(info["shape"])
    return arrays, metadata


def load_npy(data):
    return np.load(io.BytesIO(data), allow_pickle=False)


def load_npz(data):
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def load_json(data):
    """The JSON answer with position_ids (and decode_position_ids) as numpy arrays."""
    answer = json.loads(data)
    for key in ("position_ids", "decode_position_ids"):
        if key in answer:
            answer[key] = np.asarray(answer[key])
    return answer


def decode(fmt, data):
    if fmt == "safetensors":
        arrays, metadata = load_safetensors(data)
        return {**arrays, "metadata": metadata}
    if fmt == "npy":
        return {"position_ids": load_npy(data)}
    if fmt == "npz":
        return load_npz(data)
    return load_json(data)


def plan(request, url="http://localhost:8080", fmt="json", timeout=60):
    """POSTs a /v1/plans request (a dict) and decodes the answer in the chosen format."""
    body = json.dumps(request).encode("utf-8")
    req = urllib.request.Request(url.rstrip("/") + "/v1/plans", data=body, method="POST",
                                 headers={"Content-Type": "application/json", "Accept": CONTENT_TYPES[fmt]})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return decode(fmt, resp.read())
    except urllib.error.HTTPError as e:
        problem = e.read().decode("utf-8", "replace")
        raise SystemExit(f"HTTP {e.code}: {problem}")


def summary(decoded):
    """A JSON-friendly view: arrays as {dtype, shape, values}, everything else as is."""
    out = {}
    for name, value in decoded.items():
        if isinstance(value, np.ndarray):
            out[name] = {"dtype": value.dtype.str, "shape": list(value.shape), "values": value.ravel().tolist()}
        else:
            out[name] = value
    return out


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("plan", help="POST a request file to /v1/plans")
    p.add_argument("request", help="JSON request file ('-' for stdin)")
    p.add_argument("--url", default="http://localhost:8080")
    p.add_argument("--format", choices=sorted(CONTENT_TYPES), default="json")
    l = sub.add_parser("load", help="decode a saved answer")
    l.add_argument("file")
    l.add_argument("--format", choices=sorted(CONTENT_TYPES), required=True)
    args = parser.parse_args(argv)
    if args.command == "plan":
        text = sys.stdin.read() if args.request == "-" else open(args.request, encoding="utf-8").read()
        decoded = plan(json.loads(text), args.url, args.format)
    else:
        with open(args.file, "rb") as f:
            decoded = decode(args.format, f.read())
    json.dump(summary(decoded), sys.stdout)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
