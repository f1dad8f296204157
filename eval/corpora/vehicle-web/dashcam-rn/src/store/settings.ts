import AsyncStorage from '@react-native-async-storage/async-storage';
import type { Vehicle } from '../types';

export interface AppSettings {
  faceIdEnabled: boolean;
  dmsEnabled: boolean;
  uploadOnWifiOnly: boolean;
  vehicle: Vehicle | null;
}

const KEY = 'app.settings.v2';

export const defaultSettings: AppSettings = {
  faceIdEnabled: false,
  dmsEnabled: false,
  uploadOnWifiOnly: true,
  vehicle: null,
};

export async function loadSettings(): Promise<AppSettings> {
  const raw = await AsyncStorage.getItem(KEY);
  return raw ? { ...defaultSettings, ...(JSON.parse(raw) as Partial<AppSettings>) } : defaultSettings;
}

export async function updateSettings(patch: Partial<AppSettings>): Promise<AppSettings> {
  const next = { ...(await loadSettings()), ...patch };
  await AsyncStorage.setItem(KEY, JSON.stringify(next));
  return next;
}
