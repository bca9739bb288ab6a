"""Foley: spot contact events in video, pick or generate sounds, place them in sync and in space.

Qt-free and torch-free. Frames come in from the caller (``jobs`` decodes them with ``media``), so
this package never opens video files itself.
"""
