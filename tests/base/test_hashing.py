"""The look at the files that the no-op check and the writer rely on."""

import os

from karriere.base.hashing import walk_signatures
from karriere.incremental.noop import scan_inputs


def make_tree(root):
    (root / "a" / "b").mkdir(parents=True)
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "x.pyc").write_bytes(b"x")
    (root / "z.md").write_text("z")
    (root / "a" / "one.md").write_text("one")
    (root / "a" / "b" / "two.jpg").write_bytes(b"22")
    os.symlink(root / "nowhere", root / "a" / "broken")
    os.symlink(root / "a", root / "a" / "b" / "loop")  # a folder reached again


def test_walk_lists_every_file_once_sorted_with_what_is_not_a_file(tmp_path):
    make_tree(tmp_path)
    not_files: list[str] = []
    found = walk_signatures(tmp_path, not_files=not_files)
    assert [name for name, _ in found] == ["a/b/two.jpg", "a/one.md", "z.md"]
    st = os.stat(tmp_path / "a" / "one.md")
    assert dict(found)["a/one.md"] == (st.st_size, st.st_mtime_ns, st.st_ino)
    assert sorted(not_files) == ["a/", "a/b/", "a/b/loop/", "a/broken"]


def test_walk_of_a_missing_folder_is_empty(tmp_path):
    assert walk_signatures(tmp_path / "missing") == []


def site(tmp_path):
    (tmp_path / "content" / "vacancies").mkdir(parents=True)
    (tmp_path / "site.yaml").write_text("title: x\n")
    for n in range(3):
        (tmp_path / "content" / "vacancies" / f"v{n}.md").write_text(f"body {n}\n")
    (tmp_path / "content" / "media").mkdir()
    (tmp_path / "content" / "media" / "b.jpg").write_bytes(b"b")
    (tmp_path / "content" / "media" / "a.png").write_bytes(b"a")
    return tmp_path


def test_inputs_digest_changes_with_any_file_and_only_then(tmp_path):
    root = site(tmp_path)
    first = scan_inputs(root)
    assert scan_inputs(root).digest == first.digest
    assert [name for name, _ in first.media] == ["media/a.png", "media/b.jpg"]

    path = root / "content" / "vacancies" / "v1.md"
    inode = os.stat(path).st_ino
    with open(path, "r+") as f:  # the same size, the same inode: only the mtime tells
        f.write("BODY")
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert os.stat(path).st_ino == inode
    edited = scan_inputs(root)
    assert edited.digest != first.digest

    (root / "content" / "vacancies" / "new.md").write_text("new\n")
    assert scan_inputs(root).digest != edited.digest


def test_a_new_folder_changes_the_inputs(tmp_path):
    root = site(tmp_path)
    first = scan_inputs(root).digest
    (root / "content" / "vacancies" / "x.md").mkdir()  # an error to report, not a file
    assert scan_inputs(root).digest != first
