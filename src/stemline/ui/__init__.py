"""PySide6 + pyqtgraph widgets; they reach the engine only through :mod:`stemline.workers`."""
import stemline.workers  # noqa: F401  (imports Qt first, without shiboken's import hook)
