import { useState, type FormEvent } from 'react';
import { createVisit, uploadVisitorSnapshot } from '../api/visitors';
import { detailsEntered, reset, visitCreated, useAppDispatch, useAppSelector, type VisitorDetails } from '../store/visitorSlice';
import { logVisitorCheckedIn, logVisitorRegistered } from '../telemetry';
import { CaptureStep } from './CaptureStep';

type Step = 'details' | 'photo' | 'submitting' | 'done';

export function RegisterVisitor() {
  const dispatch = useAppDispatch();
  const { details, faceSnapshot } = useAppSelector((s) => s.visitor);
  const [step, setStep] = useState<Step>('details');
  const [badgeCode, setBadgeCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onDetails = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const entered = {
      fullName: String(form.get('fullName') ?? ''),
      company: String(form.get('company') ?? '') || undefined,
      idCardNo: String(form.get('idCardNo') ?? '').toUpperCase(),
      hostResidentId: String(form.get('hostResidentId') ?? ''),
      floor: Number(form.get('floor') ?? 1),
    } satisfies VisitorDetails;
    dispatch(detailsEntered(entered));
    setStep('photo');
  };

  const submit = async () => {
    if (!details || !faceSnapshot) return;
    setStep('submitting');
    try {
      const visit = await createVisit(details);
      dispatch(visitCreated(visit.id));
      logVisitorRegistered(visit.id, details);
      await uploadVisitorSnapshot(visit.id, faceSnapshot);
      logVisitorCheckedIn(visit.id, details);
      setBadgeCode(visit.badgeCode);
      setStep('done');
      sessionStorage.removeItem('lobby.pendingFace');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Registration failed');
      setStep('photo');
    }
  };

  if (step === 'details') {
    return (
      <form onSubmit={onDetails}>
        <input name="fullName" required placeholder="Full name" />
        <input name="company" placeholder="Company" />
        <input name="idCardNo" required placeholder="ID card number" pattern="[0-9]{17}[0-9Xx]" />
        <input name="hostResidentId" required placeholder="Host code" />
        <input name="floor" type="number" min={1} max={48} defaultValue={1} />
        <button type="submit">Next</button>
      </form>
    );
  }

  if (step === 'photo' || step === 'submitting') {
    return (
      <>
        <CaptureStep onNext={submit} />
        {error && <p className="error">{error}</p>}
      </>
    );
  }

  return (
    <section className="done">
      <p>Your visitor badge code is {badgeCode}</p>
      <button onClick={() => dispatch(reset())}>Finish</button>
    </section>
  );
}
