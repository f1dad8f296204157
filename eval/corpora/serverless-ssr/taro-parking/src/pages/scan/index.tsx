import { useRef, useState } from 'react';
import Taro, { useReady, useRouter } from '@tarojs/taro';
import { View, Camera, Button, Text } from '@tarojs/components';
import { recognisePlate, reportPhotoStats, request, PlateResult } from '../../services/api';

interface TakePhotoResult {
  tempImagePath: string;
}

export default function ScanPlate() {
  const { params } = useRouter<{ lotCode: string }>();
  const [plate, setPlate] = useState<PlateResult | null>(null);
  const [busy, setBusy] = useState(false);
  const cameraCtx = useRef<Taro.CameraContext>();

  useReady(() => {
    cameraCtx.current = Taro.createCameraContext();
  });

  const recognise = async (filePath: string, source: 'camera' | 'album') => {
    const info = await Taro.getImageInfo({ src: filePath });
    void reportPhotoStats({ source, width: info.width, height: info.height, at: Date.now() });
    const result = await recognisePlate(filePath);
    console.log('[scan] plate recognised', result.plateNo, result.confidence);
    setPlate(result);
  };

  const handleShoot = async () => {
    if (!cameraCtx.current || busy) return;
    setBusy(true);
    try {
      const photo = await new Promise<TakePhotoResult>((resolve, reject) =>
        cameraCtx.current!.takePhoto({ quality: 'high', success: resolve, fail: reject }),
      );
      await recognise(photo.tempImagePath, 'camera');
    } catch (err) {
      Taro.showToast({ title: '识别失败，请重试', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const handleAlbum = async () => {
    const { tempFilePaths } = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    if (tempFilePaths.length > 0) await recognise(tempFilePaths[0], 'album');
  };

  const confirmEntry = async () => {
    if (!plate) return;
    Taro.setStorageSync('lastPlateNo', plate.plateNo);
    await request('/v2/parking/entries', {
      method: 'POST',
      data: { plateNo: plate.plateNo, plateColor: plate.plateColor, lotCode: params.lotCode, entryAt: Date.now() },
    });
    Taro.reportAnalytics('plate_entry_confirmed', { plate_no: plate.plateNo, lot_code: params.lotCode });
    Taro.redirectTo({ url: `/pages/order/index?lotCode=${params.lotCode}` });
  };

  return (
    <View className="scan">
      <Camera className="scan__camera" devicePosition="back" flash="auto" />
      {plate ? (
        <View className="scan__result">
          <Text className={`plate plate--${plate.plateColor}`}>{plate.plateNo}</Text>
          <Button type="primary" onClick={confirmEntry}>确认入场</Button>
        </View>
      ) : (
        <View className="scan__actions">
          <Button type="primary" loading={busy} onClick={handleShoot}>拍摄车牌</Button>
          <Button onClick={handleAlbum}>从相册选择</Button>
        </View>
      )}
    </View>
  );
}
