"""The only bridge between engine/jobs and Qt: QThread workers that report through signals."""
from stemline.workers.qt_import import qt_without_import_hook

qt_without_import_hook()
