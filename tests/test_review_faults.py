"""Faults of `plan-extract review` (issue 24: 2, 16, 17, 18, 19): a stale page names its
finding by content and is refused when it is gone, writes stay inside the rules folder, a
value Excel would read as a formula is guarded, one decision clicked ten times is one rule,
and a hostile request body is refused without a traceback."""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from extract.review import Refused, ReviewServer, Session, accept, add_department, rerun
from extract.rules import load_rules
from extract.text import FORMULA_START

from .conftest import ROOT, SEED
from .test_review import _csv, _output, _request, _rules_copy


def _config(server: ReviewServer) -> dict:
    status, page = _request(server.url)
    assert status == 200
    found = re.search(r'<script id="review-config" type="application/json">(.*?)</script>', page)
    assert found is not None
    return json.loads(found.group(1))


def _post(server: ReviewServer, path: str, body: dict) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json", "X-Plan-Extract-Token": server.session.token}
    status, text = _request(
        f"http://127.0.0.1:{server.port}/api/{path}", data=body, headers=headers
    )
    return status, json.loads(text)


def _named(config: dict, code: str, key: str) -> tuple[int, dict]:
    """The card's row number and the content key the page posts for it."""
    return next(
        (i, f) for i, f in enumerate(config["findings"]) if (f["code"], f["key"]) == (code, key)
    )


# --- 2. a decision names its finding by content -----------------------------------------------------


def test_a_page_loaded_before_a_rerun_decides_on_the_finding_it_shows(tmp_path: Path) -> None:
    rules_dir = _rules_copy(tmp_path)
    out = _output(SEED, rules_dir, tmp_path / "out")
    with ReviewServer(Session(out, rules_dir)) as server:
        stale = _config(server)  # the page in a tab left open
        kominkan_row, kominkan = _named(stale, "abbreviation.unknown", "各公民館")
        _, joto = _named(stale, "abbreviation.unknown", "情統")
        # Another tab registers 情統 and reruns: the findings after it move up a row.
        status, answer = _post(
            server,
            "department",
            {**joto, "bureau": "企画政策部", "section": "情報統計課", "note": "確認済み"},
        )
        assert status == 200 and answer["ok"], answer
        assert _post(server, "rerun", {})[1]["ok"]
        fresh = _config(server)
        assert _named(fresh, "abbreviation.unknown", "各公民館")[0] == kominkan_row - 1
        # that row is 育成 now, which the row number would have accepted
        assert fresh["findings"][kominkan_row]["key"] == "育成"
        # The stale tab accepts 各公民館: the rule names 各公民館, whatever row it moved to.
        status, answer = _post(server, "accept", {**kominkan, "note": "各館の総称（確認済み）"})
        assert status == 200 and answer["ok"], answer
        accepted = _csv(rules_dir / "accepted_findings.csv")
        assert [(r["code"], r["record"]) for r in accepted] == [
            ("abbreviation.unknown", "各公民館")
        ]
        # Its decision on 情統, which the rerun resolved, is refused in one sentence: 409.
        before = (rules_dir / "departments.csv").read_bytes()
        status, answer = _post(server, "department", {**joto, "bureau": "b", "note": "n"})
        assert status == 409 and answer["ok"] is False
        assert "情統" in answer["error"] and "再読み込み" in answer["error"]
        assert len(answer["error"].splitlines()) == 1
        assert (rules_dir / "departments.csv").read_bytes() == before
        assert len(_csv(rules_dir / "accepted_findings.csv")) == 1


# --- 16. writes stay inside the rules folder --------------------------------------------------------


def test_the_review_never_writes_outside_the_rules_folder(tmp_path: Path) -> None:
    rules_dir = _rules_copy(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outside = elsewhere / "outside.csv"
    outside.write_text("abbr,canonical,bureau,section,note\n", encoding="utf-8")
    with (rules_dir / "settings.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[files]\ndepartments = "../elsewhere/outside.csv"\n')
    # Reading a table shared by several plans is allowed: the loader reads it.
    assert load_rules(rules_dir).settings.files.departments == "../elsewhere/outside.csv"
    out = _output(SEED, rules_dir, tmp_path / "out")
    session = Session(out, rules_dir)
    rows = _csv(out / "findings.csv")
    ikusei = next(r for r in rows if r["key"] == "育成")
    body = {
        "code": ikusei["code"],
        "key": ikusei["key"],
        "record": ikusei["record_id"],
        "line": ikusei["source_line"],
        "bureau": "教育委員会",
        "section": "青少年育成課",
        "note": "n",
    }
    before = outside.read_bytes()
    with pytest.raises(Refused, match="outside the rules folder") as exc:
        add_department(session, body)
    assert len(str(exc.value).splitlines()) == 1
    assert outside.read_bytes() == before
    # A rules file that is a link to a file elsewhere is outside too.
    (rules_dir / "settings.toml").write_text(
        (ROOT / "rules" / "settings.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (rules_dir / "departments.csv").unlink()
    (rules_dir / "departments.csv").symlink_to(outside)
    with pytest.raises(Refused, match="outside the rules folder"):
        add_department(session, body)
    assert outside.read_bytes() == before and (rules_dir / "departments.csv").is_symlink()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["outside.csv"]


# --- 17. a value Excel would read as a formula ------------------------------------------------------


@pytest.mark.parametrize("abbr", ["=1+1", "＝1+1", "@SUM(A1)"])
def test_a_registered_abbreviation_is_never_a_formula_cell(abbr: str, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    text = SEED.read_text(encoding="utf-8")
    plan.write_text(text.replace("会津まつり協会負担金【観光】", f"会津まつり協会負担金【{abbr}】"))
    rules_dir = _rules_copy(tmp_path)
    out = _output(plan, rules_dir, tmp_path / "out")
    session = Session(out, rules_dir)
    row = next(r for r in _csv(out / "findings.csv") if r["key"] == abbr)
    body = {
        "code": row["code"],
        "key": row["key"],
        "record": row["record_id"],
        "line": row["source_line"],
        "bureau": "-観光部",
        "section": '=HYPERLINK("http://example.invalid","x")',
        "note": "+確認済み",
    }
    add_department(session, body)
    cells = [
        c
        for r in csv.reader(io.StringIO((rules_dir / "departments.csv").read_text("utf-8")))
        for c in r
    ]
    assert f"'{abbr}" in cells
    assert not [c for c in cells if c.startswith(FORMULA_START)], cells
    # What was written reads back as printed, and the rerun applies it.
    assert [(d.abbr, d.bureau, d.note) for d in load_rules(rules_dir).departments] == [
        (abbr, "-観光部", "+確認済み")
    ]
    rerun(session)
    assert not [r for r in _csv(out / "findings.csv") if r["key"] == abbr]


# --- 18. one decision clicked ten times -------------------------------------------------------------


def test_ten_concurrent_accepts_of_one_finding_are_one_rule(tmp_path: Path) -> None:
    rules_dir = _rules_copy(tmp_path)
    out = _output(SEED, rules_dir, tmp_path / "out")
    with ReviewServer(Session(out, rules_dir)) as server:
        _, named = _named(_config(server), "abbreviation.unknown", "各公民館")
        answers: list[tuple[int, dict]] = []
        threads = [
            threading.Thread(
                target=lambda: answers.append(_post(server, "accept", {**named, "note": "n"}))
            )
            for _ in range(10)
        ]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    assert len(_csv(rules_dir / "accepted_findings.csv")) == 1
    assert sorted(a["ok"] for _, a in answers) == [False] * 9 + [True]
    assert all("保存済み" in a["error"] for _, a in answers if not a["ok"])
    # Ten review servers on one rules folder (each with its own lock): one rule too.
    _, named = _named(_config_of(out), "abbreviation.unknown", "育成")
    done: list[object] = []

    def decide() -> None:
        try:
            done.append(accept(Session(out, rules_dir), {**named, "note": "n"}))
        except Refused as exc:
            done.append(exc)

    threads = [threading.Thread(target=decide) for _ in range(10)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert [r["record"] for r in _csv(rules_dir / "accepted_findings.csv")] == ["各公民館", "育成"]
    assert sum(isinstance(d, Path) for d in done) == 1


def _config_of(out: Path) -> dict:
    rows = _csv(out / "findings.csv")
    return {
        "findings": [
            {"code": r["code"], "key": r["key"], "record": r["record_id"], "line": r["source_line"]}
            for r in rows
        ]
    }


# --- 19. hostile request bodies ---------------------------------------------------------------------


def _raw(port: int, head: str, body: bytes = b"") -> str:
    """An HTTP exchange on a plain socket (a length the body does not have, chunks)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode() + b"\r\n" + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data.decode(errors="replace")


def test_a_deeply_nested_or_huge_body_is_refused_without_a_traceback(tmp_path: Path) -> None:
    rules_dir = _rules_copy(tmp_path)
    out = _output(SEED, rules_dir, tmp_path / "out")
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract", "review", str(out), "--rules", str(rules_dir)]
        + ["--no-browser", "--lang", "en"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=(\S+)", line)
        assert found, line
        port, token = int(found.group(1)), found.group(2)
        base = f"http://127.0.0.1:{port}/api/accept"
        headers = {"Content-Type": "application/json", "X-Plan-Extract-Token": token}
        deep = b"[" * 100_000 + b"]" * 100_000
        status, text = _urlopen(urllib.request.Request(base, data=deep, headers=headers))
        assert status == 400 and "nested" in json.loads(text)["error"]
        # A length over the limit is refused before the body is read; so is a longer chunked body.
        head = (
            f"POST /api/accept HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"X-Plan-Extract-Token: {token}\r\nConnection: close\r\n"
        )
        answer = _raw(port, head + "Content-Length: 100000000\r\n")
        assert answer.startswith("HTTP/1.1 413") and "at most 1,000,000 bytes" in answer
        big = json.dumps({"note": "x" * 1_200_000}).encode()
        chunked = b"".join(
            f"{len(big[i : i + 65536]):x}\r\n".encode() + big[i : i + 65536] + b"\r\n"
            for i in range(0, len(big), 65536)
        )
        answer = _raw(port, head + "Transfer-Encoding: chunked\r\n", chunked + b"0\r\n\r\n")
        assert answer.startswith("HTTP/1.1 413"), answer[:200]
        assert _request(f"http://127.0.0.1:{port}/?token={token}")[0] == 200  # still serving
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode == 0
    assert proc.stderr.read() == ""  # type: ignore[union-attr]
    assert _csv(rules_dir / "accepted_findings.csv") == []


def _urlopen(req: urllib.request.Request) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
