"""Choosing a sound for each event: by category, by the user's text prompt, by the event's
character, and never the same file twice in a row."""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.events import ContactEvent
from stemline.engine.foley.library import SoundInfo, tokens

#: Per event kind: the category it wants and words that suit it, best first.
_WANTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "impact": ("IMPACT", ("wood", "plastic", "knock", "tap", "hit", "bounce", "ball")),
    "landing": ("IMPACT", ("thud", "body", "drop", "land", "wood", "plastic")),
    "slam": ("IMPACT", ("wood", "slam", "knock", "bang", "thud")),
    "step": ("FOOTSTEPS", ("concrete", "step", "footsteps")),
}
#: What an object on a surface sounds like, best words first (used before the kind's own words).
#: Tile and stone give hard, bright knocks; carpet a muffled thud; metal and glass their own.
_SURFACE_WORDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("foot", "wood"): ("wood",), ("foot", "tile"): ("concrete",), ("foot", "stone"): ("concrete",),
    ("foot", "metal"): ("concrete",), ("foot", "carpet"): ("gravel", "concrete"),
    ("ball", "wood"): ("wood", "knock"), ("ball", "tile"): ("plastic", "tap"),
    ("ball", "stone"): ("plastic", "tap"), ("ball", "metal"): ("metal", "clang"),
    ("ball", "glass"): ("glass", "tink"), ("ball", "carpet"): ("thud", "body"),
    ("ball", "wall"): ("knock", "wood", "thud"),
    ("box", "wood"): ("wood", "knock"), ("box", "tile"): ("thud", "wood"), ("box", "stone"): ("thud", "wood"),
    ("box", "metal"): ("metal", "clang"), ("box", "glass"): ("glass",), ("box", "carpet"): ("thud", "body"),
    ("box", "wall"): ("thud", "wood", "slam"),
}

#: Sounds without a sharp attack can't sit on a contact.
_CONTACT_CATEGORIES = {"IMPACT", "FOOTSTEPS", "DOORS", "GLASS", "METAL", "WOOD", "MISC"}


class SoundMatcher:
    """Picks sounds from a pool of indexed effects.

    Parameters
    ----------
    sounds : candidates (built-in and/or user library).
    prompt : optional text ("footsteps on gravel"); when it matches sounds, it decides.
    seed : for reproducible variation choices.
    """

    def __init__(self, sounds: list[SoundInfo], prompt: str | None = None, seed: int = 0) -> None:
        if not sounds:
            raise ValueError("no sounds to choose from")
        self.sounds = list(sounds)
        self.prompt_words = set(tokens(prompt or ""))
        self._rng = np.random.default_rng(seed)
        self._last: dict[str, str] = {}
        self._prompt_score = np.array([self._text_score(s) for s in self.sounds], float)
        #: True when the prompt matched at least one sound (else it's ignored).
        self.prompt_used = bool(self.prompt_words) and bool(self._prompt_score.max() > 0)

    def _text_score(self, s: SoundInfo) -> float:
        if not self.prompt_words:
            return 0.0
        words = set(s.words) | {s.category.lower(), s.subcategory}
        hits = self.prompt_words & words
        # the category word counts double: "footsteps on gravel" must first of all be footsteps
        return float(len(hits) + (1 if s.category.lower() in self.prompt_words else 0))

    def _score(self, s: SoundInfo, ev: ContactEvent, i: int) -> float:
        # a foot makes footsteps whatever its motion looked like
        want_cat, want_words = _WANTS.get("step" if ev.object == "foot" else ev.kind, _WANTS["impact"])
        score = 0.0
        if self.prompt_used:
            score += 10.0 * self._prompt_score[i]
        if s.category == want_cat:
            score += 4.0
        elif s.category not in _CONTACT_CATEGORIES:
            score -= 8.0
        words = set(s.words) | {s.subcategory}
        # what hit what decides first, the motion's character second
        for rank, w in enumerate(_SURFACE_WORDS.get((ev.object, ev.surface), ())):
            if w in words:
                score += 3.0 - 0.3 * rank
                break
        for rank, w in enumerate(want_words):
            if w in words:
                score += 2.0 - 0.2 * rank
                break
        # character: contacts want a sharp attack; soft landings tolerate a slower one
        limit = 25.0 if ev.kind == "landing" else 12.0
        if s.attack_ms > limit:
            score -= min(3.0, (s.attack_ms - limit) / 10.0)
        return score

    def choose(self, ev: ContactEvent) -> SoundInfo:
        """The sound for ``ev``: best-scoring group, a random member that wasn't used last."""
        scores = np.array([self._score(s, ev, i) for i, s in enumerate(self.sounds)])
        best = scores.max()
        group = [s for s, sc in zip(self.sounds, scores) if sc >= best - 0.5]
        key = group[0].category + "/" + group[0].subcategory
        last = self._last.get(key)
        pool = [s for s in group if s.path != last] or group
        pick = pool[int(self._rng.integers(len(pool)))]
        self._last[key] = pick.path
        return pick
