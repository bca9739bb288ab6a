"""STFT settings of UVR's public MDX-Net ONNX files, keyed by UVR's file hash (the MD5 of the last
10,240,000 bytes, or of the whole file when smaller). These are facts about the files, the same
numbers UVR keeps in its model data; only the vocal and instrumental models are listed, since
those split voice from background. A file's own metadata, or ``--model-param``, wins over this.
"""
from __future__ import annotations

#: hash: (n_fft, dim_f, dim_t as a power of two, compensate, the model's stem)
UVR_MDX = {
    "0ddfc0eb5792638ad5dc27850236c246": (6144, 2048, 8, 1.035, "vocals"),
    "0f2a6bc5b49d87d64728ee40e23bceb1": (5120, 2560, 8, 1.019, "instrumental"),
    "1c56ec0224f1d559c42fd6fd2a67b154": (5120, 2048, 8, 1.025, "instrumental"),
    "1d64a6d2c30f709b8c9b4ce1366d96ee": (5120, 2048, 8, 1.065, "instrumental"),
    "203f2a3955221b64df85a41af87cf8f0": (6144, 3072, 8, 1.035, "instrumental"),
    "291c2049608edb52648b96e27eb80e95": (6144, 3072, 8, 1.035, "instrumental"),
    "2cdd429caac38f0194b133884160f2c6": (7680, 3072, 8, 1.045, "instrumental"),
    "2f5501189a2f6db6349916fabe8c90de": (6144, 2048, 8, 1.035, "vocals"),
    "398580b6d5d973af3120df54cee6759d": (7680, 3072, 8, 1.75, "vocals"),
    "488b3e6f8bd3717d9d7c428476be2d75": (7680, 3072, 8, 1.035, "instrumental"),
    "53c4baf4d12c3e6c3831bb8f5b532b93": (7680, 3072, 8, 1.043, "vocals"),
    "55657dd70583b0fedfba5f67df11d711": (6144, 3072, 8, 1.022, "instrumental"),
    "5d343409ef0df48c7d78cce9f0106781": (7680, 3072, 8, 1.075, "vocals"),
    "5f6483271e1efb9bfb59e4a3e6d4d098": (6144, 2048, 9, 1.035, "vocals"),
    "6b31de20e84392859a3d09d43f089515": (6144, 2048, 8, 1.035, "vocals"),
    "73492b58195c3b52d34590d5474452f6": (7680, 3072, 8, 1.043, "vocals"),
    "77d07b2667ddf05b9e3175941b4454a0": (7680, 3072, 8, 1.021, "vocals"),
    "867595e9de46f6ab699008295df62798": (7680, 3072, 8, 1.03, "vocals"),
    "8a88db95c7fb5dbe6a095ff2ffb428b1": (5120, 2048, 8, 1.026, "instrumental"),
    "94ff780b977d3ca07c7a343dab2e25dd": (6144, 3072, 8, 1.039, "instrumental"),
    "970b3f9492014d18fefeedfe4773cb42": (7680, 3072, 8, 1.009, "vocals"),
    "a3cd63058945e777505c01d2507daf37": (6144, 2048, 8, 1.03, "vocals"),
    "b06327a00d5e5fbc7d96e1781bbdb596": (6144, 3072, 8, 1.035, "instrumental"),
    "b33d9b3950b6cbf5fe90a32608924700": (7680, 3072, 8, 1.03, "vocals"),
    "b6bccda408a436db8500083ef3491e8b": (7680, 3072, 8, 1.02, "instrumental"),
    "b78da4afc6512f98e4756f5977f5c6b9": (7680, 3072, 8, 1.021, "instrumental"),
    "cb790d0c913647ced70fc6b38f5bea1a": (5120, 2560, 8, 1.01, "instrumental"),
    "cc63408db3d80b4d85b0287d1d7c9632": (6144, 3072, 8, 1.033, "instrumental"),
    "ceed671467c1f64ebdfac8a2490d0d52": (7680, 3072, 8, 1.035, "instrumental"),
    "d2a1376f310e4f7fa37fb9b5774eb701": (7680, 3072, 8, 1.035, "instrumental"),
    "d7bff498db9324db933d913388cba6be": (6144, 2048, 8, 1.035, "vocals"),
    "d94058f8c7f1fae4164868ae8ae66b20": (6144, 2048, 8, 1.035, "vocals"),
    "e5572e58abf111f80d8241d2e44e7fa4": (7680, 3072, 8, 1.028, "instrumental"),
    "e7324c873b1f615c35c1967f912db92a": (7680, 3072, 8, 1.03, "vocals"),
    "ead8d05dab12ec571d67549b3aab03fc": (6144, 3072, 8, 1.035, "instrumental"),
    "f2df6d6863d8f435436d8b561594ff49": (7680, 3072, 8, 1.035, "instrumental"),
}
