import cv, { type Mat } from '@u4/opencv4nodejs';

/** Front camera of the T-Box's DVR module (V4L2 device on the head unit). */
const DASHCAM_DEVICE = process.env.DASHCAM_DEVICE ?? '/dev/video2';

const dashcam = new cv.VideoCapture(DASHCAM_DEVICE);

export function captureDashcamFrame(): Mat {
  const frame = dashcam.read();
  if (frame.empty) {
    throw new Error(`Dashcam ${DASHCAM_DEVICE} returned an empty frame; is the DVR module powered?`);
  }
  return frame;
}

export function releaseDashcam(): void {
  dashcam.release();
}
