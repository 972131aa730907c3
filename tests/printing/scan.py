"""What a phone's camera reads from a printed receipt: its QR codes, nothing else.

zxing-cpp looks for every format by default, and a receipt's lines of text can pass
for a short 1D barcode (a run of letters read as ``5863``), so a receipt whose QR
decodes perfectly would count two codes. The receipt carries one QR code; this
reads QR codes only, the valid ones, as text.
"""

from __future__ import annotations

import zxingcpp
from PIL import Image


def qr_texts(image: Image.Image) -> list[str]:
    """The text of each valid QR code in ``image``, in the order zxing-cpp finds them."""
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [code.text for code in found if code.valid]
