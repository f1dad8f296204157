import cv, { type Mat, type Rect } from '@u4/opencv4nodejs';

const faceDetector = new cv.CascadeClassifier(cv.HAAR_FRONTALFACE_ALT2);
const profileDetector = new cv.CascadeClassifier(cv.HAAR_PROFILEFACE);
const plateDetector = new cv.CascadeClassifier(cv.HAAR_RUSSIAN_PLATE_NUMBER);

/**
 * Blurs every detected face (frontal and profile) and licence plate in a frame, on the vehicle, before anything
 * leaves it (Automotive Data Provisions art. 8). Returns a new Mat; the input is left untouched.
 */
export function blurFacesAndPlates(frame: Mat): Mat {
  const output = frame.copy();
  const gray = frame.bgrToGray();
  const regions = [
    ...faceDetector.detectMultiScale(gray).objects,
    ...profileDetector.detectMultiScale(gray).objects,
    ...plateDetector.detectMultiScale(gray).objects,
  ];
  for (const region of regions) {
    const padded = pad(region, frame.cols, frame.rows);
    const kernel = Math.max(31, Math.floor(Math.max(padded.width, padded.height) / 2) * 2 + 1);
    const blurred = output.getRegion(padded).gaussianBlur(new cv.Size(kernel, kernel), 0);
    blurred.copyTo(output.getRegion(padded));
  }
  return output;
}

/** Grows a detection box by 20 % so that hair, ears and plate frames are covered too. */
function pad(rect: Rect, maxWidth: number, maxHeight: number): Rect {
  const dx = Math.round(rect.width * 0.2);
  const dy = Math.round(rect.height * 0.2);
  const x = Math.max(0, rect.x - dx);
  const y = Math.max(0, rect.y - dy);
  return new cv.Rect(x, y, Math.min(maxWidth - x, rect.width + 2 * dx), Math.min(maxHeight - y, rect.height + 2 * dy));
}
