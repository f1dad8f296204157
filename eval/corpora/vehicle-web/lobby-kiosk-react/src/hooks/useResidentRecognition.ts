import * as faceapi from '@vladmandic/face-api';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { fetchFaceConsent, reportMatch, verifyAtTurnstile } from '../api/visitors';
import { cacheGuestDescriptor, cacheResidentDescriptor, loadCachedDescriptors, recordRecognition } from '../face/faceCache';
import { logRecognition } from '../telemetry';

const GATE = 'lobby-north';

async function describe(video: HTMLVideoElement) {
  return faceapi
    .detectSingleFace(video, new faceapi.TinyFaceDetectorOptions({ inputSize: 320 }))
    .withFaceLandmarks()
    .withFaceDescriptor();
}

export function useResidentRecognition(videoRef: RefObject<HTMLVideoElement>) {
  const matcherRef = useRef<faceapi.FaceMatcher | null>(null);
  const [ready, setReady] = useState(false);
  const [lastResult, setLastResult] = useState<{ label: string; distance: number } | null>(null);

  useEffect(() => {
    let stream: MediaStream | undefined;
    (async () => {
      await Promise.all([
        faceapi.nets.tinyFaceDetector.loadFromUri('/models'),
        faceapi.nets.faceLandmark68Net.loadFromUri('/models'),
        faceapi.nets.faceRecognitionNet.loadFromUri('/models'),
      ]);
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: 640 } });
      if (videoRef.current) videoRef.current.srcObject = stream;
      const labelled = await loadCachedDescriptors();
      if (labelled.length) matcherRef.current = new faceapi.FaceMatcher(labelled, 0.5);
      setReady(true);
    })();
    return () => stream?.getTracks().forEach((t) => t.stop());
  }, [videoRef]);

  const recognise = useCallback(async () => {
    const video = videoRef.current;
    if (!video || !matcherRef.current) return null;
    const detection = await describe(video);
    if (!detection) return null;
    const best = matcherRef.current.findBestMatch(detection.descriptor);
    const result = { label: best.label, distance: best.distance };
    setLastResult(result);
    await recordRecognition(result.label, result.distance);
    await reportMatch(GATE, result);
    if (best.label !== 'unknown') {
      logRecognition(best.label, best.distance);
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d')?.drawImage(video, 0, 0);
      const frame = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
      if (frame) await verifyAtTurnstile(GATE, frame);
    }
    return result;
  }, [videoRef]);

  const enrolResident = useCallback(
    async (residentId: string) => {
      if (!(await fetchFaceConsent(residentId))) {
        throw new Error('Resident has not agreed to face access');
      }
      const video = videoRef.current;
      if (!video) return;
      const detection = await describe(video);
      if (!detection) throw new Error('No face found, please look at the camera');
      await cacheResidentDescriptor(residentId, detection.descriptor);
    },
    [videoRef],
  );

  const enrolGuest = useCallback(
    async (hostResidentId: string, guestName: string) => {
      if (!(await fetchFaceConsent(hostResidentId))) {
        throw new Error('Host has not agreed to face access');
      }
      const video = videoRef.current;
      if (!video) return;
      const detection = await describe(video);
      if (!detection) throw new Error('No face found, please look at the camera');
      await cacheGuestDescriptor(hostResidentId, guestName, detection.descriptor);
    },
    [videoRef],
  );

  return { ready, lastResult, recognise, enrolResident, enrolGuest };
}
