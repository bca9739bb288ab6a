"""playback layer."""
