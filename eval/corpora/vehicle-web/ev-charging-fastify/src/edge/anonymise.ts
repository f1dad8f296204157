import sharp from 'sharp';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Detector = (jpeg: Buffer) => Promise<{ faces: Box[]; plates: Box[] }>;

async function pixelateRegion(jpeg: Buffer, box: Box): Promise<sharp.OverlayOptions> {
  const region = await sharp(jpeg)
    .extract({ left: box.x, top: box.y, width: box.w, height: box.h })
    .resize(Math.max(1, Math.round(box.w / 16)), Math.max(1, Math.round(box.h / 16)), { kernel: 'nearest' })
    .resize(box.w, box.h, { kernel: 'nearest' })
    .toBuffer();
  return { input: region, left: box.x, top: box.y };
}

export async function pixelateFacesAndPlates(jpeg: Buffer, detect: Detector): Promise<Buffer> {
  const { faces, plates } = await detect(jpeg);
  const overlays = await Promise.all([...faces, ...plates].map((box) => pixelateRegion(jpeg, box)));
  if (overlays.length === 0) return jpeg;
  return sharp(jpeg).composite(overlays).jpeg({ quality: 80 }).toBuffer();
}
