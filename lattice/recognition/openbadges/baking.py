"""Baked badges: a PNG image with the signed credential inside, so the picture is the proof.

OB 3.0 bakes a PNG by an ``iTXt`` chunk with the keyword ``openbadgecredential`` holding the
credential (here its compact VC-JWT). Pillow draws the image and writes the chunk.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, PngImagePlugin

KEYWORD = "openbadgecredential"


def bake(title: str, issuer: str, jwt: str) -> bytes:
    image = Image.new("RGB", (400, 400), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 380, 380), fill="#1f4e79", outline="#c9a227", width=12)
    lines = _wrap(title, 18)[:4]
    y = 200 - 14 * len(lines)
    for line in lines:
        width = draw.textlength(line)
        draw.text(((400 - width) / 2, y), line, fill="#ffffff")
        y += 28
    width = draw.textlength(issuer[:40])
    draw.text(((400 - width) / 2, 320), issuer[:40], fill="#c9a227")
    info = PngImagePlugin.PngInfo()
    info.add_itxt(KEYWORD, jwt)
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def unbake(png: bytes) -> str | None:
    """The credential baked into ``png``, or None."""
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        value = image.info.get(KEYWORD)
    return str(value) if value is not None else None


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
