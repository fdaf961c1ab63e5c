"""Draw the application icon (a red seal-like square with a white 账) into resources/icons/.

Run once by hand when the icon should change: python installer/make_icon.py. The outputs are committed,
so neither the build nor the app needs Pillow for the icon.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
OUT = ROOT / "resources" / "icons"


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pad = size // 16
    pen.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size // 6, fill=(192, 0, 0, 255))
    pen.rounded_rectangle((pad * 2, pad * 2, size - pad * 2, size - pad * 2), radius=size // 8,
                          outline=(255, 220, 120, 255), width=max(1, size // 40))
    font = ImageFont.truetype(str(FONT), int(size * 0.62), index=0)
    pen.text((size / 2, size / 2), "账", font=font, fill=(255, 255, 255, 255), anchor="mm")
    return image


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(256)
    big.save(OUT / "branchbook.png")
    big.save(OUT / "branchbook.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(OUT / "branchbook.png", OUT / "branchbook.ico")
