'use client';

import { useEffect, useRef, useState } from 'react';
import { confirmBadgeUploadAction, requestBadgeUploadAction } from '@/app/admin/credentials/actions';
import { smallButtonClass } from '@/components/ui/button';

const OUT = 512;

/**
 * Picks a picture, shows a square crop (zoom and position sliders) on a canvas, and uploads the
 * cropped 512×512 PNG straight to storage with a presigned PUT to a short-lived upload key; the
 * server then checks it, copies it to the badge's own key (which no upload URL can reach) and checks
 * the copy. That copy's key is what the form holds and saves with the draft; one never saved is
 * deleted by the server after a while (lib/authoring/badge-image.ts).
 * "Use this crop" and "Remove image" both take away the button that was pressed: focus goes to
 * the badge preview, which says what the badge now shows, and the change is read out.
 */
export function BadgeImageField({
  issuerId, imageKey, previewUrl, color, onChange,
}: { issuerId: string; imageKey: string | null; previewUrl: string | null; color: string; onChange: (key: string | null, previewUrl: string | null) => void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  const [zoom, setZoom] = useState(1);
  const [x, setX] = useState(50);
  const [y, setY] = useState(50);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const previewRef = useRef<HTMLDivElement>(null);

  /** After the crop or the image is gone: say so (a repeat is read out again) and focus the preview. */
  function settle(text: string) {
    setStatus((prev) => (prev === text ? `${text}\u00a0` : text));
    // Only if focus has nowhere better to be: the clicked button (now gone or disabled) or the page
    // itself. An upload can take seconds, and the admin may have moved on to another field.
    const from = document.activeElement;
    window.setTimeout(() => {
      const now = document.activeElement;
      if (now === from || now === document.body || now === null || (now instanceof HTMLButtonElement && now.disabled)) previewRef.current?.focus();
    }, 0);
  }

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !img) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const side = Math.min(img.naturalWidth, img.naturalHeight) / zoom;
    const sx = ((img.naturalWidth - side) * x) / 100;
    const sy = ((img.naturalHeight - side) * y) / 100;
    ctx.clearRect(0, 0, OUT, OUT);
    ctx.drawImage(img, sx, sy, side, side, 0, 0, OUT, OUT);
  }, [img, zoom, x, y]);

  function pick(file: File | undefined) {
    setError(null);
    if (!file) return;
    if (!file.type.startsWith('image/')) {
      setError('Choose an image file (PNG, JPEG, WebP or GIF).');
      return;
    }
    const url = URL.createObjectURL(file);
    const el = new Image();
    el.onload = () => {
      setImg(el);
      setZoom(1);
      setX(50);
      setY(50);
    };
    el.onerror = () => setError('That image could not be opened.');
    el.src = url;
  }

  async function upload() {
    const canvas = canvasRef.current;
    if (!canvas) return;
    setBusy(true);
    setError(null);
    try {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('The cropped image could not be made.');
      const ticket = await requestBadgeUploadAction({ issuerId, size: blob.size });
      if (!ticket.ok || !ticket.data) throw new Error((!ticket.ok && ticket.formError) || 'Upload could not start.');
      const put = await fetch(ticket.data.url, { method: 'PUT', body: blob, headers: { 'Content-Type': 'image/png' } });
      if (!put.ok) throw new Error(`The upload failed (${put.status}). Try again.`);
      const confirmed = await confirmBadgeUploadAction({ issuerId, key: ticket.data.key });
      if (!confirmed.ok || !confirmed.data) throw new Error((!confirmed.ok && confirmed.formError) || 'The image could not be checked.');
      // The checked copy's key, not the upload's: the upload URL can still be used for a while.
      onChange(confirmed.data.key, confirmed.data.previewUrl);
      setImg(null);
      settle('Badge image uploaded. It is shown as the current badge image.');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="mb-4 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">Badge image (optional)</legend>
      <div className="flex flex-wrap items-start gap-4">
        {/* Focused after an upload or a removal (tabIndex -1): the button pressed has gone. */}
        <div ref={previewRef} tabIndex={-1} role="group" aria-label="Current badge" className="text-center">
          {previewUrl ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={previewUrl} alt="Current badge image" width={96} height={96} className="rounded-md border border-slate-200" />
          ) : (
            <div aria-hidden="true" className="h-24 w-24 rounded-md border border-slate-200" style={{ background: color }} />
          )}
          <p className="mt-1 text-xs text-slate-700">{imageKey ? 'Uploaded image' : 'Generated from the colour'}</p>
          {imageKey ? (
            <button
              type="button"
              className={`${smallButtonClass} mt-1 text-red-700`}
              onClick={() => {
                onChange(null, null);
                settle('Badge image removed. The badge is generated from the colour.');
              }}
            >
              Remove image
            </button>
          ) : null}
        </div>
        {/* Its own line on a phone (the crop preview alone is 10rem wide); beside the current badge from sm up. */}
        <div className="min-w-0 grow basis-full sm:min-w-64 sm:basis-0">
          <label htmlFor="badge-file" className="block text-sm font-semibold">
            Choose a picture
          </label>
          <input id="badge-file" type="file" accept="image/png,image/jpeg,image/webp,image/gif" onChange={(e) => pick(e.target.files?.[0])} className="mt-1 block max-w-full text-sm" />
          {img ? (
            <div className="mt-3 flex flex-wrap gap-4">
              <canvas ref={canvasRef} width={OUT} height={OUT} className="h-40 w-40 rounded-md border border-slate-300" role="img" aria-label="Square crop preview of the badge image" />
              <div className="space-y-2 text-sm">
                <label className="block">
                  Zoom
                  <input type="range" min={1} max={4} step={0.05} value={zoom} onChange={(e) => setZoom(Number(e.target.value))} className="block w-40" />
                </label>
                <label className="block">
                  Horizontal position
                  <input type="range" min={0} max={100} value={x} onChange={(e) => setX(Number(e.target.value))} className="block w-40" />
                </label>
                <label className="block">
                  Vertical position
                  <input type="range" min={0} max={100} value={y} onChange={(e) => setY(Number(e.target.value))} className="block w-40" />
                </label>
                <button type="button" disabled={busy} onClick={upload} className="rounded-md bg-brand-700 px-3 py-1.5 font-semibold text-white disabled:opacity-60">
                  {busy ? 'Uploading…' : 'Use this crop'}
                </button>
              </div>
            </div>
          ) : null}
          {/* Always on the page, so the outcome of an upload or a removal is read out. */}
          <p role="status" className="sr-only">
            {status}
          </p>
          {error ? (
            <p role="alert" className="mt-2 text-sm font-medium text-red-700">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    </fieldset>
  );
}
