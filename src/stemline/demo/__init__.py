"""Synthetic demo material: speech-like voice, music-like background, and the bundled demo clip."""
