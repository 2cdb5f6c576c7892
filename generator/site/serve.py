"""The live preview: ``mkdocs serve`` shows ``content/``, and a watcher regenerates
``content/`` when a seed, a curated data file or a template changes.

Regenerating goes through the extraction cache, so a changed seed is extracted alone, and
only the pages whose text changed are written: MkDocs, which watches ``content/``, then
rebuilds (with ``--dirty``, only the pages written).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.build import folders, lock, pipeline
from generator.build.storage import visible_files
from generator.project import Project

Stamp = dict[str, tuple[int, int]]


def stamp(folders: Iterable[Path]) -> Stamp:
    """Each file under the folders but hidden ones, with its modification time and size."""
    found: Stamp = {}
    for folder in folders:
        for _, entry in visible_files(folder):
            try:
                info = entry.stat()
            except OSError:
                continue
            found[entry.path] = (info.st_mtime_ns, info.st_size)
    return found


class Watcher(threading.Thread):
    """Polls the seeds, data and templates every ``interval`` seconds, and regenerates
    ``content/`` after a change; ``tell`` receives each regeneration's problems and a
    summary line."""

    def __init__(
        self,
        project: Project,
        seeds_dir: Path,
        content_dir: Path,
        tell: Callable[[str], None],
        interval: float = 1.0,
    ) -> None:
        super().__init__(name="chronicle-watcher", daemon=True)
        self.project, self.seeds_dir, self.content_dir = project, seeds_dir, content_dir
        self.tell, self.interval = tell, interval
        self.folders = [seeds_dir, project.data, project.templates]
        self.seen = stamp(self.folders)
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            now = stamp(self.folders)
            if now != self.seen:
                self.seen = now
                self.regenerate()

    def regenerate(self) -> None:
        """Extract and assemble again, holding the content folder against builds."""
        try:
            with lock.held(self.project.cache, [self.content_dir], self.tell, "serve"):
                report = pipeline.extract(self.project, self.seeds_dir, self.content_dir)
                pipeline.assemble_content(self.project, self.content_dir, report)
        except lock.Busy as busy:
            self.tell(f"error: {busy}")
            return
        except OSError as error:
            self.tell(f"error: {folders.write_failure(error, self.content_dir)}")
            return
        except Exception as error:  # the preview goes on; the next change may fix it
            self.tell(f"error: regenerating {self.content_dir} failed: {error}")
            return
        for line in report.problems():
            self.tell(line)
        self.tell(
            f"regenerated: {report.extracted} seeds extracted, {report.cached} from the "
            f"cache; {report.written} pages written, {report.removed} removed"
        )
