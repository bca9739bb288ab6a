"""Offline default separator: Spleeter's 2-stem U-Nets with the refinements that measurably help.

Beyond Spleeter as published (masks zero above 11 kHz, independent 512-frame patches, ratio masks):
- the band above the network's 11 kHz is given a mask extrapolated from the top of the modelled band,
  so nothing is thrown away and voice + background always rebuild the input;
- patches overlap and are cross-faded, so there are no seams every 11.9 s;
- a multichannel Wiener filter (one EM pass) refines the masks with each stem's stereo image.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from stemline.core.progress import CancelToken, Progress, ProgressCallback
from stemline.core.settings import cache_dir
from stemline.engine.separation.spectral import stft, istft, to_model_rate, from_model_rate
from stemline.engine.separation.spleeter_net import NET_BINS, NET_FRAMES, bundled_checkpoints, load_unet
from stemline.engine.separation.wiener import wiener_refine

MODEL_RATE = 44100
N_FFT = 4096
HOP = 1024


@dataclass(frozen=True)
class SpleeterOptions:
    """Tuning knobs; the defaults are the measured best (see benchmarks/sep_ablation.py)."""

    #: Frames shared by neighbouring network patches (0 = Spleeter's independent patches).
    patch_overlap: int = 128
    #: How the band above 11 kHz is masked: "zero" (published), "extend" (top-band average).
    high_band: str = "extend"
    #: Bins at the top of the modelled band averaged to extend the mask upwards.
    extend_bins: int = 128
    #: Exponent of the ratio masks (Spleeter uses 2).
    mask_power: float = 2.0
    #: EM passes of the multichannel Wiener filter (0 = plain ratio masks).
    wiener_iterations: int = 1
    #: First guess the Wiener filter refines: "ratio" (masked mixture) or "magnitude" (net output).
    wiener_init: str = "magnitude"
    #: Patches run through a network at once: one is as fast on CPU and needs an eighth of the memory.
    batch: int = 1
    #: Gain applied to the magnitudes the networks see (the masks still apply to the true mixture).
    input_gain: float = 1.0
    #: Also run the networks on the channel-swapped input and average (test-time augmentation).
    swap_channels: bool = False


class SpleeterSeparator:
    """Voice/background separation with the bundled Spleeter 2-stem weights.

    Parameters
    ----------
    device : "auto", "cpu", "cuda", "cuda:N" or "mps".
    options : refinement settings (defaults are the measured best).
    """

    name = "spleeter"
    sample_rate = MODEL_RATE
    #: Context each side of a chunk so overlap-add of chunks shows no seams (the patch overlap
    #: plus a margin for the STFT and resampler edges).
    context_seconds = 1.5

    def __init__(self, device: str = "auto", options: SpleeterOptions | None = None) -> None:
        from stemline.engine.device import pick_device
        self.device = pick_device(device)
        self.options = options or SpleeterOptions()
        voc_path, acc_path = bundled_checkpoints()
        # Channels-last lets oneDNN (and cuDNN) pick faster convolution kernels: about 1.3-3x here.
        cache = cache_dir() / "models"
        self._nets = [load_unet(p, cache).to(self.device, memory_format=torch.channels_last)
                      for p in (voc_path, acc_path)]
        self._window = torch.hann_window(N_FFT, device=self.device)

    # ------------------------------------------------------------------ public
    def separate(self, audio: np.ndarray, sample_rate: int, *,
                 progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> dict[str, np.ndarray]:
        """Split ``audio`` (frames, channels) float32 into {"voice", "background"}, same shape and rate."""
        audio = np.asarray(audio, dtype=np.float32)
        if audio.ndim == 1:
            audio = audio[:, None]
        frames, channels = audio.shape
        if frames == 0:
            empty = np.zeros_like(audio)
            return {"voice": empty, "background": empty.copy()}
        stereo = audio if channels == 2 else (
            np.repeat(audio, 2, axis=1) if channels == 1 else audio[:, :2])
        model_in = to_model_rate(stereo, sample_rate, MODEL_RATE)
        with torch.inference_mode():
            voice = self._voice(model_in, progress, cancel)
        voice = from_model_rate(voice, MODEL_RATE, sample_rate, frames)
        if channels == 1:
            voice = voice.mean(axis=1, keepdims=True)
        elif channels > 2:
            # Voice sits in the front pair here; other channels go to the background untouched.
            voice = np.concatenate([voice, np.zeros((frames, channels - 2), np.float32)], axis=1)
        voice = voice.astype(np.float32, copy=False)
        # Background as the exact remainder keeps voice + background == input, bit for bit.
        return {"voice": voice, "background": audio - voice}

    # ------------------------------------------------------------------ internals
    def _voice(self, stereo: np.ndarray, progress: ProgressCallback | None,
               cancel: CancelToken | None) -> np.ndarray:
        opts = self.options
        x = torch.from_numpy(np.ascontiguousarray(stereo.T)).to(self.device)
        spec = stft(x, N_FFT, HOP, self._window)                    # (2, 2049, L) complex
        mag = spec.abs()
        low = self._network_masks(mag[:, :NET_BINS] * opts.input_gain, progress, cancel)   # (2 stems, 2, 1024, L)
        est = low * mag[None, :, :NET_BINS]
        est = self._extend_high_band(est, mag)                      # (2 stems, 2, 2049, L)
        if opts.wiener_iterations > 0:
            voice_spec = wiener_refine(est, spec, opts.wiener_iterations, opts.wiener_init)
        else:
            p = opts.mask_power
            num = est[0] ** p
            mask = (num + 1e-10 / 2) / (num + est[1] ** p + 1e-10)
            voice_spec = spec * mask
        voice = istft(voice_spec, N_FFT, HOP, self._window, stereo.shape[0])
        return voice.T.contiguous().cpu().numpy()

    def _network_masks(self, mag: torch.Tensor, progress: ProgressCallback | None,
                       cancel: CancelToken | None) -> torch.Tensor:
        """Run both U-Nets over overlapping 512-frame patches; cross-fade their masks."""
        opts = self.options
        length = mag.shape[-1]
        hop = NET_FRAMES - opts.patch_overlap
        count = max(1, math.ceil(max(0, length - opts.patch_overlap) / hop))
        padded = (count - 1) * hop + NET_FRAMES
        inp = torch.nn.functional.pad(mag, (0, padded - length))        # (2, F, T)
        starts = [i * hop for i in range(count)]
        patches = torch.stack([inp[:, :, s:s + NET_FRAMES] for s in starts])  # (P, 2, F, T)
        patches = patches.transpose(2, 3)                                # (P, 2, T, F)
        taper = _patch_taper(opts.patch_overlap, self.device)
        out = torch.zeros((2, 2, NET_BINS, padded), device=self.device)
        weight = torch.zeros(padded, device=self.device)
        done = 0
        for b in range(0, count, opts.batch):
            if cancel is not None:
                cancel.check()
            batch = patches[b:b + opts.batch].contiguous(memory_format=torch.channels_last)
            masks = [net(batch).transpose(2, 3) for net in self._nets]   # each (p, 2, F, T)
            if opts.swap_channels:
                swapped = batch.flip(1)
                masks = [0.5 * (m + net(swapped).transpose(2, 3).flip(1))
                         for m, net in zip(masks, self._nets)]
            for k in range(batch.shape[0]):
                s = starts[b + k]
                w = taper.clone()
                if b + k == 0:
                    w[: opts.patch_overlap] = 1.0
                if b + k == count - 1:
                    w[NET_FRAMES - opts.patch_overlap:] = 1.0
                for j in range(2):
                    out[j, :, :, s:s + NET_FRAMES] += masks[j][k] * w
                weight[s:s + NET_FRAMES] += w
            done += batch.shape[0]
            if progress is not None:
                progress(Progress("separate", done, count, unit="patches"))
        return (out / weight.clamp_min(1e-6))[..., :length]

    def _extend_high_band(self, est: torch.Tensor, mag: torch.Tensor) -> torch.Tensor:
        """Give the band above the network's reach an estimate for each stem."""
        opts = self.options
        high = mag[None, :, NET_BINS:]
        if opts.high_band == "zero":
            hi = torch.zeros((2, *high.shape[1:]), device=est.device)
        else:
            low_mag = mag[None, :, NET_BINS - opts.extend_bins:NET_BINS]
            top = est[:, :, -opts.extend_bins:]
            # Each stem's share of the top band, carried up as a per-frame mask.
            share = top.sum(dim=2, keepdim=True) / low_mag.sum(dim=2, keepdim=True).clamp_min(1e-8)
            hi = share.clamp(0.0, 1.0) * high
        return torch.cat([est, hi], dim=2)


def _patch_taper(overlap: int, device: str) -> torch.Tensor:
    """Weights over one patch: a raised-cosine ramp across each overlap, flat in between."""
    w = torch.ones(NET_FRAMES, device=device)
    if overlap > 0:
        ramp = torch.sin(0.5 * math.pi * (torch.arange(overlap, device=device) + 0.5) / overlap) ** 2
        w[:overlap] = ramp
        w[NET_FRAMES - overlap:] = ramp.flip(0)
    return w
