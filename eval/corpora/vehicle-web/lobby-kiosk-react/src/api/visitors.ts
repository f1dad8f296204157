import axios from 'axios';
import type { VisitorDetails } from '../store/visitorSlice';

const api = axios.create({
  baseURL: 'https://access.example-building.com/api',
  timeout: 10_000,
  headers: { 'x-kiosk-id': import.meta.env.VITE_KIOSK_ID },
});

export async function createVisit(details: VisitorDetails): Promise<{ id: string; badgeCode: string }> {
  const { data } = await api.post<{ id: string; badgeCode: string }>('/visits', details);
  return data;
}

export async function uploadVisitorSnapshot(visitId: string, faceSnapshot: string): Promise<void> {
  await api.post(`/visits/${visitId}/snapshot`, { image: faceSnapshot, takenAt: new Date().toISOString() });
}

export async function reportMatch(gate: string, result: { label: string; distance: number }): Promise<void> {
  await api.post(`/gates/${gate}/events`, {
    matched: result.label !== 'unknown',
    residentId: result.label === 'unknown' ? null : result.label,
    distance: result.distance,
    at: Date.now(),
  });
}

export async function verifyAtTurnstile(gate: string, frame: Blob): Promise<boolean> {
  const res = await fetch(`http://localhost:7070/gates/${gate}/verify`, {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg' },
    body: frame,
  });
  return res.ok;
}

export async function fetchFaceConsent(residentId: string): Promise<boolean> {
  const { data } = await api.get<{ faceAccess: { grantedAt: string | null; revokedAt: string | null } }>(
    `/residents/${residentId}/consents`,
  );
  return Boolean(data.faceAccess.grantedAt) && !data.faceAccess.revokedAt;
}
