'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

type Status = 'idle' | 'ready' | 'uploading' | 'done' | 'error';

interface SelfieCaptureProps {
  bookingNo: string;
  onUploaded?: () => void;
}

function canvasToJpeg(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
}

export default function SelfieCapture({ bookingNo, onUploaded }: SelfieCaptureProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [status, setStatus] = useState<Status>('idle');

  useEffect(() => {
    let stream: MediaStream | undefined;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'user', width: 1280, height: 720 }, audio: false })
      .then((s) => {
        stream = s;
        if (videoRef.current) {
          videoRef.current.srcObject = s;
          void videoRef.current.play();
          setStatus('ready');
        }
      })
      .catch(() => setStatus('error'));
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, []);

  const capture = useCallback(async () => {
    const video = videoRef.current;
    const canvas = canvasRef.current;
    if (!video || !canvas) return;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
    const capturedAt = Date.now();
    const blob = await canvasToJpeg(canvas);
    if (!blob) {
      setStatus('error');
      return;
    }

    // camera health beacon for the showroom IT dashboard
    void fetch('/api/telemetry/camera', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ bookingNo, width: canvas.width, height: canvas.height, bytes: blob.size, capturedAt }),
      keepalive: true,
    });

    setStatus('uploading');
    const body = new FormData();
    body.append('selfie', blob, `${bookingNo}.jpg`);
    const res = await fetch(`/api/test-drives/${encodeURIComponent(bookingNo)}/selfie`, { method: 'POST', body });
    if (!res.ok) {
      setStatus('error');
      return;
    }
    setStatus('done');
    onUploaded?.();
  }, [bookingNo, onUploaded]);

  return (
    <div className="selfie-capture">
      <video ref={videoRef} playsInline muted className="selfie-capture__video" />
      <canvas ref={canvasRef} hidden />
      {status === 'error' && <p className="selfie-capture__error">无法访问摄像头或上传失败，请重试</p>}
      <button type="button" onClick={capture} disabled={status !== 'ready'}>
        {status === 'uploading' ? '上传中…' : '拍照确认身份'}
      </button>
    </div>
  );
}
