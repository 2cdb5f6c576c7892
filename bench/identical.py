"""Whether a change left the output alone: hashes of ``content/`` and ``site/`` for the seeds
and for a made-up corpus, built by this checkout and (optionally) by another.

    python bench/identical.py                          # this checkout: seeds and 1,000 articles
    python bench/identical.py --against ../before      # and the code before a change, compared
    python bench/identical.py --articles 100 --keep /tmp/out   # leave the built folders

Each corpus is built with a cold cache (the compiled gazetteer aside) into folders of its
own. A tree's hash is the SHA-256 of every file's relative path and bytes, in path order, so
two trees hash alike exactly when they hold the same files with the same bytes. With
``--against``, the files that differ are listed; the exit status is 1 if any do.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "bench"))

from scale import make_corpus  # noqa: E402


def files_of(tree: Path) -> dict[str, str]:
    """Each file's path relative to the tree, with the SHA-256 of its bytes."""
    return {
        path.relative_to(tree).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(tree.rglob("*"))
        if path.is_file()
    }


def tree_hash(files: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\0{files[name]}\n".encode())
    return digest.hexdigest()


def build(project: Path, seeds: Path, out: Path) -> dict[str, dict[str, str]]:
    """Build ``seeds`` with ``project``'s generator into ``out``; the files of each tree."""
    cache = out / "cache"
    cache.mkdir(parents=True)
    for compiled in (project / ".cache").glob("gazetteer-*.pickle"):
        shutil.copy(compiled, cache / compiled.name)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds),
         "--content", str(out / "content"), "--site", str(out / "site")],
        cwd=project, env={**os.environ, "CHRONICLE_CACHE": str(cache)},
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode not in (0, 1):
        raise SystemExit(f"the build with {project} failed:\n{done.stderr}")
    return {tree: files_of(out / tree) for tree in ("content", "site")}


def differences(ours: dict[str, str], theirs: dict[str, str]) -> list[str]:
    return sorted(
        name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the made-up corpus")
    parser.add_argument("--against", type=Path, help="another checkout to compare with")
    parser.add_argument("--keep", type=Path, help="build into this folder and leave it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="chronicle-identical-"))
    shutil.rmtree(work, ignore_errors=True)
    made = work / "made-up-seeds"
    make_corpus(made, args.articles, per_month=40)
    projects = {"this": ROOT, **({"against": args.against.resolve()} if args.against else {})}
    corpora = {"seeds": ROOT / "seeds", f"{args.articles} articles": made}
    results: dict[str, dict[str, dict[str, str]]] = {}
    for label, project in projects.items():
        for corpus, seeds in corpora.items():
            out = work / label / corpus.replace(" ", "-")
            trees = build(project, seeds, out)
            for tree, files in trees.items():
                results.setdefault(f"{corpus}: {tree}", {})[label] = tree_hash(files)
                results[f"{corpus}: {tree}"][f"{label} files"] = str(len(files))
                if label == "against":
                    ours = files_of(work / "this" / corpus.replace(" ", "-") / tree)
                    changed = differences(ours, files)
                    results[f"{corpus}: {tree}"]["differ"] = str(len(changed))
                    for name in changed[:20]:
                        print(f"differs: {corpus}: {tree}/{name}", file=sys.stderr)
    width = max(len(key) for key in results)
    failed = False
    for key, row in results.items():
        line = f"{key:<{width}}  {row['this']}  ({row['this files']} files)"
        if "against" in row:
            same = row["this"] == row["against"]
            failed |= not same
            line += "  same as --against" if same else f"  DIFFERS in {row['differ']} files"
        print(line)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "identical.json").write_text(json.dumps(results, indent=2) + "\n")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
