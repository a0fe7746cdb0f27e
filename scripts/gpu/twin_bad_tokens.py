#!/usr/bin/env python3
"""Token ids of a GGUF model whose text is not valid UTF-8 on its own, as an --extra-body logit_bias object.

A random-weight twin samples such tokens (pieces of multi-byte characters in a byte-level BPE vocabulary) in any
order, so its output can be invalid UTF-8; llama.cpp's server b9585 then fails the whole stream ("Failed to parse
input"). Banning these ids keeps every generated text valid UTF-8 (a concatenation of valid pieces is valid) and
does not change the cost of a decode step. llama-server clears its command-line --logit-bias for every request, so
the ban travels in each request body: tokenclock run --extra-body @OUT.

Usage: twin_bad_tokens.py MODEL.gguf OUT.json
Reads only the GGUF header (stdlib only): tokenizer.ggml.model must be gpt2 (byte-level BPE, as TokenClock's twins).
"""
import json
import struct
import sys

SCALAR = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}


def read_value(f, kind):
    if kind == 8:
        (n,) = struct.unpack("<Q", f.read(8))
        return f.read(n).decode("utf-8", errors="surrogateescape")
    if kind == 9:
        elem, count = struct.unpack("<IQ", f.read(12))
        return [read_value(f, elem) for _ in range(count)]
    fmt = SCALAR[kind]
    return struct.unpack(fmt, f.read(struct.calcsize(fmt)))[0]


def metadata(path, wanted):
    found = {}
    with open(path, "rb") as f:
        if f.read(4) != b"GGUF":
            sys.exit(f"{path}: not a GGUF file")
        version, _tensors, kvs = struct.unpack("<IQQ", f.read(20))
        if version < 2:
            sys.exit(f"{path}: GGUF version {version} is too old")
        for _ in range(kvs):
            (n,) = struct.unpack("<Q", f.read(8))
            key = f.read(n).decode("utf-8")
            (kind,) = struct.unpack("<I", f.read(4))
            value = read_value(f, kind)
            if key in wanted:
                found[key] = value
    return found


def gpt2_char_to_byte():
    # GPT-2's reversible byte-to-character map: printable bytes stand for themselves, the rest for 256 + n.
    mapping, following = {}, 256
    for b in range(256):
        printable = ord("!") <= b <= ord("~") or 0xA1 <= b <= 0xAC or 0xAE <= b <= 0xFF
        if printable:
            mapping[chr(b)] = b
        else:
            mapping[chr(following)] = b
            following += 1
    return mapping


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    meta = metadata(sys.argv[1], {"tokenizer.ggml.model", "tokenizer.ggml.tokens", "tokenizer.ggml.token_type"})
    if meta.get("tokenizer.ggml.model") != "gpt2":
        sys.exit(f"tokenizer.ggml.model is {meta.get('tokenizer.ggml.model')!r}, not gpt2: this script reads byte-level BPE vocabularies only")
    tokens, types = meta["tokenizer.ggml.tokens"], meta.get("tokenizer.ggml.token_type", [])
    to_byte = gpt2_char_to_byte()
    bad = []
    for i, text in enumerate(tokens):
        if types and types[i] != 1:  # control and other special tokens are not sampled as text
            continue
        try:
            raw = bytes(to_byte[c] for c in text)
        except KeyError:
            continue  # not in the byte alphabet: an inert padding token such as "[pad123]" is plain ASCII
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(i)
    with open(sys.argv[2], "w", encoding="ascii") as out:
        json.dump({"logit_bias": {str(i): False for i in bad}}, out, separators=(",", ":"))
    print(f"{len(bad)} of {len(tokens)} token ids are not valid UTF-8 on their own -> {sys.argv[2]}")


if __name__ == "__main__":
    main()
