"""Every number that trades speed for memory or start-up cost, in one place. Read as
``tuning.NAME`` where used, so that a test can lower one to have a small site take the
path a large one takes.

None of them changes what a build produces: below a threshold the work is done in one
process, above it shared with workers (``infra.parallel``), and the site is the same
either way (tests build it both ways). Measured figures behind them are in
``benchmarks/README.md``.
"""

from __future__ import annotations

# Files from which validation shares its work with workers, and how many files a worker
# reads and parses before it checks them (a bound on what one batch holds in memory).
CHECK_PARALLEL_FROM = 256
READ_BATCH = 256

# Items (pages, data files, dialogues) from which rendering, the engine's page work and
# the HTML scan share their work with workers.
RENDER_PARALLEL_FROM = 200
ENGINE_PARALLEL_FROM = 200
SCAN_PARALLEL_FROM = 200

# Dialogues up to which the staged pages are handed to the engine from memory; above it
# they are written to the staging folder, because holding them all costs more memory than
# a large build may have.
IN_MEMORY_UP_TO = 5000

# Dialogues from which a build collects garbage and returns free memory to the system
# between its steps (``infra.memory``); below it a full collection costs more than it gives.
RELEASE_FROM = 2000
