// A QR code drawn in the browser from an `otpauth://` URI (it holds the secret, so it is
// never sent anywhere to be drawn): an SVG as an image (the CSP allows `data:` images).
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export function QrCode({ value, label }: { value: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((svg) => {
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [value]);
  if (!src) return null;
  return <img className="qr-code" src={src} alt={label} width={200} height={200} />;
}
