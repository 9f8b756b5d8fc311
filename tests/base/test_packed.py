"""Packed texts, in memory or spilled to a temporary file."""

import os
import pickle

from karriere.base.packed import Spilled, SpillFile, pack, packed_digest, unpack


def test_a_spilled_text_reads_back_and_pickles_as_its_bytes(tmp_path):
    spill = SpillFile(tmp_path / "cache")
    texts = ["Sachbearbeitung (m/w/d) – Bürgerbüro", "ü" * 5000, ""]
    packed = [pack(text) for text in texts]
    spilled = [spill.spill(data) for data in packed]
    assert list(tmp_path.joinpath("cache").iterdir()) == []  # (an unnamed file)
    for text, data, held in zip(texts, packed, spilled, strict=True):
        assert type(held) is Spilled and held.length == len(data)
        assert unpack(held) == text and held.read() == data
        assert packed_digest(held) == packed_digest(data)
        assert pickle.loads(pickle.dumps(held)) == data  # (the content cache keeps bytes)
    again = spill.spill(packed[1])
    assert again == spilled[1] and hash(again) == hash(spilled[1])
    assert again != spilled[0] and spilled[1] != packed[1]  # (only spilled equals spilled)


def test_a_forked_process_reads_what_was_spilled_before(tmp_path):
    spill = SpillFile(tmp_path)
    held = spill.spill(pack("Erzieherin (m/w/d)"))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer with what it reads
        os.close(read)
        os.write(write, unpack(held).encode())
        os._exit(0)
    os.close(write)
    answer = os.read(read, 1000).decode()
    os.waitpid(pid, 0)
    assert answer == "Erzieherin (m/w/d)"
