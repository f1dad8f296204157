import ImageResizer from '@bam.tech/react-native-image-resizer';
import { NativeModules } from 'react-native';

interface PrivacyFilterResult {
  path: string;
  faces: number;
  plates: number;
}

// Re-encodes the JPEG, which drops EXIF (GPS position, phone model, serial) and caps the size for sharing.
export async function anonymizePhoto(path: string): Promise<string> {
  const out = await ImageResizer.createResizedImage(path, 1600, 1600, 'JPEG', 85, 0, undefined, false, {
    mode: 'contain',
    onlyScaleDown: true,
  });
  return out.path;
}

export async function blurFacesAndPlates(path: string): Promise<string> {
  const { PrivacyFilter } = NativeModules;
  const result = (await PrivacyFilter.blurAll(path, { faces: true, plates: true, kernel: 35 })) as PrivacyFilterResult;
  return result.path;
}
