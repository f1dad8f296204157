import { useCallback, useRef, useState } from 'react';
import Webcam from 'react-webcam';
import { privacyAccepted, snapshotTaken, useAppDispatch, useAppSelector } from '../store/visitorSlice';

const videoConstraints: MediaTrackConstraints = { width: 720, height: 960, facingMode: 'user' };

export function CaptureStep({ onNext }: { onNext: () => void }) {
  const webcamRef = useRef<Webcam>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const dispatch = useAppDispatch();
  const accepted = useAppSelector((s) => s.visitor.privacyAccepted);

  const capture = useCallback(() => {
    const faceSnapshot = webcamRef.current?.getScreenshot();
    if (!faceSnapshot) return;
    setPreview(faceSnapshot);
    dispatch(snapshotTaken(faceSnapshot));
    if (accepted) {
      sessionStorage.setItem('lobby.pendingFace', faceSnapshot);
    }
  }, [dispatch, accepted]);

  if (!accepted) {
    return (
      <section className="privacy">
        <p>Please read and accept the building privacy notice to continue.</p>
        <button onClick={() => dispatch(privacyAccepted())}>I accept</button>
      </section>
    );
  }

  return (
    <section className="capture">
      {preview ? (
        <img src={preview} alt="Your photo" />
      ) : (
        <Webcam
          ref={webcamRef}
          audio={false}
          mirrored
          screenshotFormat="image/jpeg"
          screenshotQuality={0.9}
          videoConstraints={videoConstraints}
        />
      )}
      <div className="actions">
        {preview ? (
          <>
            <button onClick={() => setPreview(null)}>Retake</button>
            <button onClick={onNext}>Use this photo</button>
          </>
        ) : (
          <button onClick={capture}>Take photo</button>
        )}
      </div>
    </section>
  );
}
