import os

from core.library.scanner import ScanProblem, SeenFile, excluded, scan


def test_exclude_patterns():
    pats = [".*", "~$*", "*.tmp"]
    assert excluded(".git", pats) and excluded("~$draft.docx", pats) and excluded("x.tmp", pats)
    assert not excluded("contract.pdf", pats)


def test_scan_skips_unsupported_and_excluded_and_reports_loops(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "b.exe").write_bytes(b"MZ")
    (tmp_path / "~$lock.docx").write_bytes(b"x")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.txt").write_text("c")
    os.symlink(tmp_path, sub / "back")  # a folder link back up the tree
    out = list(scan(str(tmp_path), ["~$*"]))
    files = sorted(os.path.relpath(i.path, tmp_path) for i in out if isinstance(i, SeenFile))
    assert files == ["a.pdf", "sub/c.txt"]
    problems = [i for i in out if isinstance(i, ScanProblem)]
    assert len(problems) == 1 and "loop" in problems[0].error
