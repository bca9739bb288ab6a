"""workers layer: the only bridge between engine/jobs and Qt (QObject workers in QThreads)."""
