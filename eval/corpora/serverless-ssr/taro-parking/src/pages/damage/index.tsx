import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Image, Button, Textarea } from '@tarojs/components';
import { request } from '../../services/api';

/** The lot's insurer receives the damage photos directly and opens a claim for the parking order. */
const CLAIMS_UPLOAD_URL = 'https://claims.example-insure.cn/api/v1/parking/damage-photos';
const MAX_PHOTOS = 6;

interface ClaimTicket {
  claimNo: string;
  uploadToken: string;
}

export default function DamageReport() {
  const { params } = useRouter<{ orderId: string }>();
  const [photos, setPhotos] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const addPhotos = async () => {
    const res = await Taro.chooseImage({
      count: MAX_PHOTOS - photos.length,
      sizeType: ['original'],
      sourceType: ['camera'],
    });
    setPhotos((prev) => [...prev, ...res.tempFilePaths].slice(0, MAX_PHOTOS));
  };

  const submit = async () => {
    if (photos.length === 0 || submitting) return;
    setSubmitting(true);
    try {
      const ticket = await request<ClaimTicket>('/v2/claims', {
        method: 'POST',
        data: { orderId: params.orderId, note, photoCount: photos.length },
      });
      for (const [index, filePath] of photos.entries()) {
        await Taro.uploadFile({
          url: CLAIMS_UPLOAD_URL,
          filePath,
          name: 'photo',
          formData: { claimNo: ticket.claimNo, index: String(index) },
          header: { 'X-Upload-Token': ticket.uploadToken },
        });
      }
      Taro.showToast({ title: `已提交，报案号 ${ticket.claimNo}`, icon: 'none', duration: 3000 });
      Taro.navigateBack();
    } catch (err) {
      Taro.showToast({ title: '提交失败，请稍后重试', icon: 'none' });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="damage">
      <View className="damage__photos">
        {photos.map((p) => (
          <Image key={p} src={p} mode="aspectFill" className="damage__photo" />
        ))}
        {photos.length < MAX_PHOTOS && <Button onClick={addPhotos}>拍照</Button>}
      </View>
      <Textarea value={note} onInput={(e) => setNote(e.detail.value)} placeholder="请描述受损部位" maxlength={200} />
      <Button type="primary" loading={submitting} onClick={submit}>提交理赔</Button>
    </View>
  );
}
