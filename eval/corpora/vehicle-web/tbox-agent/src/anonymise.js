'use strict';

const cv = require('@u4/opencv4nodejs');

const faceCascade = new cv.CascadeClassifier(cv.HAAR_FRONTALFACE_ALT2);
const profileCascade = new cv.CascadeClassifier(cv.HAAR_PROFILEFACE);
const plateCascade = new cv.CascadeClassifier(cv.HAAR_RUSSIAN_PLATE_NUMBER);

function blurRegions(mat, rects) {
  const out = mat.copy();
  for (const rect of rects) {
    const roi = out.getRegion(rect);
    roi.gaussianBlur(new cv.Size(51, 51), 0).copyTo(roi);
  }
  return out;
}

function blurFacesAndPlates(mat) {
  const gray = mat.bgrToGray();
  const faces = faceCascade.detectMultiScale(gray, 1.1, 3).objects;
  const profiles = profileCascade.detectMultiScale(gray, 1.1, 3).objects;
  const plates = plateCascade.detectMultiScale(gray, 1.05, 2).objects;
  return blurRegions(mat, [...faces, ...profiles, ...plates]);
}

function redactFrame(mat) {
  const gray = mat.bgrToGray();
  const faces = faceCascade.detectMultiScale(gray, 1.1, 4).objects;
  return blurRegions(mat, faces);
}

module.exports = { blurFacesAndPlates, redactFrame };
