"""Qt-free, torch-free foundations: errors, progress, cancellation, the project model."""
