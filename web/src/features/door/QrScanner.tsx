// Reads a registrant's QR code with the phone's camera (getUserMedia, decoded by jsQR, loaded only when the camera
// opens). Without a camera (refused, none, or no secure context) the field below takes the code typed or pasted.
import { useEffect, useRef, useState } from 'react';

const SAME_CODE_MS = 3_000;

export function QrScanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    let last = { code: '', at: 0 };
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setProblem('This browser gives no camera here: type or paste the code below.');
        return;
      }
      try {
        const [media, { default: jsQR }] = await Promise.all([navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }), import('jsqr')]);
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        const scan = () => {
          if (stopped) return;
          const v = video.current;
          if (v && context && v.videoWidth > 0) {
            // A third of the frame's pixels is plenty for a QR code held up to the phone, and three times faster.
            const scale = Math.min(1, 640 / v.videoWidth);
            canvas.width = Math.round(v.videoWidth * scale);
            canvas.height = Math.round(v.videoHeight * scale);
            context.drawImage(v, 0, 0, canvas.width, canvas.height);
            const image = context.getImageData(0, 0, canvas.width, canvas.height);
            const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
            const now = Date.now();
            if (found?.data && (found.data !== last.code || now - last.at > SAME_CODE_MS)) {
              last = { code: found.data, at: now };
              onCodeRef.current(found.data);
            }
          }
          frame = requestAnimationFrame(scan);
        };
        scan();
      } catch {
        setProblem('The camera is not available (refused or missing): type or paste the code below.');
      }
    })();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  return (
    <section className="door-scanner" aria-label="Scan a QR code">
      {problem ? <p role="alert">{problem}</p> : <video ref={video} className="door-video" muted playsInline aria-label="Camera" />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const code = typed.trim();
          if (code) onCode(code);
          setTyped('');
        }}
      >
        <label htmlFor="door-code">Code from the QR (typed or pasted)</label>
        <div className="door-row">
          <input id="door-code" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" placeholder="kith-door-…" />
          <button type="submit">Check in code</button>
        </div>
      </form>
      <button type="button" className="secondary" onClick={onClose}>
        Close camera
      </button>
    </section>
  );
}
