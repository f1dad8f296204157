import { useRef, useState } from 'react';
import Taro, { useReady } from '@tarojs/taro';
import { View, Camera, Button, Text } from '@tarojs/components';
import { API_BASE, request } from '../../services/api';

interface FaceConsent {
  faceConsentAt: string | null;
  faceConsentRevokedAt: string | null;
}

/**
 * Monthly-pass holders can walk through the lobby gate of the car park by face.
 * Enrolment needs the separate face authorisation signed on the consent page.
 */
export default function MemberFace() {
  const memberId = Taro.getStorageSync<string>('memberId');
  const [message, setMessage] = useState('');
  const cameraCtx = useRef<Taro.CameraContext>();
  const fs = Taro.getFileSystemManager();

  useReady(() => {
    cameraCtx.current = Taro.createCameraContext();
  });

  const takePhoto = () =>
    new Promise<string>((resolve, reject) =>
      cameraCtx.current!.takePhoto({ quality: 'normal', success: (r) => resolve(r.tempImagePath), fail: reject }),
    );

  const enrolFace = async () => {
    const consent = await request<FaceConsent>(`/v2/members/${memberId}/consents/face`);
    if (!consent.faceConsentAt || consent.faceConsentRevokedAt) {
      Taro.navigateTo({ url: '/pages/member/face-consent' });
      return;
    }
    const path = await takePhoto();
    const faceBase64 = fs.readFileSync(path, 'base64') as string;
    Taro.setStorageSync(`faceCache:${memberId}`, { faceBase64, at: Date.now() });
    await Taro.uploadFile({ url: `${API_BASE}/v2/members/${memberId}/face`, filePath: path, name: 'face' });
    setMessage('人脸已登记');
  };

  /** At the gate on a weak signal: keep the photo and retry verification in the background. */
  const verifyAtGate = async (gateCode: string) => {
    const { tempFilePaths } = await Taro.chooseImage({ count: 1, sourceType: ['camera'], sizeType: ['compressed'] });
    const facePhoto = fs.readFileSync(tempFilePaths[0], 'base64') as string;
    Taro.setStorageSync('pendingFacePhoto', { memberId, gateCode, facePhoto });
    const res = await Taro.request({
      url: `${API_BASE}/v2/gates/${gateCode}/face-verify`,
      method: 'POST',
      data: { memberId, image: facePhoto },
    });
    setMessage(res.statusCode === 200 ? '验证通过，闸机已开' : '验证失败');
  };

  return (
    <View className="member-face">
      <Camera devicePosition="front" className="member-face__camera" />
      <Text>{message}</Text>
      <Button type="primary" onClick={enrolFace}>登记人脸</Button>
      <Button onClick={() => verifyAtGate('LOBBY-B1')}>刷脸开闸</Button>
    </View>
  );
}
