"""Sub-commands of `insyn`; each module adds its parser and runs it."""
