"""The build: a deck's documents staged and moved into place together, with the manifest that ``verify`` reads."""

from .documents import KINDS
from .options import BuildOptions, default_output_dir
from .pipeline import BuildResult, build

__all__ = ["KINDS", "BuildOptions", "BuildResult", "build", "default_output_dir"]
