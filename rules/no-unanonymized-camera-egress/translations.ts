/**
 * Chinese for the descriptions of this rule's models (camera-sources.ts, egress-sinks.ts, anonymisers.ts), keyed
 * by the English description; `{{name}}` matches any text and carries it over. A new model needs its entry here
 * (or in ../shared/translations.ts): test/rules/model-translations.test.ts names every description that lacks one.
 */
import { withSharedTranslations } from '../shared/translations';

export const translations = withSharedTranslations({
  // Sources
  'camera frame, image or video': '摄像头画面、图像或视频',
  'camera stream (getUserMedia)': '摄像头视频流（getUserMedia）',
  'camera photo (ImageCapture)': '摄像头照片（ImageCapture）',
  'recorded video chunk (MediaRecorder)': '录制的视频片段（MediaRecorder）',
  'camera frame drawn on a canvas': '绘制到 canvas 上的摄像头画面',
  'webcam capture (node-webcam)': '网络摄像头拍摄（node-webcam）',
  'V4L2 camera frame': 'V4L2 摄像头画面',
  'video stream (fluent-ffmpeg)': '视频流（fluent-ffmpeg）',
  'camera photo or video (react-native-vision-camera / expo-camera)': '摄像头照片或视频（react-native-vision-camera / expo-camera）',
  'camera video (react-native-vision-camera)': '摄像头视频（react-native-vision-camera）',
  'camera frame (react-native-vision-camera frame processor)': '摄像头画面（react-native-vision-camera 帧处理器）',
  'camera photo (@capacitor/camera)': '摄像头照片（@capacitor/camera）',
  'webcam screenshot (react-webcam)': '网络摄像头截图（react-webcam）',
  'webcam snapshot (webcamjs)': '网络摄像头快照（webcamjs）',
  'IP camera snapshot (ONVIF)': '网络摄像机快照（ONVIF）',
  'camera photo (WeChat mini-program)': '摄像头照片（微信小程序）',
  'camera or album media (WeChat mini-program)': '摄像头或相册媒体（微信小程序）',
  'camera photo ({{framework}})': '摄像头照片（{{framework}}）',
  'camera or album media ({{framework}})': '摄像头或相册媒体（{{framework}}）',
  'camera frame ({{library}} VideoCapture)': '摄像头画面（{{library}} VideoCapture）',
  'camera video ({{type}} handed to an entry point)': '摄像头视频（传入入口函数的 {{type}}）',
  // Sinks
  'RTSP re-broadcast over WebSocket (node-rtsp-stream)': '通过 WebSocket 转播 RTSP（node-rtsp-stream）',
  'AWS IoT publish': 'AWS IoT 发布',
  'AWS IoT MQTT5 publish': 'AWS IoT MQTT5 发布',
  'AWS IoT Data Plane publish': 'AWS IoT 数据平面发布',
  'Amazon Kinesis PutRecord': 'Amazon Kinesis PutRecord 写入',
  'Amazon Kinesis PutRecords': 'Amazon Kinesis PutRecords 批量写入',
  'WebRTC media track (e.g. Kinesis Video WebRTC)': 'WebRTC 媒体轨道（例如 Kinesis Video WebRTC）',
  'WebRTC data channel': 'WebRTC 数据通道',
  'WebRTC data channel (by receiver name)': 'WebRTC 数据通道（按接收对象名称识别）',
  'gRPC client stream (by receiver name)': 'gRPC 客户端流（按接收对象名称识别）',
  'gRPC call': 'gRPC 调用',
  'gRPC client stream': 'gRPC 客户端流',
  'AMQP publish': 'AMQP 发布',
  'AMQP send': 'AMQP 发送',
  'Kafka produce': 'Kafka 生产消息',
  'NATS publish': 'NATS 发布',
  'NestJS microservice message': 'NestJS 微服务消息',
  'Cloudinary upload': 'Cloudinary 上传',
  'Telegram message ({{library}})': 'Telegram 消息（{{library}}）',
  'Telegram message (by receiver name)': 'Telegram 消息（按接收对象名称识别）',
  'Amazon Rekognition (uploads the image)': 'Amazon Rekognition（上传图像）',
  'Baidu AI (uploads the image)': '百度 AI（上传图像）',
  'Tencent Cloud IAI (uploads the image)': '腾讯云人脸识别 IAI（上传图像）',
  'Alibaba Cloud facebody (uploads the image)': '阿里云人脸人体 facebody（上传图像）',
  'Alibaba Cloud blurFace (uploads the raw image)': '阿里云 blurFace 人脸模糊（上传原始图像）',
  'network stream output (fluent-ffmpeg)': '网络流输出（fluent-ffmpeg）',
  // Sanitizers
  'face and plate anonymiser': '人脸和车牌匿名化函数',
  'blurred image (sharp)': '模糊处理后的图像（sharp）',
  'digest of the frame (no pixels)': '画面摘要（不含像素）',
  'configured anonymiser': '配置的匿名化函数（anonymizers）',
  'configured anonymiser method': '配置的匿名化方法（anonymizers）',
  // Guards (with allowWithConsent)
  'separate consent to sending camera data': '对发送摄像头数据的单独同意',
  'a general privacy-policy or terms flag': '通用的隐私政策或用户协议同意标记',
  'an OS or browser permission (camera access or a biometric unlock prompt)': '操作系统或浏览器权限（摄像头访问或生物识别解锁提示）',
  'a cookie-banner consent': 'Cookie 横幅同意',
});
