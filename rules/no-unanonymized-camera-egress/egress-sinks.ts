/**
 * Egress sinks of `no-unanonymized-camera-egress` (DOMAIN.md §4.5): HTTP clients, sockets, IoT and message buses,
 * WebRTC, gRPC, mini-program uploads and stream outputs that send data off the vehicle or device.
 */
import type { SinkModel } from '../../server/src/engine/rule-api';
import { httpRequestSinks } from '../shared/http-clients';
import { withNodePrefix } from '../shared/names';

/** Sends off the vehicle or device (DOMAIN.md §4.5); `urlArgument` lets on-vehicle hosts and loopback pass. */
export function networkSinks(): SinkModel[] {
  const sinks: SinkModel[] = [
    // HTTP clients with a positional URL: fetch, node-fetch, undici, axios, got, ky, superagent, request, urllib and
    // Egg's `ctx.curl`. A request to loopback or an allowed host is not egress.
    ...httpRequestSinks((client) => `HTTP request (${client})`),
    { module: 'axios', path: '', arguments: [0], property: 'data', urlArgument: 0, urlProperty: 'url', description: 'HTTP request (axios)' },
    { module: 'axios', path: 'request', arguments: [0], property: 'data', urlArgument: 0, urlProperty: 'url', description: 'HTTP request (axios)' },
    { global: 'XMLHttpRequest', path: 'new().send', arguments: [0], description: 'HTTP request (XMLHttpRequest)' },
    { global: 'navigator', path: 'sendBeacon', arguments: [1], urlArgument: 0, description: 'beacon (navigator.sendBeacon)' },
    { global: 'WebSocket', path: 'new().send', arguments: [0], urlArgument: 'receiver', description: 'WebSocket message' },
    { module: 'ws', path: 'new().send', arguments: [0], urlArgument: 'receiver', description: 'WebSocket message (ws)' },
    { module: 'ws', path: 'WebSocket.new().send', arguments: [0], urlArgument: 'receiver', description: 'WebSocket message (ws)' },
    { receiverName: 'ws|socket|websocket|.*socket|.*ws', methods: 'send', arguments: [0], description: 'WebSocket message (by receiver name)' },
    { module: 'socket.io-client', path: 'io().emit', arguments: 'all', description: 'Socket.IO message' },
    { module: 'socket.io', path: 'Server.new().emit|to().emit', arguments: 'all', description: 'Socket.IO broadcast' },
    { receiverName: 'socket|.*socket|io', methods: 'emit', arguments: 'all', description: 'Socket.IO message (by receiver name)' },
    { module: 'node-rtsp-stream', path: '', arguments: [0], property: 'streamUrl', description: 'RTSP re-broadcast over WebSocket (node-rtsp-stream)' },
    // IoT and message buses: the T-Box's usual ways out.
    { module: 'mqtt', path: 'connect|connectAsync().publish|publishAsync', arguments: [1], urlArgument: 'receiver', description: 'MQTT publish' },
    { module: 'mqtt', path: 'MqttClient.new().publish|publishAsync', arguments: [1], urlArgument: 'receiver', description: 'MQTT publish' },
    { receiverName: 'mqtt|.*mqtt.*', methods: 'publish|publishAsync', arguments: [1], description: 'MQTT publish (by receiver name)' },
    { module: 'aws-iot-device-sdk', path: 'device|thingShadow().publish', arguments: [1], description: 'AWS IoT publish' },
    { module: 'aws-iot-device-sdk-v2', path: 'mqtt.MqttClientConnection.new().publish', arguments: [1], description: 'AWS IoT publish' },
    { module: 'aws-iot-device-sdk-v2', path: 'mqtt.MqttClient.new().new_connection().publish', arguments: [1], description: 'AWS IoT publish' },
    { module: 'aws-iot-device-sdk-v2', path: 'mqtt5.Mqtt5Client.new().publish', arguments: [0], property: 'payload', description: 'AWS IoT MQTT5 publish' },
    { module: '@aws-sdk/client-iot-data-plane', path: 'PublishCommand', arguments: [0], property: 'payload', description: 'AWS IoT Data Plane publish' },
    { module: '@aws-sdk/client-kinesis', path: 'PutRecordCommand', arguments: [0], property: 'Data', description: 'Amazon Kinesis PutRecord' },
    { module: '@aws-sdk/client-kinesis', path: 'PutRecordsCommand', arguments: [0], property: 'Records', description: 'Amazon Kinesis PutRecords' },
    // `addTrack(track, ...streams)`: the track is the media; the streams only group tracks.
    { global: 'RTCPeerConnection', path: 'new().addTrack|addStream', arguments: [0], description: 'WebRTC media track (e.g. Kinesis Video WebRTC)' },
    { global: 'RTCPeerConnection', path: 'new().createDataChannel().send', arguments: [0], description: 'WebRTC data channel' },
    // A peer connection handed in as a parameter has no API ref: recognise its data channel by name.
    { receiverName: 'channel|.*data_?channel|dc', methods: 'send', arguments: [0], description: 'WebRTC data channel (by receiver name)' },
    { receiverName: 'call|.*call', methods: 'write', arguments: [0], description: 'gRPC client stream (by receiver name)' },
    ...grpcSinks(),
    { module: 'amqplib', path: 'connect().createChannel|createConfirmChannel().publish', arguments: [2], description: 'AMQP publish' },
    { module: 'amqplib', path: 'connect().createChannel|createConfirmChannel().sendToQueue', arguments: [1], description: 'AMQP send' },
    { module: 'kafkajs', path: 'Kafka.new().producer().send|sendBatch', arguments: [0], description: 'Kafka produce' },
    { module: 'nats', path: 'connect().publish|request', arguments: [1], description: 'NATS publish' },
    { module: '@nestjs/microservices', path: 'ClientProxy.new().emit|send', arguments: [1], description: 'NestJS microservice message' },
    // Mini-programs
    { global: 'wx', path: 'uploadFile', arguments: [0], property: 'filePath', description: 'WeChat upload (wx.uploadFile)' },
    { global: 'wx', path: 'request', arguments: [0], property: 'data', description: 'WeChat request (wx.request)' },
    { global: 'uni', path: 'uploadFile', arguments: [0], property: 'filePath', description: 'uni-app upload (uni.uploadFile)' },
    { global: 'uni', path: 'request', arguments: [0], property: 'data', description: 'uni-app request (uni.request)' },
    { module: '@tarojs/taro', path: 'uploadFile', arguments: [0], property: 'filePath', description: 'Taro upload' },
    // Media services and chat bots that deliver the picture to people elsewhere.
    { module: 'cloudinary', path: 'v2.uploader.upload|upload_large|unsigned_upload', arguments: [0], description: 'Cloudinary upload' },
    { module: 'cloudinary', path: 'uploader.upload|upload_large|unsigned_upload', arguments: [0], description: 'Cloudinary upload' },
    { module: 'cloudinary', path: 'v2.uploader.upload_stream().end|write', arguments: [0], description: 'Cloudinary upload' },
    { module: 'node-telegram-bot-api', path: 'new().sendPhoto|sendVideo|sendDocument|sendAnimation|sendVideoNote|sendMediaGroup', arguments: [1], description: 'Telegram message (node-telegram-bot-api)' },
    { module: 'telegraf', path: 'Telegraf.new().telegram.sendPhoto|sendVideo|sendDocument|sendMediaGroup', arguments: [1], description: 'Telegram message (telegraf)' },
    { receiverName: 'bot|.*bot|telegram', methods: 'sendPhoto|sendVideo|sendDocument|sendAnimation|sendMediaGroup', arguments: [1], description: 'Telegram message (by receiver name)' },
    // Cloud vision and face APIs: the frame is uploaded to be analysed.
    {
      module: '@aws-sdk/client-rekognition',
      path: 'DetectFacesCommand|DetectLabelsCommand|DetectTextCommand|SearchFacesByImageCommand|CompareFacesCommand|IndexFacesCommand|RecognizeCelebritiesCommand|DetectProtectiveEquipmentCommand|DetectModerationLabelsCommand|SearchUsersByImageCommand',
      arguments: [0],
      description: 'Amazon Rekognition (uploads the image)',
    },
    {
      module: 'aws-sdk',
      path: 'Rekognition.new().detectFaces|detectLabels|detectText|searchFacesByImage|compareFaces|indexFaces|recognizeCelebrities|detectProtectiveEquipment|detectModerationLabels',
      arguments: [0],
      description: 'Amazon Rekognition (uploads the image)',
    },
    { module: 'baidu-aip-sdk', path: 'face|imageClassify|ocr|bodyanalysis|contentCensor.new().*', arguments: [0], description: 'Baidu AI (uploads the image)' },
    ...['tencentcloud-sdk-nodejs', 'tencentcloud-sdk-nodejs-iai'].map((module): SinkModel => ({
      module,
      path: 'iai.v20200303|v20180301.Client.new().DetectFace|SearchFaces|SearchPersons|CompareFace|VerifyFace|CreatePerson|CreateFace|DetectLiveFace|AnalyzeFace',
      arguments: [0],
      description: 'Tencent Cloud IAI (uploads the image)',
    })),
    {
      module: '@alicloud/facebody20191230',
      path: 'new().detectFace|compareFace|searchFace|recognizeFace|addFace|detectFaceAdvance|searchFaceAdvance|compareFaceAdvance|addFaceAdvance',
      arguments: [0],
      description: 'Alibaba Cloud facebody (uploads the image)',
    },
    // Cloud anonymisation uploads the raw image first: it is egress, not a fix (DOMAIN.md §4.6).
    {
      module: '@alicloud/facebody20191230',
      path: 'new().blurFace|blurFaceAdvance|blurFaceWithOptions|blurFaceAdvanceWithOptions',
      arguments: [0],
      description: 'Alibaba Cloud blurFace (uploads the raw image)',
    },
    { module: '@alicloud/facebody20191230', path: 'BlurFaceRequest', arguments: [0], property: 'imageURL', description: 'Alibaba Cloud blurFace (uploads the raw image)' },
  ];
  for (const http of [...withNodePrefix('http'), ...withNodePrefix('https')]) {
    sinks.push({ module: http, path: 'request().write|end', arguments: [0], urlArgument: 'receiver', description: 'HTTP request body (node:http)' });
  }
  // fluent-ffmpeg: `ffmpeg(rtspUrl).videoCodec(…).output('rtmp://…').run()`. The stream is the receiver, and only a
  // network output is egress (`.save('/mnt/sdcard/…')` stays on the vehicle); loopback outputs pass.
  sinks.push({
    module: 'fluent-ffmpeg',
    path: '().**.output|save',
    arguments: [],
    receiver: true,
    when: { argument: 0, matches: '^(?:rtmps?|rtsps?|srt|udp|tcp|https?|ftp|icecast)://' },
    urlArgument: 0,
    description: 'network stream output (fluent-ffmpeg)',
  });
  return sinks;
}


/**
 * @grpc/grpc-js clients come from `loadPackageDefinition(def).<package…>.<Service>`: unary calls take the request
 * first (`client.uploadScene({ image }, cb)`), client streams return a call whose `write` sends a message.
 */
function grpcSinks(): SinkModel[] {
  const sinks: SinkModel[] = [];
  for (let depth = 1; depth <= 4; depth++) {
    const service = `loadPackageDefinition()${'.*'.repeat(depth)}.new()`;
    sinks.push(
      { module: '@grpc/grpc-js', path: `${service}.*`, arguments: [0], description: 'gRPC call' },
      { module: '@grpc/grpc-js', path: `${service}.*().write`, arguments: [0], description: 'gRPC client stream' },
    );
  }
  return sinks;
}
